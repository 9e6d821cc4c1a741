import { fromMinor, toMinorNumber } from '../../../shared/money.js';
import { computeQuoteTotals } from '../../../shared/quote-totals.js';
import type { QuoteAction } from '../../../shared/schemas/quotes.js';
import type { Db } from '../../db/connection.js';
import { audit, auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, notFound, versionConflict } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { registerApprovalSubject, submitForApproval } from '../approvals/approvals.service.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { chinaToday } from './quote-dates.js';
import { copyLines } from './quote-lines.js';
import { auditableQuote, effectiveStatus } from './quotes.presenter.js';
import { quotesRepository as repo } from './quotes.repository.js';
import { indexQuote } from './quotes.search.js';
import { assertEditable, loadVisible, MODULE, presentOne, quotesService } from './quotes.service.js';
import type { QuoteRow, QuoteUpdateRow } from './quotes.tables.js';

async function loadForAction(ctx: Ctx, id: string, input: QuoteAction): Promise<QuoteRow> {
  assertCan(ctx.actor, MODULE, 'update');
  const current = await loadVisible(ctx, id);
  if (current.version !== input.version) throw versionConflict();
  return current;
}

/** The discount that approval policies compare: quote and line discounts together, against list value. */
async function effectiveDiscountOf(db: Db, row: QuoteRow): Promise<string> {
  const lines = await repo.linesOf(db, row.id);
  return computeQuoteTotals(
    lines.map((l) => ({ quantity: l.quantity, unitPriceMinor: toMinorNumber(l.unitPriceMinor), discountPercent: l.discountPercent, taxRate: l.taxRate })),
    row.discountPercent,
  ).effectiveDiscountPercent;
}

async function changeStatus(trx: Db, ctx: Ctx, current: QuoteRow, changes: QuoteUpdateRow, meta?: Record<string, unknown>): Promise<QuoteRow> {
  const updated = await repo.update(trx, current.id, current.version, { ...changes, updatedAt: now() });
  if (!updated) throw versionConflict();
  await auditAs(trx, ctx.actor, 'update', MODULE, current.id, { before: auditableQuote(current), after: auditableQuote(updated), ...(meta && { meta }) });
  return updated;
}

export const quoteStatusService = {
  /**
   * Draft → sent. When the effective discount is above what the sender's role may give, the quote
   * goes to the approval chain instead (pending_approval, locked) and is sent when approved.
   */
  async send(ctx: Ctx, id: string, input: QuoteAction) {
    const current = await loadForAction(ctx, id, input);
    assertEditable(current);
    if (current.validUntil && current.validUntil < chinaToday()) {
      throw conflict('quote_expired', 'The validity date has passed; change it before sending', { validUntil: 'Must be today or later' });
    }
    const row = await ctx.db.transaction().execute(async (trx) => {
      const discountPercent = await effectiveDiscountOf(trx, current);
      const approval = await submitForApproval(trx, ctx, {
        type: 'quote',
        id,
        reason: 'discount',
        discountPercent,
        amountMinor: toMinorNumber(current.totalMinor),
        currency: current.currency,
      });
      if (approval.required) {
        return changeStatus(trx, ctx, current, { status: 'pending_approval', approvalRequestId: approval.requestId ?? null }, { discountPercent });
      }
      return changeStatus(trx, ctx, current, { status: 'sent', sentAt: now() });
    });
    return presentOne(ctx.db, row);
  },

  /** The customer's answer to a sent quote that has not expired. */
  async decide(ctx: Ctx, id: string, input: QuoteAction, outcome: 'accepted' | 'rejected') {
    const current = await loadForAction(ctx, id, input);
    if (current.supersededById) throw conflict('quote_superseded', 'A newer version of this quote exists; this one is read-only');
    const status = effectiveStatus(current, chinaToday());
    if (status === 'expired') throw conflict('quote_expired', 'The quote has expired; revise it to offer again');
    if (status !== 'sent') throw conflict('quote_not_sent', 'Only a sent quote can be accepted or rejected');
    const row = await ctx.db.transaction().execute((trx) => changeStatus(trx, ctx, current, { status: outcome, decidedAt: now() }));
    return presentOne(ctx.db, row);
  },

  /**
   * A new version (same number, revision + 1, a draft with the same lines); the old one is kept
   * read-only. An accepted quote is final (an order may stand on it) and a pending one is locked.
   */
  async revise(ctx: Ctx, id: string, input: QuoteAction) {
    const current = await loadForAction(ctx, id, input);
    if (current.supersededById) throw conflict('quote_superseded', 'Revise the latest version of this quote');
    if (current.status === 'pending_approval') throw conflict('locked', 'The quote is waiting for approval and cannot be changed');
    if (current.status === 'accepted') throw conflict('quote_accepted', 'An accepted quote is final');
    const at = now();
    const row = await ctx.db.transaction().execute(async (trx) => {
      const lines = await repo.linesOf(trx, id);
      const next = await repo.insert(trx, {
        ...current,
        subtotalMinor: toMinorNumber(current.subtotalMinor),
        discountMinor: toMinorNumber(current.discountMinor),
        taxMinor: toMinorNumber(current.taxMinor),
        totalMinor: toMinorNumber(current.totalMinor),
        id: newId(),
        revision: current.revision + 1,
        previousId: current.id,
        supersededById: null,
        status: 'draft',
        sentAt: null,
        decidedAt: null,
        approvalRequestId: null,
        ...freshRecord(ctx.actor.userId, at),
      });
      await repo.replaceLines(trx, next.id, copyLines(lines));
      await indexQuote(trx, next);
      // The old version is replaced whatever its version number: the revise request was checked against it above.
      const old = await repo.update(trx, id, current.version, { supersededById: next.id, updatedAt: at });
      if (!old) throw versionConflict();
      await indexQuote(trx, old);
      await auditAs(trx, ctx.actor, 'create', MODULE, next.id, { before: null, after: auditableQuote(next, lines), meta: { revisionOf: id } });
      await auditAs(trx, ctx.actor, 'update', MODULE, id, { before: auditableQuote(current), after: auditableQuote(old) });
      return next;
    });
    return presentOne(ctx.db, row);
  },
};

/** The approval engine learns how to name a quote and what its decision does to it. */
export function registerQuoteApprovals(): void {
  registerApprovalSubject('quote', {
    canSee: (ctx, id) => quotesService.canSee(ctx, id),
    async title(db, id) {
      const row = await repo.find(db, id);
      if (!row) return id;
      const org = (await organizationsService.namesOf({ db }, [row.organizationId])).get(row.organizationId);
      return `${row.number} v${row.revision}${org ? ` ${org}` : ''} · ${row.currency} ${fromMinor(row.totalMinor)}`;
    },
    // Approved: the send that asked for approval goes through. Rejected: back to draft, to be changed.
    async onDecided(trx, id, outcome) {
      const row = await repo.find(trx, id);
      if (!row) throw notFound('Quote');
      if (row.status !== 'pending_approval') return;
      const at = now();
      const changes = outcome === 'approved' ? { status: 'sent', sentAt: at } : { status: 'draft' };
      const updated = await repo.update(trx, id, row.version, { ...changes, updatedAt: at });
      if (!updated) throw versionConflict();
      await audit(trx, {
        actorId: null,
        ip: null,
        action: 'update',
        entityType: MODULE,
        entityId: id,
        before: auditableQuote(row),
        after: auditableQuote(updated),
        meta: { approval: outcome, requestId: row.approvalRequestId },
      });
    },
  });
}
