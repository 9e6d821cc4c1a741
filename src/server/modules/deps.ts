import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { EntityRegistry } from '../platform/entities.js';
import type { MergeHooks } from '../platform/merge-hooks.js';

/** What every module plugin is given when the app is built. */
export interface ModuleDeps {
  db: Db;
  config: Config;
  entities: EntityRegistry;
  /** Modules that link records to organizations or contacts register how to move them on a merge. */
  mergeHooks: MergeHooks;
}
