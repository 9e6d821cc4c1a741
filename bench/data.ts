import { v7 } from 'uuid';
import type { Db } from '../src/server/db/connection.js';
import type { NewUser } from '../src/server/db/schema.js';
import type { BuiltinRoleKey } from '../src/shared/schemas/permissions.js';

/** Tiny seeded PRNG (mulberry32): the same seed gives the same data set on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/** Picks a key with probability proportional to its weight. */
function weighted<K>(rand: Rand, entries: readonly (readonly [K, number])[]): K {
  const sum = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * sum;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1][0];
}

/** UUIDv7 like the app's newId(), but with a chosen timestamp and seeded random bits. */
function idAt(rand: Rand, msecs: number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = Math.floor(rand() * 256);
  return v7({ msecs, random });
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'];
// One- and two-character given names, as both are common.
const GIVEN = ['伟', '娜', '芳', '敏', '静', '丽', '强', '磊', '军', '洋', '杰', '涛', '秀英', '建华', '晓东', '子涵', '浩然', '欣怡'];
const FIRST = ['James', 'Mary', 'John', 'Linda', 'David', 'Sarah', 'Michael', 'Emma', 'Daniel', 'Olivia', 'Chris', 'Sophie', 'Peter', 'Grace', 'Tom', 'Anna'];
const LAST = ['Smith', 'Brown', 'Taylor', 'Miller', 'Wilson', 'Moore', 'Clark', 'Lee', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Green'];

const ROLE_MIX: [BuiltinRoleKey, number][] = [
  ['sales_rep', 55],
  ['service_agent', 15],
  ['marketing', 10],
  ['read_only', 10],
  ['sales_manager', 8],
  ['admin', 2],
];

// A fixed window (not "now") so the data set does not drift from one run to the next.
const END = Date.UTC(2026, 0, 1);
const START = END - 2 * 365 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export const REGIONS = 5;
export const TEAMS_PER_REGION = 4;

export interface TeamInsert {
  id: string;
  name: string;
  parentId: string | null;
  path: string;
  createdAt: string;
  updatedAt: string;
  createdBy: null;
  version: number;
  deletedAt: null;
  deletedBy: null;
}

export interface DataSet {
  teams: TeamInsert[];
  users: NewUser[];
  /** The sales manager the list requests run as: heads region 1, the region with the biggest team. */
  manager: { id: string; teamPath: string };
}

/**
 * Regions with teams under them, and `count` users. Team sizes follow a Zipf-like curve (team k gets
 * weight 1/(k+1)) dealt round-robin over the regions, so one region and one team are much larger than
 * the rest, as in a real sales organisation. A few users sit directly on a region (its managers) or
 * have no team at all; a few are deactivated or in the recycle bin.
 */
export function generate(count: number, roleIds: Record<BuiltinRoleKey, string>, passwordHash: string, seed = 20240101): DataSet {
  const rand = mulberry32(seed);
  const audited = (at: number) => ({ createdAt: iso(at), updatedAt: iso(at), createdBy: null, version: 1, deletedAt: null, deletedBy: null });

  const teams: TeamInsert[] = [];
  const regions: TeamInsert[] = [];
  for (let r = 0; r < REGIONS; r++) {
    const id = idAt(rand, START + r);
    regions.push({ id, name: `大区 ${r + 1} Region`, parentId: null, path: `/${id}/`, ...audited(START + r) });
  }
  const leaves: TeamInsert[] = [];
  for (let k = 0; k < REGIONS * TEAMS_PER_REGION; k++) {
    const region = regions[k % REGIONS];
    const id = idAt(rand, START + 100 + k);
    leaves.push({ id, name: `销售${k + 1}组 Team ${k + 1}`, parentId: region.id, path: `${region.path}${id}/`, ...audited(START + 100 + k) });
  }
  teams.push(...regions, ...leaves);
  const leafWeights = leaves.map((t, k) => [t.id, 1 / (k + 1)] as const);

  const users: NewUser[] = [];
  for (let i = 0; i < count; i++) {
    const chinese = rand() < 0.65;
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const name = chinese ? pick(rand, SURNAMES) + pick(rand, GIVEN) : `${first} ${last}`;
    // The index keeps e-mails unique; the name part only makes them look real.
    const email = chinese ? `zh.user${i}@example.cn` : `${first}.${last}.${i}@example.com`.toLowerCase();
    const where = rand();
    const teamId = where < 0.02 ? null : where < 0.05 ? pick(rand, regions).id : weighted(rand, leafWeights);
    const created = START + Math.floor(rand() * (END - START));
    // About a third were never edited after creation; the rest at some time since.
    const updated = rand() < 0.3 ? created : created + Math.floor(rand() * (END - created));
    const status = rand();
    users.push({
      id: idAt(rand, created),
      email,
      name,
      locale: chinese ? 'zh-CN' : 'en',
      teamId,
      roleId: roleIds[weighted(rand, ROLE_MIX)],
      passwordHash,
      deactivatedAt: status < 0.05 ? iso(updated) : null,
      lastLoginAt: rand() < 0.7 ? iso(created + Math.floor(rand() * (END - created))) : null,
      createdAt: iso(created),
      updatedAt: iso(updated),
      createdBy: null,
      version: updated === created ? 1 : 2 + Math.floor(rand() * 5),
      deletedAt: status > 0.99 ? iso(updated) : null,
      deletedBy: null,
    });
  }

  // The first user becomes the benchmark's actor: an active sales manager heading region 1.
  const manager = users[0];
  Object.assign(manager, { name: '王经理', teamId: regions[0].id, roleId: roleIds.sales_manager, deactivatedAt: null, deletedAt: null });
  return { teams, users, manager: { id: manager.id as string, teamPath: regions[0].path } };
}

/**
 * Inserts the data set through Kysely in one transaction, in multi-row INSERTs of CHUNK rows
 * (15 columns × 1000 rows stays under SQLite's 32766 and PostgreSQL's 65535 bound parameters).
 */
const CHUNK = 1000;
export async function insert(db: Db, data: DataSet): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('teams').values(data.teams).execute();
    for (let i = 0; i < data.users.length; i += CHUNK) {
      await trx
        .insertInto('users')
        .values(data.users.slice(i, i + CHUNK))
        .execute();
    }
  });
  return data.teams.length + data.users.length;
}
