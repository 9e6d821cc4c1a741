import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest, ApprovalStep } from '../../../shared/schemas/approvals';

const STATUS_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', waiting: 'default', skipped: 'default' };

export function ApprovalStatusTag({ status }: { status: ApprovalRequest['status'] | ApprovalStep['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`approvals.status.${status}`)}</Tag>;
}

/** "Discount 15% on quote …" / "Contract amount CNY 600,000.00". */
export function approvalWhat(t: TFunction, r: Pick<ApprovalRequest, 'reason' | 'discountPercent' | 'amount' | 'currency'>): string {
  return r.reason === 'discount'
    ? t('approvals.reasonDiscount', { percent: r.discountPercent ?? '' })
    : t('approvals.reasonAmount', { amount: `${r.currency ?? ''} ${r.amount ?? ''}`.trim() });
}

/** Who acts on a step: the manager by name, or any user of the role. */
export function stepApprover(t: TFunction, s: ApprovalStep): string {
  return s.kind === 'manager' ? (s.approverName ?? '—') : t('approvals.anyOfRole', { role: s.roleName ?? '—' });
}
