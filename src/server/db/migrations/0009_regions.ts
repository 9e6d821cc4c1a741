import { type Kysely, sql } from 'kysely';
import { parseRegionText } from '../../modules/regions/region-names.js';

/**
 * Country, province, city and district were free text; they become ISO 3166 and GB/T 2260 codes
 * (see modules/regions). Names that match a division are replaced by its code; what matches nothing
 * moves to the front of the street address, so no one's typing is lost. Deleted records are
 * migrated too: they may come back from the recycle bin.
 */
interface Tuple {
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
}

const same = (a: Tuple, b: Tuple) => a.country === b.country && a.province === b.province && a.city === b.city && a.district === b.district;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['organizations', 'contacts']) {
    // One update per distinct address, not per row: there are few distinct ones.
    const { rows } = await sql<Tuple>`select distinct country, province, city, district from ${sql.table(table)}`.execute(db);
    for (const old of rows) {
      const { value, rest } = parseRegionText(old);
      if (same(old, value) && rest.length === 0) continue;
      const prefix = rest.length > 0 ? rest.join(' ') : null;
      const eq = (column: string, v: string | null) => sql`${sql.ref(column)} is not distinct from ${v}`;
      await sql`
        update ${sql.table(table)}
        set country = ${value.country}, province = ${value.province}, city = ${value.city}, district = ${value.district},
            address = case when cast(${prefix} as text) is null then address
                           when address is null or address = '' then cast(${prefix} as text)
                           else cast(${prefix} as text) || ' ' || address end
        where ${eq('country', old.country)} and ${eq('province', old.province)} and ${eq('city', old.city)} and ${eq('district', old.district)}`.execute(db);
    }
  }
}

/** Codes are still valid text; nothing to undo. */
export async function down(): Promise<void> {}
