import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ModuleKey } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../context.js';
import { type ScopeColumns, scopeFilter } from '../permissions.js';

export interface SearchPresentation {
  title: string;
  subtitle: string | null;
}

/**
 * What a module tells global search about one record type. The index holds only keys; who may see a
 * record is decided at query time by the module's own table and scope columns, so owner changes,
 * pool claims and team moves never leave the index out of date.
 */
export interface SearchableType {
  /** The type name in results and in the index, e.g. "organizations". */
  type: string;
  /** Read permission on this module is needed to find any record of the type. */
  module: ModuleKey;
  /** The module's table (soft-deletable, `id` primary key) and the column shown as the title. */
  table: string;
  titleColumn: string;
  scope: ScopeColumns;
  /**
   * Who may see a record, when that is not the module's record scope (e.g. confidential expansion
   * cards): replaces the scope filter in every search query. Without it, `scope` decides.
   */
  visibleTo?(actor: Actor): (eb: ExpressionBuilder<Database, keyof Database>) => Expression<SqlBool>;
  /** Title and subtitle of found records, in one query for the whole page. */
  present(db: Db, ids: string[]): Promise<Map<string, SearchPresentation>>;
}

/** The WHERE expression that keeps a type's search results to what the actor may see. */
export const searchVisibility = (actor: Actor, st: SearchableType) => (st.visibleTo ? st.visibleTo(actor) : scopeFilter(actor, st.module, st.scope));
