import { ACTIVE_TASK_STATUSES, NO_CONTACT_SOURCE } from '../../../shared/schemas/tasks.js';
import { auditAs } from '../../platform/audit.js';
import { now } from '../../platform/ids.js';
import type { MergeHook } from '../../platform/merge-hooks.js';
import { auditableTask } from './tasks.presenter.js';
import { tasksRepository as repo } from './tasks.repository.js';

/**
 * The survivor of a merge takes the merged-away record's tasks (those in the recycle bin too, so a
 * restore finds them there). Two open "no contact" follow-ups would then nag twice about one
 * customer: the moved one is cancelled.
 */
export const moveTasksOnMerge: MergeHook = async (trx, ctx, { type, sourceId, targetId }) => {
  const moving = await repo.linkedTo(trx, type, sourceId);
  if (moving.length === 0) return;
  const isOpenRuleTask = (t: { source: string | null; status: string; deletedAt: string | null }) =>
    t.source === NO_CONTACT_SOURCE && !t.deletedAt && (ACTIVE_TASK_STATUSES as readonly string[]).includes(t.status);
  const targetHasRuleTask = type === 'organizations' && (await repo.withOpenRuleTask(trx, [targetId])).has(targetId);
  const at = now();
  for (const task of moving) {
    const cancel = targetHasRuleTask && isOpenRuleTask(task);
    const moved = await repo.relink(trx, task.id, {
      entityId: targetId,
      ...(cancel && { status: 'cancelled' }),
      updatedAt: at,
    });
    if (moved)
      await auditAs(trx, ctx.actor, 'update', 'tasks', task.id, { before: auditableTask(task), after: auditableTask(moved), meta: { mergedInto: targetId } });
  }
};
