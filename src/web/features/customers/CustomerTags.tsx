import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_COLORS, type LifecycleStatus, lifecycleLabel, TIER_COLORS, type Tier, tierLabel } from './customerLabels';

export function LifecycleTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={LIFECYCLE_COLORS[status as LifecycleStatus] ?? 'default'}>{lifecycleLabel(t, status)}</Tag>;
}

export function TierTag({ tier }: { tier: string | null }) {
  const { t } = useTranslation();
  if (!tier) return null;
  return <Tag color={TIER_COLORS[tier as Tier] ?? 'default'}>{tierLabel(t, tier)}</Tag>;
}

/** The record's free tags, or nothing. */
export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <>
      {tags.map((tag) => (
        <Tag key={tag} variant="filled">
          {tag}
        </Tag>
      ))}
    </>
  );
}
