import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Sets the tab title to "<page> — Homeward". Screen readers announce the title
 * after client-side navigation, so each page names itself.
 */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = `${pageTitle} — ${appName}`;
  }, [pageTitle, appName]);
}
