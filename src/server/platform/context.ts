import type { Permissions } from '../../shared/schemas/permissions.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';

/** Who is acting: everything a service needs to authorize and audit a call. */
export interface Actor {
  userId: string;
  teamId: string | null;
  /** Materialised path of the actor's team ("/…/teamId/"), null without a team. */
  teamPath: string | null;
  permissions: Permissions;
  ip: string | null;
}

export interface Ctx {
  db: Db;
  config: Config;
  actor: Actor;
}

/** What services get before anyone is signed in (login) or when the system itself acts (seed, jobs). */
export interface SystemCtx {
  db: Db;
  config: Config;
  ip: string | null;
}
