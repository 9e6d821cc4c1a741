import type { Chain, ChainSave, NodePatch } from '../../../shared/schemas/decision-chain.js';
import type { Action } from '../../../shared/schemas/permissions.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound, versionConflict } from '../../platform/errors.js';
import { now } from '../../platform/ids.js';
import { assertCan } from '../../platform/permissions.js';
import { freshRecord } from '../../platform/record.js';
import { checkGraph, planChanges } from './chain-graph.js';
import { auditableDepartment, auditableEdge, auditablePerson, presentDepartment, presentEdge, presentNode } from './decision-chain.presenter.js';
import { decisionChainRepository as repo } from './decision-chain.repository.js';
import type { ChainPersonRow } from './decision-chain.tables.js';

export const MODULE = 'key_accounts';

/** 403 without the right, 404 unless the organization is live and inside the caller's key-account scope. */
export async function loadAccount(ctx: Ctx, organizationId: string, action: Action = 'read', db: Db = ctx.db) {
  assertCan(ctx.actor, MODULE, action);
  const org = await repo.findVisibleOrganization(db, ctx.actor, organizationId);
  if (!org) throw notFound('Organization');
  return org;
}

/**
 * The people of an organization's decision chain, for other key-account modules (expansion cards warn about
 * a competitor's strong supporter; relationship plans target a person's support). 404 outside the caller's scope.
 */
export async function listChainPeople(db: Db, ctx: Ctx, organizationId: string) {
  await loadAccount({ ...ctx, db }, organizationId, 'read', db);
  const rows = await repo.people(db, [organizationId]);
  return rows.map((r) => {
    const n = presentNode(r);
    return {
      id: n.id,
      contactId: n.contactId,
      contactName: n.contactName,
      title: n.title,
      departmentId: n.departmentId,
      buyingRole: n.buyingRole,
      support: n.support,
      favouredCompetitor: n.favouredCompetitor,
      strength: n.strength,
      level: n.level,
      risingStar: n.risingStar,
      ourOwnerId: n.ourOwnerId,
    };
  });
}
export type ChainPerson = Awaited<ReturnType<typeof listChainPeople>>[number];

async function readChain(db: Db, organizationId: string): Promise<Chain> {
  const [chain, departments, people, edges] = await Promise.all([
    repo.chainVersion(db, organizationId),
    repo.departments(db, [organizationId]),
    repo.people(db, [organizationId]),
    repo.edges(db, organizationId),
  ]);
  return {
    organizationId,
    version: chain?.version ?? 0,
    updatedAt: chain?.updatedAt ?? null,
    departments: departments.map(presentDepartment),
    nodes: people.map(presentNode),
    edges: edges.map(presentEdge),
  };
}

/**
 * Answers one 400 naming every reference the database must confirm: contacts at the organization, active users,
 * ids of other accounts. A person saved before keeps their contact and owner even if the contact has since left
 * the organization or the user was deactivated: otherwise one such person would block every later save.
 */
async function checkReferences(ctx: Ctx, organizationId: string, input: ChainSave, existing: ChainPersonRow[]) {
  const fields: Record<string, string> = {};
  const before = new Map(existing.filter((p) => !p.deletedAt).map((p) => [p.id, p]));
  const newContact = input.nodes.filter((n) => before.get(n.id)?.contactId !== n.contactId);
  const newOwner = input.nodes.filter((n) => n.ourOwnerId && before.get(n.id)?.ourOwnerId !== n.ourOwnerId);
  const contacts = await repo.contactsAt(
    ctx.db,
    organizationId,
    newContact.map((n) => n.contactId),
  );
  const owners = await repo.activeUsers(ctx.db, [...new Set(newOwner.map((n) => n.ourOwnerId as string))]);
  input.nodes.forEach((n, i) => {
    if (newContact.includes(n) && !contacts.has(n.contactId)) fields[`nodes.${i}.contactId`] = 'Not a contact of this organization';
    if (newOwner.includes(n) && !owners.has(n.ourOwnerId as string)) fields[`nodes.${i}.ourOwnerId`] = 'Not an active user';
  });
  const taken = await repo.foreignIds(ctx.db, organizationId, {
    departments: input.departments.map((d) => d.id),
    people: input.nodes.map((n) => n.id),
    edges: input.edges.map((e) => e.id),
  });
  input.departments.forEach((d, i) => {
    if (taken.has(d.id)) fields[`departments.${i}.id`] = 'This id belongs to another record';
  });
  input.nodes.forEach((n, i) => {
    if (taken.has(n.id)) fields[`nodes.${i}.id`] = 'This id belongs to another record';
  });
  input.edges.forEach((e, i) => {
    if (taken.has(e.id)) fields[`edges.${i}.id`] = 'This id belongs to another record';
  });
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
}

