import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { can } from '../../platform/permissions.js';

const FALSE = sql<boolean>`1 = 0`;

/**
 * Who may see an expansion card (关键客户拓展卡片): its owner, its sponsor, and the managers of the
 * owner's team and of every team above it (team_managers, the managers the approval chain uses). The
 * role's record scope plays no part: an `all` scope does not open a confidential card (docs/DECISIONS.md,
 * "Expansion cards are confidential"). `ownerColumn`/`sponsorColumn` name the card's columns in the query.
 */
export function cardVisibleTo(actor: Actor, cols = { owner: 'expansionCards.ownerId', sponsor: 'expansionCards.sponsorId' }) {
  return (eb: ExpressionBuilder<Database, keyof Database>): Expression<SqlBool> => {
    if (!can(actor, 'key_accounts', 'read')) return FALSE;
    // Owners whose team lies in a subtree the actor manages: team path starts with a managed team's path.
    const managedOwners = eb
      .selectFrom('users as card_owner')
      .innerJoin('teams as owner_team', 'owner_team.id', 'card_owner.teamId')
      .innerJoin('teams as managed_team', (j) => j.on(sql<boolean>`owner_team.path like managed_team.path || '%'`))
      .innerJoin('teamManagers as card_manager', 'card_manager.teamId', 'managed_team.id')
      .select('card_owner.id')
      .where('card_manager.userId', '=', actor.userId);
    return eb.or([eb(sql.ref(cols.owner), '=', actor.userId), eb(sql.ref(cols.sponsor), '=', actor.userId), eb(sql.ref(cols.owner), 'in', managedOwners)]);
  };
}
