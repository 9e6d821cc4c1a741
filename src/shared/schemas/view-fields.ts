import type { CustomField, CustomFieldType } from './custom-fields.js';
import { LIFECYCLE_STATUSES, ORG_SIZES, PARTY_TYPES, TIERS } from './customers.js';
import type { FilterOp } from './list-filters.js';
import type { ViewEntity } from './views.js';

/**
 * The fields a list view of each record type offers: as columns, as filters and as sorts. Saved
 * views are checked against them on the server, and the web builds its column chooser and filter
 * builder from them. Kinds and operators are those of the server's filter engine
 * (platform/list-filters.ts).
 */
export type FieldKind = 'text' | 'enum' | 'id' | 'number' | 'date' | 'timestamp' | 'boolean' | 'tags' | 'multi';

export const OPS_BY_KIND: Record<FieldKind, readonly FilterOp[]> = {
  text: ['eq', 'neq', 'contains', 'in', 'empty', 'notEmpty'],
  enum: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  id: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  number: ['eq', 'neq', 'in', 'between', 'gte', 'lte', 'empty', 'notEmpty'],
  date: ['eq', 'neq', 'in', 'between', 'gte', 'lte', 'empty', 'notEmpty'],
  timestamp: ['eq', 'between', 'gte', 'lte', 'empty', 'notEmpty'],
  boolean: ['eq', 'neq', 'empty', 'notEmpty'],
  tags: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
  multi: ['eq', 'neq', 'in', 'empty', 'notEmpty'],
};

export interface ViewField {
  key: string;
  /** Filterable with this kind's operators; absent for display-only columns (phones, e-mails…). */
  kind?: FieldKind;
  sortable?: boolean;
  /** enum: the values, when the list has a fixed set (region codes have none). */
  options?: readonly string[];
  /** id / multi: what the id points at; enum: 'country' / 'region' for ISO and GB/T 2260 codes (decides the value picker). */
  ref?: 'user' | 'team' | 'organization' | 'country' | 'region';
  /** A filter only, not a column (e.g. a contact's organization: the column is "organizations"). */
  filterOnly?: boolean;
  /** Shown when the user has not chosen columns. */
  defaultVisible?: boolean;
}

const f = (key: string, kind: FieldKind | undefined, extra: Omit<ViewField, 'key' | 'kind'> = {}): ViewField => ({ key, ...(kind && { kind }), ...extra });
const sortable = { sortable: true } as const;
const shown = { defaultVisible: true } as const;

/** Region, tags, owner and the timestamps: what organizations and contacts have in common. */
const partyFields = (): ViewField[] => [
  f('ownerId', 'id', { ref: 'user', ...shown }),
  f('teamId', 'id', { ref: 'team' }),
  f('source', 'text', sortable),
  // Region parts are division codes: matched exactly, never by "contains".
  f('country', 'enum', { ref: 'country' }),
  f('province', 'enum', { ...sortable, ...shown, ref: 'region' }),
  f('city', 'enum', { ...sortable, ref: 'region' }),
  f('district', 'enum', { ref: 'region' }),
  f('address', undefined),
  f('tags', 'tags', shown),
  f('lastActivityAt', 'timestamp', sortable),
  f('updatedAt', 'timestamp', { ...sortable, ...shown }),
  f('createdAt', 'timestamp', { ...sortable, ...shown }),
];

/** Built-in fields per list, in default column order; kept in step with the server's modules/customers/list-fields.ts. */
export const BUILTIN_VIEW_FIELDS: Record<ViewEntity, readonly ViewField[]> = {
  organizations: [
    f('name', 'text', { ...sortable, ...shown }),
    f('partyType', 'enum', { ...sortable, ...shown, options: PARTY_TYPES }),
    f('lifecycleStatus', 'enum', { ...sortable, ...shown, options: LIFECYCLE_STATUSES }),
    f('tier', 'enum', { ...sortable, ...shown, options: TIERS }),
    f('industry', 'text', sortable),
    f('size', 'enum', { ...sortable, options: ORG_SIZES }),
    f('phones', undefined),
    f('emails', undefined),
    f('website', 'text'),
    f('uscc', 'text'),
    ...partyFields(),
  ],
  contacts: [
    f('name', 'text', { ...sortable, ...shown }),
    f('organizations', undefined, shown),
    f('organizationId', 'multi', { ref: 'organization', filterOnly: true }),
    f('tier', 'enum', { ...sortable, ...shown, options: TIERS }),
    f('reach', undefined, shown),
    f('phones', undefined),
    f('emails', undefined),
    ...partyFields().map((field) => (field.key === 'province' ? { ...field, defaultVisible: false } : field)),
  ],
};

export const CUSTOM_PREFIX = 'custom.';

/** How a custom field is filtered and whether it sorts (long text and multi-select do not). */
export function customFieldKind(type: CustomFieldType): { kind: FieldKind; sortable: boolean } {
  switch (type) {
    case 'number':
    case 'money':
      return { kind: 'number', sortable: true };
    case 'date':
      return { kind: 'date', sortable: true };
    case 'select':
      return { kind: 'enum', sortable: true };
    case 'multiSelect':
      return { kind: 'multi', sortable: false };
    case 'boolean':
      return { kind: 'boolean', sortable: true };
    case 'user':
      return { kind: 'id', sortable: true };
    case 'longText':
      return { kind: 'text', sortable: false };
    default:
      return { kind: 'text', sortable: true };
  }
}

/** Every field of a list: the built-in ones, then the custom fields as "custom.<key>". */
export function viewFieldsOf(entity: ViewEntity, custom: Pick<CustomField, 'key' | 'type' | 'showInList'>[]): ViewField[] {
  return [
    ...BUILTIN_VIEW_FIELDS[entity],
    ...custom.map((c) => ({
      key: `${CUSTOM_PREFIX}${c.key}`,
      ...customFieldKind(c.type),
      ...(c.type === 'user' && { ref: 'user' as const }),
      defaultVisible: c.showInList,
    })),
  ];
}
