import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import type { ApprovalPolicyRow, ApprovalRequestRow, ApprovalStepRow, NewApprovalPolicy, NewApprovalRequest, NewApprovalStep } from './approvals.tables.js';

export type Box = 'inbox' | 'mine' | 'done' | 'all';

export const approvalsRepository = {
  policyOfRole(db: Db, roleId: string): Promise<ApprovalPolicyRow | undefined> {
    return db.selectFrom('approvalPolicies').selectAll().where('roleId', '=', roleId).executeTakeFirst();
  },

  policies(db: Db): Promise<ApprovalPolicyRow[]> {
    return db.selectFrom('approvalPolicies').selectAll().orderBy('createdAt').orderBy('id').execute();
  },

  async replacePolicies(db: Db, rows: NewApprovalPolicy[]): Promise<void> {
    await db.deleteFrom('approvalPolicies').execute();
    if (rows.length > 0) await db.insertInto('approvalPolicies').values(rows).execute();
  },

  managers(db: Db): Promise<{ teamId: string; userId: string }[]> {
    return db.selectFrom('teamManagers').select(['teamId', 'userId']).orderBy('teamId').execute();
  },

  async managerOf(db: Db, teamId: string): Promise<string | undefined> {
    return (await db.selectFrom('teamManagers').select('userId').where('teamId', '=', teamId).executeTakeFirst())?.userId;
  },

  async replaceManagers(db: Db, rows: { teamId: string; userId: string; updatedAt: string; updatedBy: string }[]): Promise<void> {
    await db.deleteFrom('teamManagers').execute();
    if (rows.length > 0) await db.insertInto('teamManagers').values(rows).execute();
  },

  pendingFor(db: Db, subjectType: string, subjectId: string): Promise<ApprovalRequestRow | undefined> {
    return db
      .selectFrom('approvalRequests')
      .selectAll()
      .where('subjectType', '=', subjectType)
      .where('subjectId', '=', subjectId)
      .where('status', '=', 'pending')
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
  },

  insertRequest(db: Db, row: NewApprovalRequest): Promise<ApprovalRequestRow> {
    return db.insertInto('approvalRequests').values(row).returningAll().executeTakeFirstOrThrow();
  },

  async insertSteps(db: Db, rows: NewApprovalStep[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('approvalSteps').values(rows).execute();
  },

  find(db: Db, id: string): Promise<ApprovalRequestRow | undefined> {
    return db.selectFrom('approvalRequests').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  },

  ofSubject(db: Db, subjectType: string, subjectId: string): Promise<ApprovalRequestRow[]> {
    return db
      .selectFrom('approvalRequests')
      .selectAll()
      .where('subjectType', '=', subjectType)
      .where('subjectId', '=', subjectId)
      .where('deletedAt', 'is', null)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },

  async stepsOf(db: Db, requestIds: string[]): Promise<ApprovalStepRow[]> {
    if (requestIds.length === 0) return [];
    return db.selectFrom('approvalSteps').selectAll().where('requestId', 'in', requestIds).orderBy('requestId').orderBy('seq').execute();
  },

  /**
   * Moves a step on only if it is still the pending one: of two approvers clicking at once, one
   * wins and the other gets nothing back (and a 409).
   */
  decideStep(db: Db, stepId: string, changes: { status: string; actedBy: string; actedAt: string; comment: string | null }) {
    return db.updateTable('approvalSteps').set(changes).where('id', '=', stepId).where('status', '=', 'pending').returningAll().executeTakeFirst();
  },

  async setStepStatus(db: Db, stepId: string, status: string): Promise<void> {
    await db.updateTable('approvalSteps').set({ status }).where('id', '=', stepId).execute();
  },

  async skipRemaining(db: Db, requestId: string): Promise<void> {
    await db.updateTable('approvalSteps').set({ status: 'skipped' }).where('requestId', '=', requestId).where('status', 'in', ['waiting', 'pending']).execute();
  },

  finish(db: Db, id: string, version: number, status: string, at: string) {
    return db
      .updateTable('approvalRequests')
      .set({ status, decidedAt: at, updatedAt: at, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
  },

  /** One page of a box, newest first, on (created_at, id). */
  async list(db: Db, box: Box, me: { userId: string; roleId: string }, page: { limit: number; cursor?: string }): Promise<ApprovalRequestRow[]> {
    let q = db.selectFrom('approvalRequests').selectAll('approvalRequests').where('approvalRequests.deletedAt', 'is', null);
    if (box === 'mine') q = q.where('approvalRequests.submittedBy', '=', me.userId);
    if (box === 'inbox')
      q = q
        .where('approvalRequests.status', '=', 'pending')
        .where('approvalRequests.submittedBy', '!=', me.userId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('approvalSteps')
              .select('approvalSteps.id')
              .whereRef('approvalSteps.requestId', '=', 'approvalRequests.id')
              .where('approvalSteps.status', '=', 'pending')
              .where((e) =>
                e.or([e('approvalSteps.approverId', '=', me.userId), e.and([e('approvalSteps.kind', '=', 'role'), e('approvalSteps.roleId', '=', me.roleId)])]),
              ),
          ),
        );
    if (box === 'done')
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('approvalSteps')
            .select('approvalSteps.id')
            .whereRef('approvalSteps.requestId', '=', 'approvalRequests.id')
            .where('approvalSteps.actedBy', '=', me.userId),
        ),
      );
    if (page.cursor) {
      const [at, id] = decodeCursor(page.cursor, 2);
      q = q.where(sql<boolean>`(approval_requests.created_at, approval_requests.id) < (${at}, ${id})`);
    }
    return q
      .orderBy('approvalRequests.createdAt', 'desc')
      .orderBy('approvalRequests.id', 'desc')
      .limit(page.limit + 1)
      .execute();
  },

  cursorOf: (row: ApprovalRequestRow) => encodeCursor([row.createdAt, row.id]),
};
