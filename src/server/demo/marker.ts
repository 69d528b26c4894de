/** The settings key that marks an installation as holding the demo dataset (its value: seed, scale, end). */
export const DEMO_SETTING = 'demo_dataset';
