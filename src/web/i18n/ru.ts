import type { ErrorCode } from '../../shared/errors.js';
import type { Messages } from './en.js';

const errors: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Часть данных заполнена неверно. Проверьте форму и попробуйте ещё раз.',
  MALFORMED_JSON: 'Не удалось прочитать запрос. Перезагрузите страницу и попробуйте ещё раз.',
  UNAUTHENTICATED: 'Войдите, чтобы продолжить.',
  FORBIDDEN: 'У вас нет доступа к этому.',
  NOT_FOUND: 'Ничего не найдено.',
  ROUTE_NOT_FOUND: 'Сервер не знает такого адреса.',
  METHOD_NOT_ALLOWED: 'Сервер не принимает здесь такое действие.',
  CONFLICT: 'Кто-то уже изменил эти данные. Перезагрузите страницу и попробуйте ещё раз.',
  PAYLOAD_TOO_LARGE: 'Данные слишком большие для отправки.',
  UNSUPPORTED_MEDIA_TYPE: 'Сервер не может прочитать данные в таком виде.',
  RATE_LIMITED: 'Слишком много запросов. Подождите немного и попробуйте ещё раз.',
  INTERNAL_ERROR: 'На сервере что-то пошло не так. Попробуйте позже.',
  SERVICE_UNAVAILABLE: 'Сервер сейчас недоступен. Проверьте подключение и попробуйте ещё раз.',
};

// Annotated with `Messages`, so a missing key fails as a missing property and
// a key English does not have fails as an excess property.
export const ru: Messages = {
  app: {
    name: 'Homeward',
    skipToContent: 'Перейти к основному содержимому',
    mainNavigation: 'Основная навигация',
    language: 'Язык',
  },
  nav: {
    home: 'Главная',
  },
  home: {
    title: 'Главная',
    healthHeading: 'Состояние сервера',
    loading: 'Проверяем сервер…',
    retry: 'Попробовать ещё раз',
    status: 'Статус',
    database: 'База данных',
    version: 'Версия',
    statusOk: 'Работает',
  },
  notFound: {
    title: 'Страница не найдена',
    body: 'По этому адресу нет страницы. Возможно, она переехала или ссылка неверна.',
    backHome: 'На главную',
  },
  errors,
};
