import { Alert, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateType } from '../duplicates/api';
import { type PartyRecord, useMoveCounts } from './api';

/** What goes to the kept record, as far as the user can see, and what happens to the other one. */
export function MoveSummary({ type, source }: { type: DuplicateType; source: PartyRecord }) {
  const { t } = useTranslation();
  const counts = useMoveCounts(type, source);
  const items = [
    counts.contacts !== undefined && { key: 'contacts', label: t('contacts.title'), children: counts.contacts },
    counts.organizations !== undefined && { key: 'organizations', label: t('contacts.organizations'), children: counts.organizations },
    counts.activities !== undefined && { key: 'activities', label: t('activities.title'), children: counts.activities },
    counts.tasks !== undefined && { key: 'tasks', label: t('merge.tasks'), children: counts.tasks },
  ].filter((i) => !!i);
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} items={items} />
      <Alert type="info" showIcon title={t('merge.movesNote', { name: source.name })} />
    </>
  );
}
