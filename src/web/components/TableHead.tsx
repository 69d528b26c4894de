import { useTranslation } from 'react-i18next';

/**
 * A data table's head: a column heading for each of `columns`, and with
 * `actions` a last column for the row's buttons, named for screen readers
 * only (the buttons say what they do).
 */
export function TableHead({ columns, actions = false }: { columns: readonly string[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {columns.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
