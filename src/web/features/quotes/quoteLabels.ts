import { formatMinor, toMinor } from '../../../shared/money';
import type { QuoteStatus } from '../../../shared/schemas/quotes';

export const formatMoney = (amount: string, currency?: string) => formatMinor(toMinor(amount), currency);

export const QUOTE_STATUS_COLORS: Record<QuoteStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  sent: 'processing',
  accepted: 'success',
  rejected: 'error',
  expired: 'warning',
};
