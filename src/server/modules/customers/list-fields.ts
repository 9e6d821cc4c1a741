import { type SqlBool, sql } from 'kysely';
import type { CustomFieldEntity } from '../../../shared/schemas/custom-fields.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { compileFilters, type ListField, type ListFields, parseFilterParam, sortColumns } from '../../platform/list-filters.js';
import { parseSort } from '../../platform/pagination.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { hasTag } from './tags.js';

/**
 * What the organization and contact lists filter and sort on: built-in columns (each with an
 * index from migrations 0002/0004) and the live custom fields as "custom.<key>".
 */

type Table = 'organizations' | 'contacts';

const col = (table: Table, column: string, kind: ListField['kind'], opts: { sortable?: boolean; nullable?: boolean } = {}): ListField => ({
  kind,
  column: `${table}.${column}`,
  nullable: opts.nullable ?? true,
  sortable: opts.sortable ?? false,
});

function tagsField(db: Db, table: Table): ListField {
  const column = `${table}.tags` as const;
  return {
    kind: 'tags',
    has: (tag) => hasTag(db, column, tag),
    hasAny: (tags) =>
      sql<SqlBool>`(${sql.join(
        tags.map((tag) => hasTag(db, column, tag)),
        sql` or `,
      )})`,
    isEmpty: () => sql<SqlBool>`${sql.ref(column)} = '[]'`,
  };
}

/** Fields both lists share. */
function partyFields(db: Db, table: Table): ListFields {
  const sorted = { sortable: true };
  return {
    name: col(table, 'name', 'text', { sortable: true, nullable: false }),
    tier: col(table, 'tier', 'enum', sorted),
    ownerId: col(table, 'ownerId', 'id'),
    teamId: col(table, 'teamId', 'id'),
    source: col(table, 'source', 'text', sorted),
    country: col(table, 'country', 'enum'),
    province: col(table, 'province', 'enum', sorted),
    city: col(table, 'city', 'enum', sorted),
    district: col(table, 'district', 'enum'),
    tags: tagsField(db, table),
    createdAt: col(table, 'createdAt', 'timestamp', { sortable: true, nullable: false }),
    updatedAt: col(table, 'updatedAt', 'timestamp', { sortable: true, nullable: false }),
    lastActivityAt: col(table, 'lastActivityAt', 'timestamp', sorted),
  };
}

function organizationFields(db: Db): ListFields {
  const t = 'organizations';
  return {
    ...partyFields(db, t),
    partyType: col(t, 'partyType', 'enum', { sortable: true, nullable: false }),
    lifecycleStatus: col(t, 'lifecycleStatus', 'enum', { sortable: true, nullable: false }),
    industry: col(t, 'industry', 'text', { sortable: true }),
    size: col(t, 'size', 'enum', { sortable: true }),
    website: col(t, 'website', 'text'),
    uscc: col(t, 'uscc', 'text'),
  };
}

function contactFields(db: Db): ListFields {
  const member = (organizationIds: string[]) =>
    sql<SqlBool>`exists (select 1 from contact_organizations m where m.contact_id = ${sql.ref('contacts.id')} and m.organization_id in (${sql.join(organizationIds)}))`;
  return {
    ...partyFields(db, 'contacts'),
    // A contact may belong to several organizations: filtered like a list of values.
    organizationId: {
      kind: 'multi',
      has: (id) => member([id]),
      hasAny: member,
      isEmpty: () => sql<SqlBool>`not exists (select 1 from contact_organizations m where m.contact_id = ${sql.ref('contacts.id')})`,
    },
  };
}

/**
 * The sort keys and the WHERE of a customer list query, from its `sort` and `filter` parameters
 * and the live custom fields (one small query). 400 naming `sort` or `filter` when they are bad.
 */
export async function customerListQuery(ctx: Ctx, entity: Table & CustomFieldEntity, q: { sort?: string; filter?: string }) {
  const fields = {
    ...(entity === 'organizations' ? organizationFields(ctx.db) : contactFields(ctx.db)),
    ...(await customFieldsService.listFields(ctx.db, entity)),
  };
  const keys = parseSort(q.sort, sortColumns(fields), `${entity}.id`, '-updatedAt');
  const where = compileFilters(fields, parseFilterParam(q.filter));
  return { keys, where };
}
