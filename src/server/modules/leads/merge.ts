import { auditAs } from '../../platform/audit.js';
import type { MergeHook } from '../../platform/merge-hooks.js';
import { relinkConverted } from './leads.repository.js';

/** A converted lead keeps pointing at its customer when that customer is merged into another. */
export const moveConvertedLeadsOnMerge: MergeHook = async (trx, ctx, { type, sourceId, targetId }) => {
  const column = type === 'organizations' ? 'convertedOrganizationId' : 'convertedContactId';
  for (const id of await relinkConverted(trx, column, sourceId, targetId)) {
    await auditAs(trx, ctx.actor, 'update', 'leads', id, { before: { [column]: sourceId }, after: { [column]: targetId }, meta: { mergedInto: targetId } });
  }
};
