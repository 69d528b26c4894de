import type { demo as en } from './en-demo.js';

/** Русские сообщения демо-баннера; часть `ru`. */
export const demo: typeof en = {
  demo: {
    banner: 'Демо-данные: все люди, дела и тексты здесь вымышлены (homeward demo). Не вносите настоящие записи.',
  },
};
