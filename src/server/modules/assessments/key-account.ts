import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { findKeyAccount } from './assessments.repository.js';

/**
 * The account every key-account record hangs off, checked against the actor's key_accounts scope
 * (judged on the organization's owner and team); outside it the account does not exist (404).
 */
export async function loadKeyAccount(ctx: Ctx, organizationId: string): Promise<{ id: string; name: string }> {
  const account = await findKeyAccount(ctx.db, ctx.actor, organizationId);
  if (!account) throw notFound('Organization');
  return account;
}
