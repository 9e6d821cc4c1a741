import { organizationNameKey, personNameKey } from '../../src/server/modules/customers/name-key.js';
import { EmailSchema } from '../../src/shared/schemas/customers.js';
import { company, EN_TITLES, mobile, person, TITLES } from './names.js';
import type { People } from './people.js';
import { BUSY_PROVINCE, e164, landline, type Place, place } from './places.js';
import { END, idAt, iso, type Seeded, weightedTable } from './random.js';
import type { SalesOrganization } from './sales.js';
import type { Sink, TableWriter } from './sink.js';

export { BUSY_PROVINCE };
/** The tier the list benchmark filters on. */
export const LIST_TIER = 'A';

/**
 * Organizations with their contacts, memberships, phones and e-mails (also in contact_points),
 * activities with their contacts, lifecycle steps and create audit entries, generated one
 * organization at a time and written as they come: memory stays flat at any scale (only the
 * organizations' ids are kept, for second memberships).
 *
 * Skew: every organization has one contact, the rest of 85 % of N are dealt by a Zipf curve
 * (weight (k + 50)^-1.1), so a few customers have hundreds or thousands of contacts and most have one
 * to three; the other 15 % of contacts belong to no organization. Each contact has 0–5 activities,
 * 2 on average. Owners are Zipf-weighted too (a few reps hold most accounts); 12 % sit in the pool.
 */

const DAY = 86_400_000;
const weighted = <T>(entries: readonly (readonly [T, number])[]) => weightedTable(entries);

const TIER = weighted([
  ['key', 3],
  ['A', 15],
  ['B', 32],
  ['C', 35],
  [null, 15],
] as const);
const BIG_TIER = weighted([
  ['key', 6],
  ['A', 4],
] as const);
const LIFECYCLE = weighted([
  ['potential', 35],
  ['intended', 20],
  ['existing', 38],
  ['terminated', 7],
] as const);
const PARTY = weighted([
  ['customer', 80],
  ['distributor', 8],
  ['supplier', 4],
  ['partner', 4],
  ['competitor', 2],
  ['media', 1],
  ['other', 1],
] as const);
const SIZE = weighted([
  ['1-19', 30],
  ['20-99', 30],
  ['100-499', 20],
  ['500-999', 8],
  ['1000-4999', 6],
  ['5000+', 2],
  [null, 4],
] as const);
const INDUSTRIES = ['制造业', '软件与信息服务', '批发零售', '医药健康', '化工', '物流运输', '建筑工程', '金融', '教育', '餐饮食品', '汽车', '能源环保'];
const SOURCES = ['展会', '官网', '转介绍', '电话营销', '广告', '合作伙伴', '老客户介绍', 'Website', 'Trade show'];
const ORG_TAGS = ['重点客户', '老客户', 'VIP', '渠道', '海外', '招投标', 'Strategic'];
const CONTACT_TAGS = ['决策人', '技术', '财务', '关键人', 'Decision maker'];
const PRODUCTS = ['工业传感器', '服务器与存储', 'ERP软件', '包装材料', '医用耗材', '电机', '冷链物流', 'LED照明', 'Industrial pumps', 'Cloud services'];
const CERTS = ['iso9001', 'iso14001', 'ce', 'ccc'];
const FOREIGN = ['US', 'DE', 'JP', 'SG', 'GB', 'KR'];
const KIND = weighted([
  ['call', 35],
  ['visit', 20],
  ['meeting', 15],
  ['email', 20],
  ['note', 10],
] as const);
const SUBJECTS: Record<string, string[]> = {
  call: ['电话跟进报价', '确认需求', '回访使用情况', 'Follow-up call'],
  visit: ['上门拜访', '拜访采购部', '现场技术交流', 'On-site visit'],
  meeting: ['商务洽谈', '年度合作会议', '方案汇报', 'Quarterly review'],
  email: ['发送报价单', '发送产品资料', '合同条款确认', 'Sent proposal'],
  note: ['客户反馈', '竞品信息', '内部备注', 'Note'],
};
// Contacts per activity: mostly one, sometimes two.
const ACTIVITIES_PER_CONTACT = weighted([
  [0, 20],
  [1, 25],
  [2, 20],
  [3, 15],
  [4, 10],
  [5, 10],
] as const);

