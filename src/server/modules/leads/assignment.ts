import type { LeadRuleInput, LeadRules as Rules } from '../../../shared/schemas/leads.js';
import type { Db } from '../../db/connection.js';
import { auditAs } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';
import { newId, now } from '../../platform/ids.js';
import { assertCan } from '../../platform/permissions.js';
import { regionData } from '../regions/regions.data.js';
import { teamsService } from '../teams/teams.service.js';
import { usersService } from '../users/users.service.js';
import { leadsRepository as repo } from './leads.repository.js';
import type { LeadRuleRow } from './leads.tables.js';

const matches = (rule: LeadRuleRow, provinceCode: string | null) => rule.active === 1 && (rule.provinceCode === null || rule.provinceCode === provinceCode);

/**
 * The owner the first matching rule gives a lead that arrives without one: the rule's user, or the
 * next member of its team in turn. A rule whose user left or whose team is empty is passed over.
 * Undefined when no rule applies (the creator keeps it).
 */
export async function assignByRules(db: Db, lead: { provinceCode: string | null }): Promise<{ ownerId: string; teamId: string | null } | undefined> {
  for (const rule of await repo.rules(db)) {
    if (!matches(rule, lead.provinceCode)) continue;
    if (rule.userId) {
      const user = await usersService.findLoginCandidateById(db, rule.userId);
      if (user && !user.deactivatedAt) return { ownerId: user.id, teamId: user.teamId };
      continue;
    }
    if (!rule.teamId) continue;
    const members = await repo.activeMembers(db, rule.teamId);
    if (members.length === 0) continue;
    const turn = await repo.takeTurn(db, rule.id);
    if (turn === undefined) continue;
    return { ownerId: members[(turn - 1) % members.length], teamId: rule.teamId };
  }
  return undefined;
}

async function present(ctx: Ctx, rows: LeadRuleRow[]): Promise<Rules> {
  const [teams, users] = await Promise.all([
    teamsService.namesOf(
      ctx,
      rows.map((r) => r.teamId).filter((id): id is string => !!id),
    ),
    usersService.namesOf(
      ctx,
      rows.map((r) => r.userId).filter((id): id is string => !!id),
    ),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      position: r.position,
      provinceCode: r.provinceCode,
      provinceName: r.provinceCode ? (regionData.division(r.provinceCode)?.name.zh ?? r.provinceCode) : null,
      teamId: r.teamId,
      teamName: r.teamId ? (teams.get(r.teamId) ?? null) : null,
      userId: r.userId,
      userName: r.userId ? (users.get(r.userId) ?? null) : null,
      active: r.active === 1,
      turns: Number(r.turns),
    })),
  };
}

export const leadRulesService = {
  async list(ctx: Ctx) {
    assertCan(ctx.actor, 'settings', 'admin');
    return present(ctx, await repo.rules(ctx.db));
  },

  /** Replaces the list; rules sent with their id keep their place in the round robin. */
  async replace(ctx: Ctx, input: LeadRuleInput[]) {
    assertCan(ctx.actor, 'settings', 'admin');
    const current = await repo.rules(ctx.db);
    const fields: Record<string, string> = {};
    for (const [i, r] of input.entries()) {
      if (r.provinceCode && regionData.division(r.provinceCode)?.level !== 'province') fields[`rules.${i}.provinceCode`] = 'Not a province code (GB/T 2260)';
      if (r.teamId && !(await teamsService.exists(ctx.db, r.teamId))) fields[`rules.${i}.teamId`] = 'No such team';
      if (r.userId) {
        const user = await usersService.findLoginCandidateById(ctx.db, r.userId);
        if (!user || user.deactivatedAt) fields[`rules.${i}.userId`] = 'No such active user';
      }
      if (r.id && !current.some((c) => c.id === r.id)) fields[`rules.${i}.id`] = 'No such rule';
    }
    if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'Some fields are invalid', fields);
    const at = now();
    const rows: LeadRuleRow[] = input.map((r, i) => {
      const kept = r.id ? current.find((c) => c.id === r.id) : undefined;
      return {
        id: kept?.id ?? newId(),
        name: r.name,
        position: i + 1,
        provinceCode: r.provinceCode || null,
        teamId: r.teamId ?? null,
        userId: r.userId ?? null,
        active: r.active ? 1 : 0,
        turns: kept ? Number(kept.turns) : 0,
        createdAt: kept?.createdAt ?? at,
        updatedAt: at,
        createdBy: kept?.createdBy ?? ctx.actor.userId,
        version: kept ? kept.version + 1 : 1,
      };
    });
    await ctx.db.transaction().execute(async (trx) => {
      await repo.replaceRules(trx, rows);
      const plain = (list: LeadRuleRow[]) =>
        list.map(({ name, provinceCode, teamId, userId, active }) => ({ name, provinceCode, teamId, userId, active: active === 1 }));
      await auditAs(trx, ctx.actor, 'update', 'settings', 'lead_assignment_rules', { before: { rules: plain(current) }, after: { rules: plain(rows) } });
    });
    return present(ctx, rows);
  },
};
