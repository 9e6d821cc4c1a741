import { toMinor } from '../../shared/money.js';
import type { Db } from '../db/connection.js';
import { newId } from '../platform/ids.js';
import { freshRecord } from '../platform/record.js';

/**
 * Rows written straight into the sales tables with fixed dates and amounts, so the report tests
 * can compare every figure with a value worked out by hand (see reports.routes.test.ts).
 */
const at = (ts: string) => ({ ...freshRecord(null, ts) });
let seq = 0;

export async function insertPipeline(db: Db, stages: { name: string; probability: number; kind: 'open' | 'won' | 'lost' }[]) {
  const pipelineId = newId();
  await db
    .insertInto('pipelines')
    .values({ id: pipelineId, name: `Pipeline ${++seq}`, nameZh: null, isDefault: 1, sortOrder: 0, ...at('2025-01-01T00:00:00.000Z') })
    .execute();
  const ids: string[] = [];
  for (const [i, s] of stages.entries()) {
    const id = newId();
    ids.push(id);
    await db
      .insertInto('pipelineStages')
      .values({ id, pipelineId, name: s.name, nameZh: null, sortOrder: i + 1, probability: s.probability, kind: s.kind, ...at('2025-01-01T00:00:00.000Z') })
      .execute();
  }
  return { pipelineId, stageIds: ids };
}

export async function insertOrganization(db: Db, o: { ownerId: string; teamId: string; province: string | null; industry: string | null; createdAt: string }) {
  const id = newId();
  const name = `Org ${++seq}`;
  await db
    .insertInto('organizations')
    .values({
      id,
      name,
      nameKey: name.toLowerCase(),
      ownerId: o.ownerId,
      teamId: o.teamId,
      tier: null,
      source: null,
      country: 'CN',
      province: o.province,
      city: null,
      district: null,
      address: null,
      tags: '[]',
      phones: '[]',
      emails: '[]',
      notes: null,
      custom: '{}',
      lastActivityAt: null,
      partyType: 'customer',
      lifecycleStatus: 'potential',
      industry: o.industry,
      size: null,
      website: null,
      uscc: null,
      ...at(o.createdAt),
    })
    .execute();
  return id;
}

export async function insertOpportunity(
  db: Db,
  o: {
    organizationId: string;
    pipelineId: string;
    stageId: string;
    status: 'open' | 'won' | 'lost';
    amount: string;
    currency?: string;
    expectedCloseDate?: string | null;
    createdAt: string;
    closedAt?: string | null;
    ownerId: string;
    teamId: string;
  },
) {
  const id = newId();
  await db
    .insertInto('opportunities')
    .values({
      id,
      name: `Deal ${++seq}`,
      organizationId: o.organizationId,
      pipelineId: o.pipelineId,
      stageId: o.stageId,
      status: o.status,
      amountMinor: toMinor(o.amount),
      currency: o.currency ?? 'CNY',
      probability: 0,
      expectedCloseDate: o.expectedCloseDate ?? null,
      closedAt: o.closedAt ?? null,
      closeReason: null,
      closeNote: null,
      nextStep: null,
      description: null,
      leadId: null,
      source: null,
      stageEnteredAt: o.createdAt,
      ownerId: o.ownerId,
      teamId: o.teamId,
      ...at(o.createdAt),
    })
    .execute();
  return id;
}

export async function insertProduct(db: Db, name: string) {
  const id = newId();
  await db
    .insertInto('products')
    .values({ id, sku: `SKU-${++seq}-${id.slice(-6)}`, name, unit: 'pcs', category: null, description: null, active: 1, ...at('2025-01-01T00:00:00.000Z') })
    .execute();
  return id;
}

export async function insertOrder(
  db: Db,
  o: {
    organizationId: string;
    status: string;
    currency?: string;
    signedOn: string;
    ownerId: string;
    teamId: string;
    lines: { productId: string; total: string }[];
    installments?: { dueOn: string; amount: string; paid?: string }[];
  },
) {
  const id = newId();
  const total = o.lines.reduce((s, l) => s + toMinor(l.total), 0);
  await db
    .insertInto('orders')
    .values({
      id,
      number: `SO-T-${++seq}-${id.slice(-6)}`,
      kind: 'order',
      quoteId: null,
      opportunityId: null,
      organizationId: o.organizationId,
      contactId: null,
      currency: o.currency ?? 'CNY',
      subtotalMinor: total,
      discountMinor: 0,
      taxMinor: 0,
      totalMinor: total,
      paidMinor: 0,
      status: o.status,
      signedOn: o.signedOn,
      activatedAt: null,
      notes: null,
      ownerId: o.ownerId,
      teamId: o.teamId,
      ...at(`${o.signedOn}T00:00:00.000Z`),
    })
    .execute();
  for (const [i, l] of o.lines.entries()) {
    await db
      .insertInto('orderLines')
      .values({
        id: newId(),
        orderId: id,
        lineNo: i + 1,
        productId: l.productId,
        description: 'Line',
        quantity: '1',
        unitPriceMinor: toMinor(l.total),
        totalMinor: toMinor(l.total),
      })
      .execute();
  }
  for (const [i, inst] of (o.installments ?? []).entries()) {
    const paid = toMinor(inst.paid ?? '0');
    const amount = toMinor(inst.amount);
    await db
      .insertInto('installments')
      .values({
        id: newId(),
        orderId: id,
        seq: i + 1,
        dueOn: inst.dueOn,
        amountMinor: amount,
        paidMinor: paid,
        status: paid >= amount ? 'paid' : 'open',
        paidOn: null,
        remindedAt: null,
      })
      .execute();
  }
  return id;
}

export async function insertTarget(
  db: Db,
  t: { subjectType: 'user' | 'team'; userId?: string | null; teamId: string; period: string; periodStart: string; amount: string; currency?: string },
) {
  const id = newId();
  await db
    .insertInto('targets')
    .values({
      id,
      subjectType: t.subjectType,
      userId: t.userId ?? null,
      teamId: t.teamId,
      period: t.period,
      periodStart: t.periodStart,
      amountMinor: toMinor(t.amount),
      currency: t.currency ?? 'CNY',
      ...at('2025-12-01T00:00:00.000Z'),
    })
    .execute();
  return id;
}
