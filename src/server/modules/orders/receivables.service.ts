import { fromMinor, toMinorNumber } from '../../../shared/money.js';
import type { AgingBucket, ReceivablePage, ReceivableQuery } from '../../../shared/schemas/orders.js';
import type { Ctx } from '../../platform/context.js';
import { toPage } from '../../platform/pagination.js';
import { assertCan } from '../../platform/permissions.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { type BucketBounds, bucketBounds, receivablesRepository as repo } from './receivables.repository.js';

/** Today's date in UTC (YYYY-MM-DD): the daily job runs at 01:00 UTC, 09:00 in China, on the same date. */
export const todayUtc = (at: Date = new Date()) => at.toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function bucketOf(dueOn: string, b: BucketBounds): AgingBucket {
  if (dueOn >= b.asOf) return 'current';
  if (dueOn >= b.d30) return 'd0_30';
  if (dueOn >= b.d60) return 'd31_60';
  if (dueOn >= b.d90) return 'd61_90';
  return 'd90_plus';
}

export const receivablesService = {
  /** Outstanding and overdue amounts per installment with aging, and totals per currency over the whole selection. */
  async list(ctx: Ctx, q: ReceivableQuery): Promise<ReceivablePage> {
    assertCan(ctx.actor, 'orders', 'read');
    const b = bucketBounds(q.asOf ?? todayUtc());
    const [totals, { rows, keys }] = await Promise.all([repo.totals(ctx.db, ctx.actor, q, b), repo.page(ctx.db, ctx.actor, q, b)]);
    const page = toPage(rows, q.limit, keys);
    const [orgs, users] = await Promise.all([
      organizationsService.namesOf(
        ctx,
        page.rows.map((r) => r.organizationId),
      ),
      usersService.namesOf(
        ctx,
        page.rows.map((r) => r.ownerId).filter((id): id is string => !!id),
      ),
    ]);
    return {
      asOf: b.asOf,
      totals: totals.map((t) => ({
        currency: t.currency as ReceivablePage['totals'][number]['currency'],
        outstanding: fromMinor(toMinorNumber(t.outstanding)),
        overdue: fromMinor(toMinorNumber(t.overdue)),
        buckets: {
          current: fromMinor(toMinorNumber(t.current)),
          d0_30: fromMinor(toMinorNumber(t.days0to30)),
          d31_60: fromMinor(toMinorNumber(t.days31to60)),
          d61_90: fromMinor(toMinorNumber(t.days61to90)),
          d90_plus: fromMinor(toMinorNumber(t.days90plus)),
        },
      })),
      items: page.rows.map((r) => {
        const amount = toMinorNumber(r.amountMinor);
        const paid = toMinorNumber(r.paidMinor);
        return {
          installmentId: r.id,
          orderId: r.orderId,
          orderNumber: r.number,
          organizationId: r.organizationId,
          organizationName: orgs.get(r.organizationId) ?? null,
          ownerId: r.ownerId,
          ownerName: r.ownerId ? (users.get(r.ownerId) ?? null) : null,
          seq: r.seq,
          dueOn: r.dueOn,
          currency: r.currency as ReceivablePage['totals'][number]['currency'],
          amount: fromMinor(amount),
          paid: fromMinor(paid),
          outstanding: fromMinor(amount - paid),
          daysOverdue: Math.max(0, daysBetween(r.dueOn, b.asOf)),
          bucket: bucketOf(r.dueOn, b),
          remindedAt: r.remindedAt,
        };
      }),
      nextCursor: page.nextCursor,
    };
  },
};
