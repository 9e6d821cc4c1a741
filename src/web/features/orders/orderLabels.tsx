import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { formatMinor, toMinor } from '../../../shared/money';
import type { AgingBucket, OrderKind, OrderStatus } from '../../../shared/schemas/orders';
import { i18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';

const STATUS_COLORS: Record<OrderStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  active: 'processing',
  completed: 'success',
  cancelled: 'default',
};
export const BUCKET_COLORS: Record<AgingBucket, string> = { current: 'default', d0_30: 'gold', d31_60: 'orange', d61_90: 'volcano', d90_plus: 'red' };

export const kindLabel = (t: TFunction, k: OrderKind) => t(`orders.kinds.${k}`);

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{i18n.t(`orders.statuses.${status}`)}</Tag>;
}

export function BucketTag({ bucket }: { bucket: AgingBucket }) {
  return <Tag color={BUCKET_COLORS[bucket]}>{i18n.t(`receivables.buckets.${bucket}`)}</Tag>;
}

/** "1234.5" shown as "¥1,234.50" without going through floating point. */
export const money = (amount: string, currency?: string) => formatMinor(toMinor(amount), currency);

/** The orders module's own error codes first (plan sums, overpayments…), then the app-wide ones. */
export function orderErrorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && i18n.exists(`orders.errors.${err.code}`)) return t(`orders.errors.${err.code}`);
  return errorMessage(t, err);
}
