import type { Action } from '../../../shared/schemas/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { assertCan, scopeFilter } from '../../platform/permissions.js';
import { ORGANIZATION_SCOPE } from '../organizations/organizations.repository.js';

/**
 * A key-account record is reachable when the actor holds the `key_accounts` action and the
 * organization lies inside their `key_accounts` scope, judged on the organization's owner and team
 * (the key-account contract). 403 without the action, 404 outside the scope.
 */
export async function assertAccountInScope(ctx: Ctx, organizationId: string, action: Action): Promise<void> {
  assertCan(ctx.actor, 'key_accounts', action);
  const row = await ctx.db
    .selectFrom('organizations')
    .select('organizations.id')
    .where('organizations.id', '=', organizationId)
    .where('organizations.deletedAt', 'is', null)
    .where(scopeFilter(ctx.actor, 'key_accounts', ORGANIZATION_SCOPE))
    .executeTakeFirst();
  if (!row) throw notFound('Organization');
}