export const decisionChainService = {
  async get(ctx: Ctx, organizationId: string): Promise<Chain> {
    await loadAccount(ctx, organizationId);
    return readChain(ctx.db, organizationId);
  },

  /**
   * Replaces the whole graph in one transaction: rows missing from the input are soft-deleted, new ids are
   * created, changed rows updated, each audited. Creating, changing and deleting each take their own right.
   */
  async save(ctx: Ctx, organizationId: string, input: ChainSave): Promise<Chain> {
    await loadAccount(ctx, organizationId);
    checkGraph(input);
    const [departmentRows, personRows, edgeRows] = await repo.allRows(ctx.db, organizationId);
    await checkReferences(ctx, organizationId, input, personRows);
    const at = now();
    const plan = planChanges(organizationId, input, { departments: departmentRows, people: personRows, edges: edgeRows });
    for (const action of plan.actions) assertCan(ctx.actor, MODULE, action);

    await ctx.db.transaction().execute(async (trx) => {
      const version = await repo.bumpVersion(trx, organizationId, input.version, at, ctx.actor.userId);
      if (version === null) throw versionConflict();
      const fresh = freshRecord(ctx.actor.userId, at);
      const gone = { deletedAt: at, deletedBy: ctx.actor.userId, updatedAt: at };
      const revive = { deletedAt: null, deletedBy: null, updatedAt: at };
      const meta = { organizationId, chainVersion: version };

      for (const d of plan.departments.create) {
        await repo.insertDepartment(trx, { ...d, ...fresh });
        await auditAs(trx, ctx.actor, 'create', 'account_departments', d.id, { after: d, meta });
      }
      for (const { before, after } of plan.departments.update) {
        await repo.updateDepartment(trx, before.id, { ...after, ...revive });
        await auditAs(trx, ctx.actor, before.deletedAt ? 'restore' : 'update', 'account_departments', before.id, {
          before: auditableDepartment(before),
          after: { ...auditableDepartment(before), ...after },
          meta,
        });
      }
      for (const p of plan.people.create) {
        await repo.insertPerson(trx, { ...p, ...fresh });
        await auditAs(trx, ctx.actor, 'create', 'chain_people', p.id, { after: p, meta });
      }
      for (const { before, after } of plan.people.update) {
        await repo.updatePerson(trx, before.id, { ...after, ...revive });
        await auditAs(trx, ctx.actor, before.deletedAt ? 'restore' : 'update', 'chain_people', before.id, {
          before: auditablePerson(before),
          after: { ...auditablePerson(before), ...after },
          meta,
        });
      }
      for (const e of plan.edges.create) {
        await repo.insertEdge(trx, { ...e, ...fresh });
        await auditAs(trx, ctx.actor, 'create', 'chain_edges', e.id, { after: e, meta });
      }
      for (const { before, after } of plan.edges.update) {
        await repo.updateEdge(trx, before.id, { ...after, ...revive });
        await auditAs(trx, ctx.actor, before.deletedAt ? 'restore' : 'update', 'chain_edges', before.id, {
          before: auditableEdge(before),
          after: { ...auditableEdge(before), ...after },
          meta,
        });
      }
      for (const e of plan.edges.remove) {
        await repo.updateEdge(trx, e.id, gone);
        await auditAs(trx, ctx.actor, 'delete', 'chain_edges', e.id, { before: auditableEdge(e), after: null, meta });
      }
      for (const p of plan.people.remove) {
        await repo.updatePerson(trx, p.id, gone);
        await auditAs(trx, ctx.actor, 'delete', 'chain_people', p.id, { before: auditablePerson(p), after: null, meta });
      }
      for (const d of plan.departments.remove) {
        await repo.updateDepartment(trx, d.id, gone);
        await auditAs(trx, ctx.actor, 'delete', 'account_departments', d.id, { before: auditableDepartment(d), after: null, meta });
      }
    });
    return readChain(ctx.db, organizationId);
  },

  /** One person's attributes or position (a drag in the editor), without sending the whole graph. */
  async patchNode(ctx: Ctx, organizationId: string, id: string, input: NodePatch) {
    await loadAccount(ctx, organizationId, 'update');
    const current = await repo.person(ctx.db, organizationId, id);
    if (!current) throw notFound('Chain person');
    const fields: Record<string, string> = {};
    if (input.departmentId) {
      const departments = await repo.departments(ctx.db, [organizationId]);
      if (!departments.some((d) => d.id === input.departmentId)) fields.departmentId = 'Not a department of this chain';
    }
    if (input.ourOwnerId && !(await repo.activeUsers(ctx.db, [input.ourOwnerId])).has(input.ourOwnerId)) fields.ourOwnerId = 'Not an active user';
    if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
    const at = now();
    const changes = {
      ...(input.departmentId !== undefined && { departmentId: input.departmentId }),
      ...(input.title !== undefined && { title: input.title || null }),
      ...(input.buyingRole !== undefined && { buyingRole: input.buyingRole }),
      ...(input.support !== undefined && { support: input.support }),
      ...(input.favouredCompetitor !== undefined && { favouredCompetitor: input.favouredCompetitor || null }),
      ...(input.strength !== undefined && { strength: input.strength }),
      ...(input.level !== undefined && { level: input.level }),
      ...(input.risingStar !== undefined && { risingStar: input.risingStar ? 1 : 0 }),
      ...(input.ourOwnerId !== undefined && { ourOwnerId: input.ourOwnerId }),
      ...(input.x !== undefined && { posX: input.x }),
      ...(input.y !== undefined && { posY: input.y }),
      ...(input.notes !== undefined && { notes: input.notes || null }),
    };
    const version = await ctx.db.transaction().execute(async (trx) => {
      const next = await repo.bumpVersion(trx, organizationId, input.version, at, ctx.actor.userId);
      if (next === null) throw versionConflict();
      await repo.updatePerson(trx, id, { ...changes, updatedAt: at });
      const { contactName, lastContactAt, ourOwnerName, ...row } = current;
      await auditAs(trx, ctx.actor, 'update', 'chain_people', id, {
        before: auditablePerson(row),
        after: { ...auditablePerson(row), ...changes },
        meta: { organizationId, chainVersion: next },
      });
      return next;
    });
    const node = await repo.person(ctx.db, organizationId, id);
    if (!node) throw notFound('Chain person');
    return { version, node: presentNode(node) };
  },
};
