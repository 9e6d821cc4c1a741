import { CHAIN_LEVELS, type Coverage, type CoveragePerson, CoverageSettingsSchema, DECIDING_ROLES } from '../../../shared/schemas/decision-chain.js';
import type { Db } from '../../db/connection.js';
import type { Ctx } from '../../platform/context.js';
import { assertCan } from '../../platform/permissions.js';
import { settingsStore } from '../../platform/settings.js';
import { presentDepartment, presentNode } from './decision-chain.presenter.js';
import { decisionChainRepository as repo } from './decision-chain.repository.js';
import { loadAccount } from './decision-chain.service.js';

export const COVERAGE_SETTINGS_KEY = 'key_accounts.coverage';
const DAY_MS = 86_400_000;
const COLUMNS = [...CHAIN_LEVELS, 'unknown'] as const;

type Department = ReturnType<typeof presentDepartment>;
type Person = ReturnType<typeof presentNode>;

/**
 * The department × level matrix of one chain and its gaps: a department with nobody in the chain, a
 * decision maker or approver nobody on our side covers, a person with no activity for `staleDays`.
 */
export function computeCoverage(organizationId: string, departments: Department[], people: Person[], staleDays: number, at: number): Coverage {
  const cutoff = at - staleDays * DAY_MS;
  const deciding = new Set<string>(DECIDING_ROLES);
  const present = (p: Person): CoveragePerson => {
    const gaps: CoveragePerson['gaps'] = [];
    if (p.buyingRole && deciding.has(p.buyingRole) && !p.ourOwnerId) gaps.push('no_owner');
    if (!p.lastContactAt || Date.parse(p.lastContactAt) < cutoff) gaps.push('stale');
    return {
      id: p.id,
      contactId: p.contactId,
      contactName: p.contactName,
      title: p.title,
      buyingRole: p.buyingRole,
      support: p.support,
      ourOwnerId: p.ourOwnerId,
      ourOwnerName: p.ourOwnerName,
      lastContactAt: p.lastContactAt,
      gaps,
    };
  };
  const known = new Set(departments.map((d) => d.id));
  const row = (departmentId: string | null, departmentName: string | null) => {
    const members = people.filter((p) => (departmentId ? p.departmentId === departmentId : !p.departmentId || !known.has(p.departmentId)));
    const cells: Record<string, CoveragePerson[]> = {};
    for (const level of COLUMNS) cells[level] = members.filter((p) => (p.level ?? 'unknown') === level).map(present);
    return { departmentId, departmentName, empty: members.length === 0, cells };
  };
  const rows = departments.map((d) => row(d.id, d.name));
  const unassigned = row(null, null);
  if (!unassigned.empty) rows.push(unassigned);
  const everyone = rows.flatMap((r) => Object.values(r.cells).flat());
  const emptyDepartments = rows.filter((r) => r.departmentId && r.empty).length;
  const uncoveredDeciders = everyone.filter((p) => p.gaps.includes('no_owner')).length;
  const stalePeople = everyone.filter((p) => p.gaps.includes('stale')).length;
  return {
    organizationId,
    staleDays,
    levels: [...COLUMNS],
    rows,
    gaps: { emptyDepartments, uncoveredDeciders, stalePeople, total: emptyDepartments + uncoveredDeciders + stalePeople },
  };
}

export function readCoverageSettings(db: Db) {
  return settingsStore.get(db, COVERAGE_SETTINGS_KEY, CoverageSettingsSchema);
}

/** Gap totals of many accounts at once (the dashboard): three queries whatever the number of accounts. */
export async function coverageGapCounts(db: Db, organizationIds: string[], at: number): Promise<Map<string, number>> {
  const [{ staleDays }, departments, people] = await Promise.all([
    readCoverageSettings(db),
    repo.departments(db, organizationIds),
    repo.people(db, organizationIds),
  ]);
  const result = new Map<string, number>();
  for (const id of organizationIds) {
    const coverage = computeCoverage(
      id,
      departments.filter((d) => d.organizationId === id).map(presentDepartment),
      people.filter((p) => p.organizationId === id).map(presentNode),
      staleDays,
      at,
    );
    result.set(id, coverage.gaps.total);
  }
  return result;
}

export const coverageService = {
  async get(ctx: Ctx, organizationId: string, q: { staleDays?: number }): Promise<Coverage> {
    await loadAccount(ctx, organizationId);
    const staleDays = q.staleDays ?? (await readCoverageSettings(ctx.db)).staleDays;
    const [departments, people] = await Promise.all([repo.departments(ctx.db, [organizationId]), repo.people(ctx.db, [organizationId])]);
    return computeCoverage(organizationId, departments.map(presentDepartment), people.map(presentNode), staleDays, Date.now());
  },

  async getSettings(ctx: Ctx) {
    assertCan(ctx.actor, 'key_accounts', 'read');
    return readCoverageSettings(ctx.db);
  },

  /** Changing the workspace-wide threshold takes the settings admin right. */
  async updateSettings(ctx: Ctx, input: { staleDays: number }) {
    assertCan(ctx.actor, 'settings', 'admin');
    return ctx.db.transaction().execute((trx) => settingsStore.set(trx, ctx.actor, COVERAGE_SETTINGS_KEY, CoverageSettingsSchema, input));
  },
};
