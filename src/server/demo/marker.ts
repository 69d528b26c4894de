/** The settings key that marks an installation as holding the demo dataset (its value: seed, scale, end). */
export const DEMO_SETTING = 'demo_dataset';

/**
 * The settings key a demo run writes before its first record and removes, in the transaction that writes
 * DEMO_SETTING, once the fill and the publication succeeded: while it is there, the installation holds part
 * of a demo that stopped, and a new run refuses it.
 */
export const DEMO_INCOMPLETE_SETTING = 'demo_dataset_incomplete';
