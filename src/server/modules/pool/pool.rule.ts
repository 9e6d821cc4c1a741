import { POOL_TIERS, type PoolTierRule } from '../../../shared/schemas/pool.js';
import type { Db } from '../../db/connection.js';
import type { UserRow } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import { newId, now } from '../../platform/ids.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { usersService } from '../users/users.service.js';
import { type HeldOrganization, poolRepository as repo } from './pool.repository.js';
import { readPoolSettings } from './pool.settings.js';

export const POOL_RULE_JOB = 'pool.autoReturn';
const BATCH = 200;
const DAY_MS = 86_400_000;

type Reason = 'no_activity' | 'no_deal';
interface Due {
  /** When the customer goes back to the pool (ms). */
  at: number;
  reason: Reason;
  /** When the measure's clock last started: the hold began or the last activity/deal happened. */
  since: string;
}

const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);

/** The earliest return the tier's rule sets for this hold, or undefined when the rule has no measure. */
function dueOf(o: HeldOrganization, rule: PoolTierRule): Due | undefined {
  const owned = o.ownedSince as string;
  const dues: Due[] = [];
  if (rule.noActivityDays !== null) {
    const since = later(owned, o.lastActivityAt);
    dues.push({ at: Date.parse(since) + rule.noActivityDays * DAY_MS, reason: 'no_activity', since });
  }
  if (rule.noDealDays !== null) {
    const since = later(owned, o.lastDealAt);
    dues.push({ at: Date.parse(since) + rule.noDealDays * DAY_MS, reason: 'no_deal', since });
  }
  return dues.sort((a, b) => a.at - b.at)[0];
}

const lang = (user: UserRow) => (user.locale === 'zh-CN' ? 'zh-CN' : 'en');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WARNING = {
  en: (name: string, date: string, reason: Reason) =>
    `${name} returns to the customer pool on ${date} (${reason === 'no_activity' ? 'no activity' : 'no deal'}) unless that changes`,
  'zh-CN': (name: string, date: string, reason: Reason) => `${name} 将于 ${date} 退回公海（${reason === 'no_activity' ? '超期未跟进' : '超期未成交'}）`,
};
const RETURNED = {
  en: (name: string, reason: Reason) => `${name} went back to the customer pool (${reason === 'no_activity' ? 'no activity' : 'no deal'})`,
  'zh-CN': (name: string, reason: Reason) => `${name} 已退回公海（${reason === 'no_activity' ? '超期未跟进' : '超期未成交'}）`,
};

/**
 * The daily pool rule: per tier, owned customers whose hold is stale go back to the pool of the
 * team they are in, and owners get one warning per cycle (the cycle restarts with each claim,
 * assignment, activity or deal) `warnDays` before that. Each return or warning is its own
 * transaction, guarded so that a claim or contact logged meanwhile wins. Safe to run again: what
 * is done is not done twice.
 */
export async function runPoolRule(db: Db, at: string = now()): Promise<{ returned: number; warned: number }> {
  const settings = await readPoolSettings(db);
  const nowMs = Date.parse(at);
  const owners = new Map<string, UserRow | null>();
  const ownerOf = async (id: string) => {
    if (!owners.has(id)) owners.set(id, (await usersService.findLoginCandidateById(db, id)) ?? null);
    const user = owners.get(id);
    return user && !user.deactivatedAt ? user : undefined;
  };
  let returned = 0;
  let warned = 0;

  for (const tier of POOL_TIERS) {
    const rule = settings.tiers[tier];
    if (rule.noActivityDays === null && rule.noDealDays === null) continue;
    // Everything that is due within the warning horizon; what is due by now goes back, the rest is warned.
    const horizon = (days: number | null) => (days === null ? null : new Date(nowMs - (days - (rule.warnDays ?? 0)) * DAY_MS).toISOString());
    const cond = { activityBefore: horizon(rule.noActivityDays), dealBefore: horizon(rule.noDealDays) };
    let after: [string, string] | null = null;
    for (;;) {
      const rows: HeldOrganization[] = await repo.staleHolds(db, tier, cond, after, BATCH);
      for (const o of rows) {
        const due = dueOf(o, rule);
        if (!due) continue;
        if (due.at <= nowMs) {
          if (await returnToPool(db, o, due.reason, at, await ownerOf(o.ownerId as string))) returned++;
        } else if (rule.warnDays !== null && (o.poolWarnedAt === null || o.poolWarnedAt < due.since)) {
          await warn(db, o, due, at, await ownerOf(o.ownerId as string));
          warned++;
        }
      }
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.ownedSince as string, last.id];
    }
  }
  return { returned, warned };
}

async function returnToPool(db: Db, o: HeldOrganization, reason: Reason, at: string, owner: UserRow | undefined): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const expected = { ownerId: o.ownerId, ownedSince: o.ownedSince, lastActivityAt: o.lastActivityAt, lastDealAt: o.lastDealAt };
    const row = await repo.toPool(trx, o.id, expected, at);
    if (!row) return false;
    await repo.insertEvent(trx, {
      id: newId(),
      organizationId: o.id,
      kind: 'auto_return',
      actorId: null,
      fromOwnerId: o.ownerId,
      toOwnerId: null,
      teamId: row.teamId,
      reason,
      at,
    });
    await audit(trx, {
      actorId: null,
      ip: null,
      action: 'update',
      entityType: 'organizations',
      entityId: o.id,
      before: { ownerId: o.ownerId, teamId: o.teamId },
      after: { ownerId: null, teamId: row.teamId },
      meta: { pool: 'auto_return', reason },
    });
    if (owner) {
      await notificationsService.notify(trx, { userId: owner.id, kind: 'pool.returned', title: RETURNED[lang(owner)](o.name, reason), link: '/pool' });
    }
    return true;
  });
}

async function warn(db: Db, o: HeldOrganization, due: Due, at: string, owner: UserRow | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.markWarned(trx, o.id, at);
    await repo.insertEvent(trx, {
      id: newId(),
      organizationId: o.id,
      kind: 'warning',
      actorId: null,
      fromOwnerId: o.ownerId,
      toOwnerId: null,
      teamId: o.teamId,
      reason: due.reason,
      at,
    });
    if (owner) {
      await notificationsService.notify(trx, {
        userId: owner.id,
        kind: 'pool.warning',
        title: WARNING[lang(owner)](o.name, day(due.at), due.reason),
        link: `/organizations/${o.id}`,
      });
    }
  });
}
