import type { ContactDuplicatesQuery, DuplicateMatch, DuplicateReason, Duplicates, OrganizationDuplicatesQuery } from '../../../shared/schemas/duplicates.js';
import { DUPLICATE_REASONS } from '../../../shared/schemas/duplicates.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { contactDuplicateLookups } from '../contacts/contacts.repository.js';
import { contactsService } from '../contacts/contacts.service.js';
import { loadMemberships } from '../contacts/memberships.js';
import { contactPointsRepository } from '../customers/contact-points.repository.js';
import { organizationNameKey, personNameKey } from '../customers/name-key.js';
import { toE164 } from '../customers/phones.js';
import { isValidUscc, normalizeUscc } from '../customers/uscc.js';
import { organizationDuplicateLookups } from '../organizations/organizations.repository.js';
import { organizationsService } from '../organizations/organizations.service.js';
import { usersService } from '../users/users.service.js';
import { isSimilarKey, keyPrefixes } from './similar-names.js';

/**
 * "Is this customer already in the system?" while someone types a new one (or edits one). Every
 * lookup is an index seek with a limit (name key, USCC, contact points), so the check stays fast
 * at a million records. Lookups ignore scope; what the actor may not see is only counted.
 */

const EXACT_LIMIT = 20;
const NEAR_LIMIT = 10;
const POINT_LIMIT = 50;
const ANSWER_LIMIT = 10;

interface Candidate {
  id: string;
  name: string;
  nameKey: string;
  ownerId: string | null;
}

interface Lookups {
  byNameKeys(db: Ctx['db'], keys: string[], excludeId: string | undefined, limit: number): Promise<Candidate[]>;
  nameKeyNeighbours(db: Ctx['db'], key: string, excludeId: string | undefined, limit: number): Promise<Candidate[]>;
  byIds(db: Ctx['db'], ids: string[], excludeId: string | undefined): Promise<Candidate[]>;
}

/** The candidates found, each with every reason it was found for. */
class Found {
  readonly byId = new Map<string, { row: Candidate; reasons: Set<DuplicateReason> }>();

  add(rows: Candidate[], reason: DuplicateReason): void {
    for (const row of rows) {
      const entry = this.byId.get(row.id) ?? { row, reasons: new Set<DuplicateReason>() };
      entry.reasons.add(reason);
      this.byId.set(row.id, entry);
    }
  }
}

const listOf = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const phonesOf = (v: string | string[] | undefined) => [
  ...new Set(
    listOf(v)
      .map((p) => toE164(p))
      .filter((p): p is string => !!p),
  ),
];
const emailsOf = (v: string | string[] | undefined) => [
  ...new Set(
    listOf(v)
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e.includes('@')),
  ),
];

/** Same name, similar names, same phone, same e-mail: what organizations and contacts share. */
async function collect(
  ctx: Ctx,
  type: 'organizations' | 'contacts',
  lookups: Lookups,
  q: { key: string; phones: string[]; emails: string[]; excludeId?: string },
  found: Found,
): Promise<void> {
  const { db } = ctx;
  if (q.key) {
    found.add(await lookups.byNameKeys(db, [q.key], q.excludeId, EXACT_LIMIT), 'sameName');
    const near = [
      ...(await lookups.byNameKeys(db, keyPrefixes(q.key), q.excludeId, NEAR_LIMIT)),
      ...(await lookups.nameKeyNeighbours(db, q.key, q.excludeId, NEAR_LIMIT)),
    ];
    found.add(
      near.filter((r) => isSimilarKey(q.key, r.nameKey)),
      'similarName',
    );
  }
  const phones = await contactPointsRepository.holders(db, type, 'phone', q.phones, POINT_LIMIT);
  const emails = await contactPointsRepository.holders(db, type, 'email', q.emails, POINT_LIMIT);
  // The points of records in the recycle bin stay; byIds keeps only live records.
  const live = new Map((await lookups.byIds(db, [...new Set([...phones, ...emails].map((p) => p.entityId))], q.excludeId)).map((r) => [r.id, r]));
  const rows = (points: { entityId: string }[]) => points.map((p) => live.get(p.entityId)).filter((r): r is Candidate => !!r);
  found.add(rows(phones), 'samePhone');
  found.add(rows(emails), 'sameEmail');
}

const WEIGHT: Record<DuplicateReason, number> = { sameUscc: 100, samePhone: 60, sameEmail: 60, sameName: 50, similarName: 20 };
const SAME_ORGANIZATION = 40;
/** Two people called 王伟 are common; two companies with one name are not. */
const PERSON_SAME_NAME = 30;

