import Decimal from 'decimal.js';
import { fromMinor, toMinor, toMinorNumber } from '../../../shared/money.js';
import type {
  ApprovalDecision,
  ApprovalListQuery,
  ApprovalReason,
  ApprovalRequest,
  ApprovalSettingsInput,
  ApprovalSubjectType,
} from '../../../shared/schemas/approvals.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan, can } from '../../platform/permissions.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { rolesService } from '../roles/roles.service.js';
import { teamsService } from '../teams/teams.service.js';
import { usersService } from '../users/users.service.js';
import { approvalsRepository as repo } from './approvals.repository.js';
import type { ApprovalRequestRow, ApprovalStepRow, NewApprovalStep } from './approvals.tables.js';

const MODULE = 'approvals';
/** The permission module that guards each subject type's records. */
const SUBJECT_MODULE = { quote: 'quotes', order: 'orders' } as const;
/** Team trees are shallow; the bound only guards against a corrupt parent loop. */
const MAX_TREE_DEPTH = 50;

export interface ApprovalSubject {
  /** What the inbox shows for the record, e.g. "Q-2026-0001 华为技术". */
  title(db: Db, id: string): Promise<string>;
  /** Runs in the deciding transaction: the record leaves pending_approval. */
  onDecided(trx: Db, id: string, outcome: 'approved' | 'rejected'): Promise<void>;
  /** Whether the actor may see the record (its scope); without it, read permission on its module decides. */
  canSee?(ctx: Ctx, id: string): Promise<boolean>;
}

const subjects = new Map<ApprovalSubjectType, ApprovalSubject>();

/** QUOTES and ORDERS register their record type when their module loads. */
export function registerApprovalSubject(type: ApprovalSubjectType, subject: ApprovalSubject): void {
  subjects.set(type, subject);
}

export interface SubmitInput {
  type: ApprovalSubjectType;
  id: string;
  reason: ApprovalReason;
  amountMinor?: number;
  discountPercent?: string;
  currency?: string;
}

async function userOf(db: Db, id: string) {
  const user = await usersService.findLoginCandidateById(db, id);
  if (!user) throw notFound('User');
  return user;
}

/** Whether the policy of the submitter's role asks for approval. */
function needsApproval(
  policy: { maxDiscountPercent: string | null; contractThresholdMinor: number | string | null; currency: string },
  input: SubmitInput,
): boolean {
  if (input.reason === 'discount') {
    if (policy.maxDiscountPercent === null || input.discountPercent === undefined) return false;
    return new Decimal(input.discountPercent).gt(policy.maxDiscountPercent);
  }
  if (policy.contractThresholdMinor === null || input.amountMinor === undefined) return false;
  // Without exchange rates an amount in another currency cannot be compared, so it is always checked by people.
  if (input.currency && input.currency !== policy.currency) return true;
  return input.amountMinor > toMinorNumber(policy.contractThresholdMinor);
}

/**
 * The managers from the submitter's team up to the root, each once, the submitter left out, then
 * the named role. Teams without a manager are passed over.
 */
export async function buildChain(
  db: Db,
  submitterId: string,
  teamId: string | null,
  finalRoleId: string,
): Promise<Omit<NewApprovalStep, 'id' | 'requestId'>[]> {
  const managers: string[] = [];
  let current = teamId;
  for (let depth = 0; current && depth < MAX_TREE_DEPTH; depth++) {
    const team = await teamsService.findById(db, current);
    if (!team || team.deletedAt) break;
    const manager = await repo.managerOf(db, team.id);
    if (manager && manager !== submitterId && !managers.includes(manager)) {
      const user = await usersService.findLoginCandidateById(db, manager);
      if (user && !user.deactivatedAt) managers.push(manager);
    }
    current = team.parentId;
  }
  const steps: Omit<NewApprovalStep, 'id' | 'requestId'>[] = managers.map((approverId, i) => ({
    seq: i + 1,
    kind: 'manager',
    approverId,
    roleId: null,
    status: i === 0 ? 'pending' : 'waiting',
    actedBy: null,
    actedAt: null,
    comment: null,
  }));
  steps.push({
    seq: steps.length + 1,
    kind: 'role',
    approverId: null,
    roleId: finalRoleId,
    status: steps.length === 0 ? 'pending' : 'waiting',
    actedBy: null,
    actedAt: null,
    comment: null,
  });
  return steps;
}

