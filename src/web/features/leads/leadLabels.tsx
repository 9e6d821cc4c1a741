import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadStatus } from '../../../shared/schemas/leads';

export const STATUS_COLORS: Record<LeadStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  qualified: 'green',
  unqualified: 'default',
  converted: 'purple',
};

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`leads.status.${status}`)}</Tag>;
}

export function useLeadOptions() {
  const { t } = useTranslation();
  return {
    sources: LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) })),
    statuses: LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) })),
  };
}