interface Ranked {
  row: Candidate;
  reasons: DuplicateReason[];
  score: number;
  organizations?: string[];
  sameOrganization?: boolean;
}

/** Visible matches strongest first (at most ten) with their owners' names, and how many strong matches are hidden. */
async function answer(ctx: Ctx, ranked: Ranked[], visible: Set<string>, isStrong: (r: Ranked) => boolean): Promise<Duplicates> {
  const shown = ranked
    .filter((r) => visible.has(r.row.id))
    .sort((a, b) => b.score - a.score || a.row.name.localeCompare(b.row.name))
    .slice(0, ANSWER_LIMIT);
  const owners = await usersService.namesOf(
    ctx,
    shown.map((r) => r.row.ownerId).filter((id): id is string => !!id),
  );
  const items: DuplicateMatch[] = shown.map((r) => ({
    id: r.row.id,
    name: r.row.name,
    reasons: r.reasons,
    ownerId: r.row.ownerId,
    ownerName: r.row.ownerId ? (owners.get(r.row.ownerId) ?? null) : null,
    ...(r.organizations && { organizations: r.organizations }),
    ...(r.sameOrganization !== undefined && { sameOrganization: r.sameOrganization }),
  }));
  return { items, hiddenMatches: ranked.filter((r) => !visible.has(r.row.id) && isStrong(r)).length };
}

const ordered = (reasons: Set<DuplicateReason>) => DUPLICATE_REASONS.filter((r) => reasons.has(r));

export const duplicatesService = {
  async organizations(ctx: Ctx, q: OrganizationDuplicatesQuery): Promise<Duplicates> {
    assertCan(ctx.actor, 'organizations', 'read');
    const found = new Found();
    const L = organizationDuplicateLookups;
    const key = q.name ? organizationNameKey(q.name) : '';
    await collect(ctx, 'organizations', L, { key, phones: phonesOf(q.phones), emails: emailsOf(q.emails), excludeId: q.excludeId }, found);
    const uscc = q.uscc ? normalizeUscc(q.uscc) : '';
    if (isValidUscc(uscc)) found.add(await L.byUscc(ctx.db, uscc, q.excludeId, EXACT_LIMIT), 'sameUscc');
    const ranked = [...found.byId.values()].map(({ row, reasons }) => {
      const list = ordered(reasons);
      return { row, reasons: list, score: list.reduce((s, r) => s + WEIGHT[r], 0) };
    });
    const visible = await organizationsService.visibleIds(
      ctx,
      ranked.map((r) => r.row.id),
    );
    // Only strong matches are reported as hidden: a similar name alone is too weak to alarm anyone about.
    return answer(ctx, ranked, visible, (r) => r.reasons.some((x) => x !== 'similarName'));
  },

  async contacts(ctx: Ctx, q: ContactDuplicatesQuery): Promise<Duplicates> {
    assertCan(ctx.actor, 'contacts', 'read');
    const found = new Found();
    const key = q.name ? personNameKey(q.name) : '';
    await collect(ctx, 'contacts', contactDuplicateLookups, { key, phones: phonesOf(q.phones), emails: emailsOf(q.emails), excludeId: q.excludeId }, found);
    const ids = [...found.byId.keys()];
    const { live } = await loadMemberships(ctx, ids);
    const ranked = [...found.byId.values()]
      .map(({ row, reasons }) => {
        const memberships = live.get(row.id) ?? [];
        const sameOrganization = !!q.organizationId && memberships.some((m) => m.organizationId === q.organizationId);
        const list = ordered(reasons);
        const score = list.reduce((s, r) => s + (r === 'sameName' ? PERSON_SAME_NAME : WEIGHT[r]), 0) + (sameOrganization ? SAME_ORGANIZATION : 0);
        return { row, reasons: list, score, sameOrganization, organizations: memberships.map((m) => m.organizationName) };
      })
      // 王芳 and 王芳芳 are usually two people; only at the same organization is a similar name worth a warning.
      .filter((r) => r.sameOrganization || r.reasons.some((x) => x !== 'similarName'));
    const visible = await contactsService.visibleIds(ctx, ids);
    return answer(
      ctx,
      ranked,
      visible,
      (r) => r.reasons.some((x) => x === 'samePhone' || x === 'sameEmail') || (r.reasons.includes('sameName') && !!r.sameOrganization),
    );
  },
};