/** Tells whoever must act on a step now; a role step goes to every active user of the role. */
async function notifyStep(
  trx: Db,
  step: { approverId?: string | null; roleId?: string | null; kind: string },
  submitterId: string,
  title: string,
  requestId: string,
) {
  const link = `/approvals?open=${requestId}`;
  const ids =
    step.kind === 'manager' && step.approverId
      ? [step.approverId]
      : (
          await trx
            .selectFrom('users')
            .select('id')
            .where('roleId', '=', step.roleId as string)
            .where('deletedAt', 'is', null)
            .where('deactivatedAt', 'is', null)
            .limit(50)
            .execute()
        )
          .map((u) => u.id)
          .filter((id) => id !== submitterId);
  for (const userId of ids) await notificationsService.notify(trx, { userId, kind: 'approval.requested', title, link });
}

/**
 * Sends a quote discount or a contract amount to approval when the policy of the submitter's role
 * asks for it. Call it in the subject's own transaction; with required=true the subject sets itself
 * to pending_approval and refuses edits until `onDecided` runs.
 */
export async function submitForApproval(trx: Db, ctx: Ctx, input: SubmitInput): Promise<{ required: boolean; requestId?: string }> {
  const submitter = await userOf(trx, ctx.actor.userId);
  const policy = await repo.policyOfRole(trx, submitter.roleId);
  if (!policy || !needsApproval(policy, input)) return { required: false };
  if (await repo.pendingFor(trx, input.type, input.id)) throw conflict('approval_pending', 'This record is already waiting for approval');
  const at = now();
  const request = await repo.insertRequest(trx, {
    id: newId(),
    subjectType: input.type,
    subjectId: input.id,
    reason: input.reason,
    status: 'pending',
    submittedBy: submitter.id,
    teamId: submitter.teamId,
    amountMinor: input.amountMinor ?? null,
    currency: input.currency ?? null,
    discountPercent: input.discountPercent ?? null,
    decidedAt: null,
    createdAt: at,
    updatedAt: at,
    createdBy: submitter.id,
    version: 1,
    deletedAt: null,
    deletedBy: null,
  });
  const chain = await buildChain(trx, submitter.id, submitter.teamId, policy.finalRoleId);
  const steps = chain.map((s) => ({ ...s, id: newId(), requestId: request.id }));
  await repo.insertSteps(trx, steps);
  await auditAs(trx, ctx.actor, 'create', MODULE, request.id, {
    before: null,
    after: { subjectType: input.type, subjectId: input.id, reason: input.reason, status: 'pending' },
    meta: { chain: steps.map((s) => ({ kind: s.kind, approverId: s.approverId, roleId: s.roleId })) },
  });
  const title = (await subjects.get(input.type)?.title(trx, input.id)) ?? input.type;
  await notifyStep(trx, steps[0], submitter.id, title, request.id);
  return { required: true, requestId: request.id };
}

const isAdmin = (ctx: Ctx) => can(ctx.actor, 'settings', 'admin');

/** Whether the actor may act on the pending step: its manager, or a user of its role; never the submitter. */
function mayAct(step: ApprovalStepRow | undefined, request: ApprovalRequestRow, me: { id: string; roleId: string }): boolean {
  if (!step || request.status !== 'pending' || request.submittedBy === me.id) return false;
  return step.kind === 'manager' ? step.approverId === me.id : step.roleId === me.roleId;
}