/** The custom fields the generator fills; created through the custom-fields service (see generate/index.ts). */
export const CUSTOM_FIELDS = [
  { entity: 'organizations', key: 'main_products', label: { en: 'Main products', 'zh-CN': '主营产品' }, type: 'text', showInList: true },
  { entity: 'organizations', key: 'annual_revenue', label: { en: 'Annual revenue', 'zh-CN': '年营业额' }, type: 'money' },
  {
    entity: 'organizations',
    key: 'cooperation',
    label: { en: 'Cooperation level', 'zh-CN': '合作级别' },
    type: 'select',
    options: [
      { value: 'strategic', label: { en: 'Strategic', 'zh-CN': '战略合作' } },
      { value: 'regular', label: { en: 'Regular', 'zh-CN': '普通合作' } },
    ],
  },
  {
    entity: 'organizations',
    key: 'certifications',
    label: { en: 'Certifications', 'zh-CN': '资质认证' },
    type: 'multiSelect',
    options: CERTS.map((value) => ({ value, label: { en: value.toUpperCase(), 'zh-CN': value.toUpperCase() } })),
  },
  { entity: 'contacts', key: 'birthday', label: { en: 'Birthday', 'zh-CN': '生日' }, type: 'date' },
  { entity: 'contacts', key: 'wechat', label: { en: 'WeChat', 'zh-CN': '微信号' }, type: 'text' },
] as const;

const ORG_COLUMNS = [
  'id',
  'name',
  'name_key',
  'party_type',
  'lifecycle_status',
  'tier',
  'owner_id',
  'team_id',
  'industry',
  'size',
  'source',
  'country',
  'province',
  'city',
  'district',
  'address',
  'website',
  'uscc',
  'tags',
  'phones',
  'emails',
  'notes',
  'custom',
  'last_activity_at',
  'owned_since',
  'pooled_at',
  'created_at',
  'updated_at',
  'created_by',
  'version',
  'deleted_at',
  'deleted_by',
];
const CONTACT_COLUMNS = [
  'id',
  'name',
  'name_key',
  'owner_id',
  'team_id',
  'tier',
  'source',
  'country',
  'province',
  'city',
  'district',
  'address',
  'tags',
  'phones',
  'emails',
  'notes',
  'custom',
  'last_activity_at',
  'created_at',
  'updated_at',
  'created_by',
  'version',
  'deleted_at',
  'deleted_by',
];
const ACTIVITY_COLUMNS = [
  'id',
  'kind',
  'subject',
  'body',
  'occurred_at',
  'ends_at',
  'location',
  'organization_id',
  'owner_id',
  'team_id',
  'created_at',
  'updated_at',
  'created_by',
  'version',
  'deleted_at',
  'deleted_by',
];

export interface Counts {
  organizations: number;
  contacts: number;
  activities: number;
  activityContacts: number;
  memberships: number;
  contactPoints: number;
}

/** The tables seedCustomers loads (their secondary indexes are built after the load, see sink.ts). */
export const BULK_TABLES = [
  'organizations',
  'contacts',
  'contact_organizations',
  'contact_points',
  'activities',
  'activity_contacts',
  'lifecycle_transitions',
  'audit_log',
];

interface Writers {
  organizations: TableWriter;
  contacts: TableWriter;
  memberships: TableWriter;
  points: TableWriter;
  activities: TableWriter;
  activityContacts: TableWriter;
  lifecycle: TableWriter;
  audit: TableWriter;
}

/** Writers that only queue (writer, values) pairs, in call order. */
function holdAll(w: Writers, held: [TableWriter, unknown[]][]): Writers {
  const hold = (writer: TableWriter): TableWriter => ({
    async push(values) {
      held.push([writer, values]);
    },
  });
  return Object.fromEntries(Object.entries(w).map(([k, writer]) => [k, hold(writer)])) as unknown as Writers;
}

