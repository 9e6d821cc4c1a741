import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { CustomField } from '../../../shared/schemas/custom-fields';
import type { Contact, Organization } from '../../../shared/schemas/customers';
import type { MergeSide } from '../../../shared/schemas/duplicates';
import { CustomValue } from '../custom-fields/CustomValue';
import { fieldLabel } from '../custom-fields/fieldLabel';
import { ContactPointsText } from '../customers/ContactPointFields';
import { LifecycleTag, TagList, TierTag } from '../customers/CustomerTags';
import { partyTypeLabel, sizeLabel } from '../customers/customerLabels';
import { OwnerName } from '../customers/OwnerName';
import type { DuplicateType } from '../duplicates/api';
import { regionText } from '../regions/RegionName';
import type { PartyRecord } from './api';

/** Which record a field's value comes from; lists can also be combined (the server's default for them). */
export type Choice = MergeSide | 'both';

export interface MergeRow {
  /** The field name the merge API takes ("name", "address", "custom.<key>"). */
  key: string;
  label: string;
  /** Tags, phones and e-mails: both records' entries can be combined. */
  list?: boolean;
  /** Shown for information: always combined (a contact's organizations). */
  combined?: boolean;
  value(r: PartyRecord): unknown;
  render(r: PartyRecord): ReactNode;
}

const EMPTY = <Typography.Text type="secondary">—</Typography.Text>;
export const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const text = (v: string | null | undefined) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : EMPTY);
const org = (r: PartyRecord) => r as Organization;

function plain(key: string, label: string, get: (r: PartyRecord) => string | null | undefined): MergeRow {
  return { key, label, value: get, render: (r) => text(get(r)) };
}

/** "广东省 深圳市 南山区 科技园路 1 号": the address is one field in a merge (codes compared, names shown). */
const addressKey = (r: PartyRecord) => [r.country, r.province, r.city, r.district, r.address].join('|');
const addressOf = (r: PartyRecord, language: string) => [regionText(r, language), r.address].filter(Boolean).join(' ') || null;

/** The rows of the side-by-side table, in the order of the record's form; custom fields last. */
export function mergeRows(t: TFunction, type: DuplicateType, customFields: CustomField[], language: string): MergeRow[] {
  const rows: MergeRow[] = [plain('name', type === 'organizations' ? t('organizations.name') : t('contacts.name'), (r) => r.name)];
  if (type === 'organizations') {
    rows.push(
      { key: 'partyType', label: t('customers.partyType'), value: (r) => org(r).partyType, render: (r) => partyTypeLabel(t, org(r).partyType) },
      {
        key: 'lifecycleStatus',
        label: t('customers.lifecycleStatus'),
        value: (r) => org(r).lifecycleStatus,
        render: (r) => <LifecycleTag status={org(r).lifecycleStatus} />,
      },
    );
  }
  rows.push(
    { key: 'tier', label: t('customers.tier'), value: (r) => r.tier, render: (r) => (r.tier ? <TierTag tier={r.tier} /> : EMPTY) },
    { key: 'ownerId', label: t('customers.owner'), value: (r) => r.ownerId, render: (r) => <OwnerName id={r.ownerId} /> },
  );
  if (type === 'organizations') {
    rows.push(
      plain('industry', t('organizations.industry'), (r) => org(r).industry),
      {
        key: 'size',
        label: t('organizations.size'),
        value: (r) => org(r).size,
        render: (r) => (org(r).size ? sizeLabel(t, org(r).size as string) : EMPTY),
      },
    );
  }
  rows.push(plain('source', t('customers.source'), (r) => r.source));
  if (type === 'organizations') {
    rows.push(
      plain('uscc', t('organizations.uscc'), (r) => org(r).uscc),
      plain('website', t('organizations.website'), (r) => org(r).website),
    );
  }
  rows.push(
    { key: 'address', label: t('customers.address'), value: addressKey, render: (r) => text(addressOf(r, language)) },
    {
      key: 'phones',
      label: t('customers.phones'),
      list: true,
      value: (r) => r.phones.map((p) => p.number),
      render: (r) => <ContactPointsText items={r.phones.map((p) => ({ label: p.label, value: p.number }))} />,
    },
    {
      key: 'emails',
      label: t('customers.emails'),
      list: true,
      value: (r) => r.emails.map((e) => e.address),
      render: (r) => <ContactPointsText items={r.emails.map((e) => ({ label: e.label, value: e.address }))} />,
    },
    { key: 'tags', label: t('customers.tags'), list: true, value: (r) => r.tags, render: (r) => (r.tags.length > 0 ? <TagList tags={r.tags} /> : EMPTY) },
  );
  if (type === 'contacts') {
    const memberships = (r: PartyRecord) => (r as Contact).organizations;
    rows.push({
      key: 'organizations',
      label: t('contacts.organizations'),
      combined: true,
      value: (r) => memberships(r).map((m) => m.organizationId),
      render: (r) =>
        memberships(r).length > 0 ? (
          <ContactPointsText items={memberships(r).map((m) => ({ label: m.title ?? undefined, value: m.organizationName }))} />
        ) : (
          EMPTY
        ),
    });
  }
  rows.push(plain('notes', t('customers.notes'), (r) => r.notes));
  for (const field of customFields) {
    rows.push({
      key: `custom.${field.key}`,
      label: fieldLabel(field.label, language),
      value: (r) => r.custom[field.key],
      render: (r) => <CustomValue field={field} value={r.custom[field.key]} />,
    });
  }
  return rows;
}

export const differs = (row: MergeRow, target: PartyRecord, source: PartyRecord) =>
  JSON.stringify(row.value(target) ?? null) !== JSON.stringify(row.value(source) ?? null);

/** What the server would do unasked: lists combined, the owner kept, empty values filled from the other record. */
export function defaultChoice(row: MergeRow, target: PartyRecord): Choice {
  if (row.list || row.combined) return 'both';
  if (row.key === 'ownerId') return 'target';
  return isEmpty(row.value(target)) ? 'source' : 'target';
}

/** The API's `fields`: every differing field as chosen, except combined lists (the default). */
export function fieldsBody(choices: Record<string, Choice>): Record<string, MergeSide> {
  return Object.fromEntries(Object.entries(choices).filter((e): e is [string, MergeSide] => e[1] !== 'both'));
}