async function present(ctx: Ctx, rows: ApprovalRequestRow[]): Promise<ApprovalRequest[]> {
  const me = await userOf(ctx.db, ctx.actor.userId);
  const steps = await repo.stepsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const userIds = [...rows.map((r) => r.submittedBy), ...steps.flatMap((s) => [s.approverId, s.actedBy])].filter((id): id is string => !!id);
  const users = await usersService.namesOf(ctx, userIds);
  const roleNames = new Map<string, string>();
  for (const roleId of new Set(steps.map((s) => s.roleId).filter((id): id is string => !!id))) {
    const role = await rolesService.findById(ctx.db, roleId);
    if (role) roleNames.set(roleId, role.name);
  }
  const titles = await Promise.all(
    rows.map((r) => subjects.get(r.subjectType as ApprovalSubjectType)?.title(ctx.db, r.subjectId) ?? Promise.resolve(r.subjectType)),
  );
  return rows.map((r, i) => {
    const own = steps.filter((s) => s.requestId === r.id);
    return {
      id: r.id,
      subjectType: r.subjectType as ApprovalSubjectType,
      subjectId: r.subjectId,
      subjectTitle: titles[i],
      reason: r.reason as ApprovalReason,
      status: r.status as ApprovalRequest['status'],
      submittedBy: r.submittedBy,
      submittedByName: users.get(r.submittedBy) ?? null,
      amount: r.amountMinor === null ? null : fromMinor(r.amountMinor),
      currency: r.currency,
      discountPercent: r.discountPercent,
      decidedAt: r.decidedAt,
      createdAt: r.createdAt,
      canAct: mayAct(
        own.find((s) => s.status === 'pending'),
        r,
        me,
      ),
      steps: own.map((s) => ({
        id: s.id,
        seq: s.seq,
        kind: s.kind as 'manager' | 'role',
        approverId: s.approverId,
        approverName: s.approverId ? (users.get(s.approverId) ?? null) : null,
        roleId: s.roleId,
        roleName: s.roleId ? (roleNames.get(s.roleId) ?? null) : null,
        status: s.status as ApprovalRequest['steps'][number]['status'],
        actedBy: s.actedBy,
        actedByName: s.actedBy ? (users.get(s.actedBy) ?? null) : null,
        actedAt: s.actedAt,
        comment: s.comment,
      })),
    };
  });
}

/** Submitter, anyone in the chain, settings admins, or (for the trail on a record page) whoever sees the record. */
async function canSeeRequest(ctx: Ctx, request: ApprovalRequestRow): Promise<boolean> {
  if (isAdmin(ctx) || request.submittedBy === ctx.actor.userId) return true;
  const me = await userOf(ctx.db, ctx.actor.userId);
  const steps = await repo.stepsOf(ctx.db, [request.id]);
  if (steps.some((s) => s.approverId === me.id || s.actedBy === me.id || (s.kind === 'role' && s.roleId === me.roleId))) return true;
  return canSeeSubject(ctx, request.subjectType as ApprovalSubjectType, request.subjectId);
}

async function canSeeSubject(ctx: Ctx, type: ApprovalSubjectType, id: string): Promise<boolean> {
  const subject = subjects.get(type);
  if (subject?.canSee) return subject.canSee(ctx, id);
  return can(ctx.actor, SUBJECT_MODULE[type], 'read');
}

