import { toMinorNumber } from '../../../shared/money.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { registerApprovalSubject, submitForApproval } from '../approvals/approvals.service.js';
import type { OrderRow } from './orders.tables.js';

/** Asks the approval engine whether activating the order needs approval (contract amount above the policy). */
export function submitOrderForApproval(trx: Db, ctx: Ctx, order: OrderRow) {
  return submitForApproval(trx, ctx, { type: 'order', id: order.id, reason: 'amount', amountMinor: toMinorNumber(order.totalMinor), currency: order.currency });
}

/** Called once when the routes load: the engine names orders in the inbox and hands decisions back. */
export function registerOrderApprovals(subject: {
  title(db: Db, id: string): Promise<string>;
  onDecided(trx: Db, id: string, outcome: 'approved' | 'rejected'): Promise<void>;
  canSee(ctx: Ctx, id: string): Promise<boolean>;
}): void {
  registerApprovalSubject('order', subject);
}
