import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DuplicateReason } from '../../../shared/schemas/duplicates';

const COLORS: Record<DuplicateReason, string> = { sameUscc: 'red', samePhone: 'volcano', sameEmail: 'volcano', sameName: 'orange', similarName: 'default' };

/** Why a record looks like a duplicate, strongest first, as small tags. */
export function DuplicateReasons({ reasons }: { reasons: DuplicateReason[] }) {
  const { t } = useTranslation();
  return (
    <>
      {reasons.map((r) => (
        <Tag key={r} color={COLORS[r]} style={{ marginInlineEnd: 4 }}>
          {t(`merge.reasons.${r}`)}
        </Tag>
      ))}
    </>
  );
}