async function decide(ctx: Ctx, id: string, outcome: 'approved' | 'rejected', input: ApprovalDecision): Promise<ApprovalRequest> {
  const comment = input.comment?.trim() || null;
  if (outcome === 'rejected' && !comment) throw badRequest('validation_failed', 'Some fields are invalid', { comment: 'Say why you reject it' });
  const me = await userOf(ctx.db, ctx.actor.userId);
  const request = await repo.find(ctx.db, id);
  if (!request || !(await canSeeRequest(ctx, request))) throw notFound('Approval request');
  if (request.status !== 'pending') throw conflict('approval_decided', 'This request has already been decided');
  const steps = await repo.stepsOf(ctx.db, [id]);
  const step = steps.find((s) => s.status === 'pending');
  if (!mayAct(step, request, me)) throw forbidden('It is not your turn to decide this request');
  const subject = subjects.get(request.subjectType as ApprovalSubjectType);
  const at = now();
  await ctx.db.transaction().execute(async (trx) => {
    const acted = await repo.decideStep(trx, (step as ApprovalStepRow).id, { status: outcome, actedBy: me.id, actedAt: at, comment });
    if (!acted) throw conflict('approval_decided', 'Someone else decided this step first');
    const next = steps.find((s) => s.seq === acted.seq + 1);
    let finished: string | null = null;
    if (outcome === 'rejected') {
      await repo.skipRemaining(trx, id);
      finished = 'rejected';
    } else if (next) {
      await repo.setStepStatus(trx, next.id, 'pending');
      const title = (await subject?.title(trx, request.subjectId)) ?? request.subjectType;
      await notifyStep(trx, next, request.submittedBy, title, id);
    } else finished = 'approved';
    if (finished) {
      const done = await repo.finish(trx, id, request.version, finished, at);
      if (!done) throw conflict('approval_decided', 'This request has already been decided');
      if (!subject) throw new AppError('approval_subject_unknown', `No module handles ${request.subjectType} approvals`, 409);
      await subject.onDecided(trx, request.subjectId, finished as 'approved' | 'rejected');
      const title = await subject.title(trx, request.subjectId);
      await notificationsService.notify(trx, {
        userId: request.submittedBy,
        kind: `approval.${finished}`,
        title,
        body: comment,
        link: `/approvals?open=${id}`,
      });
    }
    await auditAs(trx, ctx.actor, 'update', MODULE, id, {
      before: { status: 'pending', step: acted.seq },
      after: { status: finished ?? 'pending', step: next && !finished ? next.seq : acted.seq },
      meta: { decision: outcome, step: acted.seq, comment },
    });
  });
  return (await present(ctx, [(await repo.find(ctx.db, id)) as ApprovalRequestRow]))[0];
}

