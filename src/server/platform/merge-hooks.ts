import type { Db } from '../db/connection.js';
import type { Ctx } from './context.js';

export type MergeableType = 'organizations' | 'contacts';

/**
 * Moves one module's records from a merged-away record to the survivor, inside the merge's
 * transaction. Modules register one per record type they link to (activities, tasks, later deals…),
 * so the merge needs to know nobody's tables.
 */
export type MergeHook = (trx: Db, ctx: Ctx, move: { type: MergeableType; sourceId: string; targetId: string }) => Promise<void>;

export class MergeHooks {
  private readonly hooks: { name: string; run: MergeHook }[] = [];

  register(name: string, run: MergeHook): void {
    this.hooks.push({ name, run });
  }

  async runAll(trx: Db, ctx: Ctx, move: { type: MergeableType; sourceId: string; targetId: string }): Promise<void> {
    for (const hook of this.hooks) await hook.run(trx, ctx, move);
  }
}