/** A time after `from`, before the end of the window; a third of the time equal to it (never edited). */
const laterThan = (r: Seeded, from: number) => (r.chance(0.3) ? from : from + Math.floor(r.next() * (END - from)));

export async function seedCustomers(
  sink: Sink,
  r: Seeded,
  people: People,
  contactCount: number,
  onProgress: (c: Counts) => void,
  // Deals and orders (sales.ts) are made per organization too, right after it is written.
  onOrganization?: (org: SalesOrganization) => Promise<void>,
): Promise<Counts> {
  // Parents first: the PostgreSQL sink flushes in this order (foreign keys).
  let w: Writers = {
    organizations: await sink.table('organizations', ORG_COLUMNS),
    contacts: await sink.table('contacts', CONTACT_COLUMNS),
    memberships: await sink.table('contact_organizations', ['contact_id', 'organization_id', 'title', 'department', 'position', 'created_at']),
    points: await sink.table('contact_points', ['entity_type', 'entity_id', 'kind', 'value']),
    activities: await sink.table('activities', ACTIVITY_COLUMNS),
    activityContacts: await sink.table('activity_contacts', ['activity_id', 'contact_id']),
    lifecycle: await sink.table('lifecycle_transitions', ['id', 'organization_id', 'from_status', 'to_status', 'reason', 'actor_id', 'at']),
    audit: await sink.table('audit_log', ['id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'changes', 'meta', 'ip']),
  };
  const counts: Counts = { organizations: 0, contacts: 0, activities: 0, activityContacts: 0, memberships: 0, contactPoints: 0 };

  const orgCount = Math.max(1, Math.floor(contactCount / 4));
  const inOrgs = Math.min(contactCount, Math.floor(contactCount * 0.85));
  const perOrg = new Int32Array(orgCount).fill(inOrgs >= orgCount ? 1 : 0);
  const rank = weighted(Array.from({ length: orgCount }, (_, k) => [k, (k + 50) ** -1.1] as const));
  for (let i = Math.min(orgCount, inOrgs); i < inOrgs; i++) perOrg[rank(r.next)]++;
  const owner = weighted(people.owners.map((o, k) => [o, 1 / (k + 1) ** 0.7] as const));
  const orgIds: string[] = [];

  /** An owner, or the pool (no owner, a leaf team's pool). */
  const ownership = () => {
    if (r.chance(0.12)) return { ownerId: null, teamId: r.pick(people.poolTeams) };
    // The benchmark's rep holds a realistic book of their own.
    const o = r.chance(0.002) ? people.rep : owner(r.next);
    return { ownerId: o.id as string | null, teamId: o.teamId };
  };

  const points = async (type: 'organizations' | 'contacts', id: string, phones: string[], emails: string[]) => {
    // The API would refuse to present a record with an address its schema rejects: stop here instead.
    for (const e of emails) if (!EmailSchema.shape.address.safeParse(e).success) throw new Error(`Generated e-mail ${e} is not valid`);
    for (const p of new Set(phones.map(e164))) await w.points.push([type, id, 'phone', p]);
    for (const e of new Set(emails.map((x) => x.toLowerCase()))) await w.points.push([type, id, 'email', e]);
    counts.contactPoints += phones.length + emails.length;
  };

  /** A contact and its activities; returns when it was last contacted. */
  const contact = async (
    org: {
      id: string;
      english: boolean;
      domain: string;
      created: number;
      own: { ownerId: string | null; teamId: string | null };
      where: Place | null;
      tier: string | null;
    } | null,
    position: number,
  ): Promise<number | null> => {
    const english = org ? org.english : r.chance(0.15);
    const who = person(r, english);
    const created = org ? org.created + Math.floor(r.next() * (END - org.created) * 0.5) : r.int(START_OF(END), END - DAY);
    const updated = laterThan(r, created);
    const id = idAt(r.next, created);
    const own = org && r.chance(0.9) ? org.own : ownership();
    const where = org?.where ?? (r.chance(0.93) ? place(r) : null);
    const phone = where ? mobile(r) : null;
    const email = `${who.local}${r.int(1, 999)}@${org ? org.domain : r.pick(['qq.com', '163.com', 'gmail.com', 'outlook.com'])}`;
    const tier = position === 0 && org?.tier ? org.tier : TIER(r.next);
    const custom: Record<string, unknown> = {};
    if (r.chance(0.4)) custom.birthday = `19${r.int(60, 99)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    if (!english && r.chance(0.5)) custom.wechat = `wx_${who.local.replace('.', '_')}${r.int(1, 99)}`;

    // Activities are made first (the contact row carries the time of the last one) but written after it.
    const acts: unknown[][] = [];
    let last: number | null = null;
    const n = ACTIVITIES_PER_CONTACT(r.next);
    for (let k = 0; k < n; k++) {
      const at = created + Math.floor(r.next() * (END - created));
      const kind = KIND(r.next);
      const actId = idAt(r.next, at);
      const doer = own.ownerId ? { id: own.ownerId, teamId: own.teamId } : owner(r.next);
      const timed = kind === 'meeting' || kind === 'visit';
      acts.push([
        actId,
        kind,
        r.pick(SUBJECTS[kind]),
        r.chance(0.5) ? '客户对方案感兴趣，约定下周再次沟通。' : null,
        iso(at),
        timed ? iso(at + 3_600_000) : null,
        kind === 'visit' && where ? where.cityName : null,
        org?.id ?? null,
        doer.id,
        doer.teamId,
        iso(at),
        iso(at),
        doer.id,
        1,
        null,
        null,
      ]);
      if (last === null || at > last) last = at;
    }

    const deleted = r.chance(0.01);
    await w.contacts.push([
      id,
      who.name,
      personNameKey(who.name),
      own.ownerId,
      own.teamId,
      tier,
      r.pick(SOURCES),
      where ? where.country : r.pick(FOREIGN),
      where?.province ?? null,
      where?.city ?? null,
      where?.district ?? null,
      null,
      JSON.stringify(r.chance(0.25) ? [r.pick(CONTACT_TAGS)] : []),
      JSON.stringify(phone ? [{ label: english ? 'Mobile' : '手机', number: phone }] : []),
      JSON.stringify([{ address: email }]),
      null,
      JSON.stringify(custom),
      last === null ? null : iso(last),
      iso(created),
      iso(updated),
      own.ownerId,
      updated === created ? 1 : r.int(2, 6),
      deleted ? iso(updated) : null,
      deleted ? own.ownerId : null,
    ]);
    counts.contacts++;
    await points('contacts', id, phone ? [phone] : [], [email]);
    for (const a of acts) {
      await w.activities.push(a);
      await w.activityContacts.push([a[0], id]);
    }
    counts.activities += acts.length;
    counts.activityContacts += acts.length;
    if (org) {
      const [title, department] = org.english ? r.pick(EN_TITLES) : r.pick(TITLES);
      await w.memberships.push([id, org.id, title, department, 0, iso(created)]);
      counts.memberships++;
      // Some people also work for (or sit on the board of) another, earlier customer.
      if (orgIds.length > 1 && r.chance(0.05)) {
        const other = r.pick(orgIds);
        if (other !== org.id) {
          await w.memberships.push([id, other, null, null, 1, iso(created)]);
          counts.memberships++;
        }
      }
    }
    return last;
  };

  for (let i = 0; i < orgCount; i++) {
    const created = r.int(START_OF(END), END - 30 * DAY);
    const id = idAt(r.next, created);
    const abroad = r.chance(0.06);
    const where = abroad ? null : place(r);
    const co = company(r, i + 1, abroad || r.chance(0.05), where?.cityName ?? null);
    const own = ownership();
    const size = perOrg[i];
    const tier = size >= 20 ? BIG_TIER(r.next) : TIER(r.next);
    const status = LIFECYCLE(r.next);
    const org = { id, english: co.english, domain: co.domain, created, own, where, tier };

    // The organization row must exist before its contacts' memberships and activities reach the database.
    const orgRow: unknown[] = [];
    const phone = where ? landline(r, where.cityName) : null;
    const tags = r.chance(0.4) ? [...new Set([r.pick(ORG_TAGS), r.pick(ORG_TAGS)])].slice(0, r.int(1, 2)) : [];
    // Pareto-like revenue: most customers are small, a few are very large (in CNY).
    const revenue = Math.round(100_000 * (1 - r.next()) ** -1.6 * (size >= 20 ? 20 : 1) * 100) / 100;
    const custom: Record<string, unknown> = { annual_revenue: Math.min(revenue, 9e11) };
    if (r.chance(0.7)) custom.main_products = r.pick(PRODUCTS);
    if (r.chance(0.5)) custom.cooperation = tier === 'key' || tier === 'A' ? 'strategic' : 'regular';
    if (r.chance(0.3)) custom.certifications = [...new Set([r.pick(CERTS), r.pick(CERTS)])];
    const updated = laterThan(r, created);
    const deleted = r.chance(0.01);
    orgRow.push(
      id,
      co.name,
      organizationNameKey(co.name),
      PARTY(r.next),
      status,
      tier,
      own.ownerId,
      own.teamId,
      r.pick(INDUSTRIES),
      SIZE(r.next),
      r.pick(SOURCES),
      where ? 'CN' : r.pick(FOREIGN),
      where?.province ?? null,
      where?.city ?? null,
      where?.district ?? null,
      where ? `${r.pick(['科技园', '工业区', '高新区', '中心大厦'])}${r.int(1, 300)}号` : null,
      `https://www.${co.domain}`,
      null,
      JSON.stringify(tags),
      JSON.stringify(phone ? [{ label: co.english ? 'Main' : '总机', number: phone }] : []),
      JSON.stringify([{ label: co.english ? 'Info' : '商务', address: `info@${co.domain}` }]),
      null,
      JSON.stringify(custom),
    );
    // last_activity_at is known only after the contacts' activities; the row is completed below.
    const orgIndexAt = orgRow.length;
    orgRow.push(
      null,
      own.ownerId ? iso(created) : null,
      // pooled_at: when a pool record entered the pool (migration 0012); here, when it was created.
      own.ownerId ? null : iso(created),
      iso(created),
      iso(updated),
      own.ownerId,
      updated === created ? 1 : r.int(2, 6),
      deleted ? iso(updated) : null,
      deleted ? own.ownerId : null,
    );

    // The contacts (and their activities) are made before the organization row, which carries the time
    // of the last activity, but reach the database after it: `held` keeps them in order until then.
    const held: [TableWriter, unknown[]][] = [];
    const direct = w;
    w = holdAll(direct, held);
    let last: number | null = null;
    for (let c = 0; c < size; c++) {
      const t = await contact(org, c);
      if (t !== null && (last === null || t > last)) last = t;
    }
    w = direct;
    if (last !== null) orgRow[orgIndexAt] = iso(last);
    await w.organizations.push(orgRow);
    counts.organizations++;
    orgIds.push(id);
    for (const [writer, values] of held) await writer.push(values);
    await points('organizations', id, phone ? [phone] : [], [`info@${co.domain}`]);

    const actor = own.ownerId;
    const lifeId = idAt(r.next, created);
    await w.lifecycle.push([lifeId, id, null, 'potential', null, actor, iso(created)]);
    if (status !== 'potential') await w.lifecycle.push([idAt(r.next, updated), id, 'potential', status, null, actor, iso(updated)]);
    await w.audit.push([
      idAt(r.next, created),
      iso(created),
      actor,
      'create',
      'organizations',
      id,
      JSON.stringify({ name: { before: null, after: co.name }, tier: { before: null, after: tier }, ownerId: { before: null, after: own.ownerId } }),
      null,
      null,
    ]);
    await onOrganization?.({ id, created, own, size, deleted });
    if (i % 2000 === 0) onProgress(counts);
  }

  // People who belong to no organization (individual buyers, leads not yet tied to a company).
  for (let c = counts.contacts; c < contactCount; c++) await contact(null, 0);
  onProgress(counts);
  return counts;
}

/** The start of the two-year window. */
function START_OF(end: number) {
  return end - 2 * 365 * DAY;
}
