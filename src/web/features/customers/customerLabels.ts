import type { TFunction } from 'i18next';
import { LIFECYCLE_STATUSES, ORG_SIZES, PARTY_TYPES, TIERS } from '../../../shared/schemas/customers';

export type PartyType = (typeof PARTY_TYPES)[number];
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];
export type Tier = (typeof TIERS)[number];
export type OrgSize = (typeof ORG_SIZES)[number];

/** Values the server may add later show as sent rather than as a missing key. */
export const partyTypeLabel = (t: TFunction, v: string) => t(`customers.partyTypes.${v}`, { defaultValue: v });
export const lifecycleLabel = (t: TFunction, v: string) => t(`customers.lifecycle.${v}`, { defaultValue: v });
export const tierLabel = (t: TFunction, v: string) => t(`customers.tiers.${v}`, { defaultValue: v });
export const sizeLabel = (t: TFunction, v: string) => t('customers.sizeEmployees', { size: v });

export const LIFECYCLE_COLORS: Record<LifecycleStatus, string> = {
  potential: 'blue',
  intended: 'gold',
  existing: 'green',
  terminated: 'default',
};

export const TIER_COLORS: Record<Tier, string> = { key: 'red', A: 'volcano', B: 'geekblue', C: 'default' };

export const partyTypeOptions = (t: TFunction) => PARTY_TYPES.map((v) => ({ value: v, label: partyTypeLabel(t, v) }));
export const lifecycleOptions = (t: TFunction) => LIFECYCLE_STATUSES.map((v) => ({ value: v, label: lifecycleLabel(t, v) }));
export const tierOptions = (t: TFunction) => TIERS.map((v) => ({ value: v, label: tierLabel(t, v) }));
export const sizeOptions = (t: TFunction) => ORG_SIZES.map((v) => ({ value: v, label: sizeLabel(t, v) }));

/** Turns coded field values in audit entries (lifecycle, party type, tier) into words; other fields are left to the caller. */
export function customerValueLabel(t: TFunction, field: string, value: string): string | undefined {
  if (field === 'partyType') return partyTypeLabel(t, value);
  if (field === 'lifecycleStatus') return lifecycleLabel(t, value);
  if (field === 'tier') return tierLabel(t, value);
  if (field === 'size') return sizeLabel(t, value);
  return undefined;
}
