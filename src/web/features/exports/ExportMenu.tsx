import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BUILTIN_VIEW_FIELDS, CUSTOM_PREFIX } from '../../../shared/schemas/view-fields';
import type { ViewEntity } from '../../../shared/schemas/views';
import { can } from '../../lib/permissions';
import { useCurrentUser } from '../auth/api';
import { useCustomFieldCatalog } from '../custom-fields/api';
import { useListState } from '../list-views/useListState';
import { exportUrl } from './exportUrl';

/** The list always shows the name first (see ListView); the file does too. */
const LOCKED = 'name';

/**
 * "Export" on a list page: the list exactly as it stands in the URL (search, filters, sort and the
 * columns shown, in order) as CSV or Excel. Shown only to users whose role may export the records.
 */
export function ExportMenu({ entity }: { entity: ViewEntity }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [state] = useListState();
  const mayExport = can(me.permissions, entity, 'export');
  const catalog = useCustomFieldCatalog(entity);

  const columns = useMemo(() => {
    if (!state.columns) return undefined;
    // Same rule as the table: columns of fields that no longer exist are skipped, not refused.
    const builtin = new Set(BUILTIN_VIEW_FIELDS[entity].filter((f) => !f.filterOnly).map((f) => f.key));
    const custom = catalog.data ? new Set(catalog.data.fields.map((f) => `${CUSTOM_PREFIX}${f.key}`)) : undefined;
    const known = state.columns.filter((k) => builtin.has(k) || (k.startsWith(CUSTOM_PREFIX) && (!custom || custom.has(k))));
    return known.includes(LOCKED) ? known : [LOCKED, ...known];
  }, [state.columns, entity, catalog.data]);

  if (!mayExport) return null;
  const href = (format: 'csv' | 'xlsx') =>
    exportUrl({
      entity,
      format,
      q: state.q,
      filters: state.filters,
      sort: state.sort,
      columns,
      language: i18n.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'csv',
            label: (
              <a href={href('csv')} download>
                {t('exports.csv')}
              </a>
            ),
          },
          {
            key: 'xlsx',
            label: (
              <a href={href('xlsx')} download>
                {t('exports.xlsx')}
              </a>
            ),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} title={t('exports.hint')}>
        {t('exports.button')}
      </Button>
    </Dropdown>
  );
}
