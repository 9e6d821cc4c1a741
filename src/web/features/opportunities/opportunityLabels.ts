import type { TFunction } from 'i18next';
import { formatMinor, toMinor } from '../../../shared/money';

/** A pipeline or stage: the Chinese name in the zh-CN interface when the admin gave one. */
export function localName(item: { name: string; nameZh: string | null }, language: string): string {
  return language.startsWith('zh') && item.nameZh ? item.nameZh : item.name;
}

/** The stage name an opportunity carries, in the interface language. */
export const stageNameOf = (o: { stageName: string; stageNameZh: string | null }, language: string) =>
  localName({ name: o.stageName, nameZh: o.stageNameZh }, language);

/** "120000.5" CNY → "¥120,000.50", without floating point. */
export const formatAmount = (amount: string, currency?: string) => formatMinor(toMinor(amount), currency);

export const STATUS_COLORS: Record<string, string> = { open: 'processing', won: 'success', lost: 'default' };

/** "3 d 4 h" / "3天4小时": whole days and hours, minutes for short stays. */
export function formatDuration(t: TFunction, seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return t('opportunities.duration.daysHours', { days, hours });
  if (hours > 0) return t('opportunities.duration.hoursMinutes', { hours, minutes });
  return t('opportunities.duration.minutes', { minutes });
}
