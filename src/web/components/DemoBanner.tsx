import { useTranslation } from 'react-i18next';
import type { HealthResponse } from '../../shared/health.js';
import { useApiQuery } from '../api/query.js';

/** A band above every staff page when the installation holds the invented `homeward demo` dataset. */
export function DemoBanner() {
  const { t } = useTranslation();
  const health = useApiQuery<HealthResponse>('/api/health', { staleTime: Infinity });
  if (health.data?.demo !== true) return null;
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      {t('demo.banner')}
    </p>
  );
}