export const approvalsService = {
  async list(ctx: Ctx, q: ApprovalListQuery) {
    if (q.box === 'all' && !isAdmin(ctx)) throw forbidden();
    const me = await userOf(ctx.db, ctx.actor.userId);
    const rows = await repo.list(ctx.db, q.box, { userId: me.id, roleId: me.roleId }, q);
    const page = rows.slice(0, q.limit);
    return { items: await present(ctx, page), nextCursor: rows.length > q.limit ? repo.cursorOf(page[page.length - 1]) : null };
  },

  async count(ctx: Ctx) {
    const me = await userOf(ctx.db, ctx.actor.userId);
    const rows = await repo.list(ctx.db, 'inbox', { userId: me.id, roleId: me.roleId }, { limit: 99 });
    return { inbox: rows.length };
  },

  async get(ctx: Ctx, id: string) {
    const request = await repo.find(ctx.db, id);
    if (!request || !(await canSeeRequest(ctx, request))) throw notFound('Approval request');
    return (await present(ctx, [request]))[0];
  },

  /** Every request of one record, newest first: the trail on a quote's or an order's page. */
  async trail(ctx: Ctx, type: ApprovalSubjectType, id: string) {
    if (!(await canSeeSubject(ctx, type, id))) throw notFound();
    return { items: await present(ctx, await repo.ofSubject(ctx.db, type, id)) };
  },

  approve: (ctx: Ctx, id: string, input: ApprovalDecision) => decide(ctx, id, 'approved', input),
  reject: (ctx: Ctx, id: string, input: ApprovalDecision) => decide(ctx, id, 'rejected', input),

  async settings(ctx: Ctx) {
    assertCan(ctx.actor, 'settings', 'admin');
    const [policies, managers] = await Promise.all([repo.policies(ctx.db), repo.managers(ctx.db)]);
    const roleIds = new Set(policies.flatMap((p) => [p.roleId, p.finalRoleId]));
    const roles = new Map<string, string>();
    for (const roleId of roleIds) {
      const role = await rolesService.findById(ctx.db, roleId);
      if (role) roles.set(roleId, role.name);
    }
    const [teams, users] = await Promise.all([
      teamsService.namesOf(
        ctx,
        managers.map((m) => m.teamId),
      ),
      usersService.namesOf(
        ctx,
        managers.map((m) => m.userId),
      ),
    ]);
    return {
      policies: policies.map((p) => ({
        id: p.id,
        roleId: p.roleId,
        roleName: roles.get(p.roleId) ?? null,
        maxDiscountPercent: p.maxDiscountPercent,
        contractThreshold: p.contractThresholdMinor === null ? null : fromMinor(p.contractThresholdMinor),
        currency: p.currency as 'CNY',
        finalRoleId: p.finalRoleId,
        finalRoleName: roles.get(p.finalRoleId) ?? null,
      })),
      managers: managers.map((m) => ({ ...m, teamName: teams.get(m.teamId) ?? null, userName: users.get(m.userId) ?? null })),
    };
  },

  async updateSettings(ctx: Ctx, input: ApprovalSettingsInput) {
    assertCan(ctx.actor, 'settings', 'admin');
    const fields: Record<string, string> = {};
    const seenRoles = new Set<string>();
    for (const [i, p] of input.policies.entries()) {
      if (seenRoles.has(p.roleId)) fields[`policies.${i}.roleId`] = 'One policy per role';
      seenRoles.add(p.roleId);
      if (!(await rolesService.exists(ctx.db, p.roleId))) fields[`policies.${i}.roleId`] = 'No such role';
      if (!(await rolesService.exists(ctx.db, p.finalRoleId))) fields[`policies.${i}.finalRoleId`] = 'No such role';
    }
    const seenTeams = new Set<string>();
    for (const [i, m] of input.managers.entries()) {
      if (seenTeams.has(m.teamId)) fields[`managers.${i}.teamId`] = 'One manager per team';
      seenTeams.add(m.teamId);
      if (!(await teamsService.exists(ctx.db, m.teamId))) fields[`managers.${i}.teamId`] = 'No such team';
      const user = await usersService.findLoginCandidateById(ctx.db, m.userId);
      if (!user || user.deactivatedAt) fields[`managers.${i}.userId`] = 'No such active user';
    }
    if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
    const before = await approvalsService.settings(ctx);
    const at = now();
    await ctx.db.transaction().execute(async (trx) => {
      await repo.replacePolicies(
        trx,
        input.policies.map((p) => ({
          id: newId(),
          roleId: p.roleId,
          maxDiscountPercent: p.maxDiscountPercent,
          contractThresholdMinor: p.contractThreshold === null ? null : toMinor(p.contractThreshold),
          currency: p.currency,
          finalRoleId: p.finalRoleId,
          createdAt: at,
          updatedAt: at,
          createdBy: ctx.actor.userId,
          version: 1,
        })),
      );
      await repo.replaceManagers(
        trx,
        input.managers.map((m) => ({ ...m, updatedAt: at, updatedBy: ctx.actor.userId })),
      );
      await auditAs(trx, ctx.actor, 'update', 'settings', 'approvals', {
        before: { policies: before.policies.map(({ id, ...p }) => p), managers: before.managers.map((m) => ({ teamId: m.teamId, userId: m.userId })) },
        after: { policies: input.policies, managers: input.managers },
      });
    });
    return approvalsService.settings(ctx);
  },
};

/** Whether a record waits for approval (subjects refuse edits with 409 `locked` while it does). */
export async function approvalPending(db: Db, type: ApprovalSubjectType, id: string): Promise<boolean> {
  return !!(await repo.pendingFor(db, type, id));
}
