import type { ChainSave } from '../../../shared/schemas/decision-chain.js';
import type { Action } from '../../../shared/schemas/permissions.js';
import { badRequest } from '../../platform/errors.js';
import type { AccountDepartmentRow, ChainEdgeRow, ChainPersonRow } from './decision-chain.tables.js';

/**
 * What zod cannot see in a graph: duplicate ids, references to nodes or departments outside the input,
 * self edges, the same line twice, one contact twice, a parent loop. One 400 names every problem.
 */
export function checkGraph(input: ChainSave): void {
  const fields: Record<string, string> = {};
  const ids = new Set<string>();
  const claim = (id: string, key: string) => {
    if (ids.has(id)) fields[key] = 'Duplicate id';
    ids.add(id);
  };
  for (const [i, d] of input.departments.entries()) claim(d.id, `departments.${i}.id`);
  for (const [i, n] of input.nodes.entries()) claim(n.id, `nodes.${i}.id`);
  for (const [i, e] of input.edges.entries()) claim(e.id, `edges.${i}.id`);

  const departments = new Map(input.departments.map((d) => [d.id, d]));
  input.departments.forEach((d, i) => {
    if (!d.parentId) return;
    if (!departments.has(d.parentId)) fields[`departments.${i}.parentId`] = 'Not a department of this chain';
    // Walk up: a loop would make the department tree endless.
    const seen = new Set([d.id]);
    for (let p = departments.get(d.parentId); p; p = p.parentId ? departments.get(p.parentId) : undefined) {
      if (seen.has(p.id)) {
        fields[`departments.${i}.parentId`] = 'A department cannot be its own ancestor';
        break;
      }
      seen.add(p.id);
    }
  });

  const nodes = new Set(input.nodes.map((n) => n.id));
  const contacts = new Set<string>();
  input.nodes.forEach((n, i) => {
    if (n.departmentId && !departments.has(n.departmentId)) fields[`nodes.${i}.departmentId`] = 'Not a department of this chain';
    if (contacts.has(n.contactId)) fields[`nodes.${i}.contactId`] = 'This contact is already in the chain';
    contacts.add(n.contactId);
  });

  const lines = new Set<string>();
  input.edges.forEach((e, i) => {
    if (!nodes.has(e.from)) fields[`edges.${i}.from`] = 'Not a person of this chain';
    if (!nodes.has(e.to)) fields[`edges.${i}.to`] = 'Not a person of this chain';
    if (e.from === e.to) fields[`edges.${i}.to`] = 'A line cannot connect a person to themselves';
    if (e.hidden && e.kind !== 'influence') fields[`edges.${i}.hidden`] = 'Only influence lines can be hidden decision links';
    const key = `${e.kind}:${e.from}:${e.to}`;
    if (lines.has(key)) fields[`edges.${i}`] = 'The same line is drawn twice';
    lines.add(key);
  });
  if (Object.keys(fields).length > 0) throw badRequest('validation_failed', 'The decision chain is invalid', fields);
}

type Existing = { departments: AccountDepartmentRow[]; people: ChainPersonRow[]; edges: ChainEdgeRow[] };
type Bare<T> = Omit<T, 'createdAt' | 'updatedAt' | 'createdBy' | 'version' | 'deletedAt' | 'deletedBy'>;

/** The fields of `next` that differ from `row`; a deleted row counts as changed so that saving revives it. */
function changed<T extends object>(row: T & { deletedAt: string | null }, next: Partial<T>): Partial<T> | null {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(next) as [keyof T, T[keyof T]][]) if (row[k] !== v) out[k] = v;
  return Object.keys(out).length > 0 || row.deletedAt ? out : null;
}

function diff<T extends { id: string; deletedAt: string | null }, N extends { id: string }>(rows: T[], next: N[], fields: (n: N) => Partial<T>) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const wanted = new Set(next.map((n) => n.id));
  const create: N[] = [];
  const update: { before: T; after: Partial<T> }[] = [];
  for (const n of next) {
    const row = byId.get(n.id);
    if (!row) {
      create.push(n);
      continue;
    }
    const after = changed(row, fields(n));
    if (after) update.push({ before: row, after });
  }
  const remove = rows.filter((r) => !r.deletedAt && !wanted.has(r.id));
  return { create, update, remove };
}

/** Rows to create, update (with only the changed fields) and soft-delete, and the rights that takes. */
export function planChanges(organizationId: string, input: ChainSave, existing: Existing) {
  const departments = input.departments.map(
    (d, i): Bare<AccountDepartmentRow> => ({ id: d.id, organizationId, name: d.name, parentId: d.parentId ?? null, sortOrder: d.sortOrder ?? i }),
  );
  const previous = new Map(existing.people.map((p) => [p.id, p]));
  const people = input.nodes.map((n, i): Bare<ChainPersonRow> => {
    const before = previous.get(n.id);
    return {
      id: n.id,
      organizationId,
      contactId: n.contactId,
      departmentId: n.departmentId ?? null,
      title: n.title || null,
      buyingRole: n.buyingRole ?? null,
      support: n.support ?? 'neutral',
      favouredCompetitor: n.favouredCompetitor || null,
      strength: n.strength ?? null,
      level: n.level ?? null,
      risingStar: n.risingStar ? 1 : 0,
      ourOwnerId: n.ourOwnerId ?? null,
      // A person sent without a position keeps theirs, or a new one takes the next free cell of a grid.
      posX: n.x ?? before?.posX ?? (i % 4) * 260,
      posY: n.y ?? before?.posY ?? Math.floor(i / 4) * 180,
      notes: n.notes || null,
    };
  });
  const edges = input.edges.map(
    (e): Bare<ChainEdgeRow> => ({
      id: e.id,
      organizationId,
      fromPersonId: e.from,
      toPersonId: e.to,
      kind: e.kind,
      hidden: e.hidden ? 1 : 0,
      note: e.note || null,
    }),
  );
  const plan = {
    departments: diff(existing.departments, departments, (d) => d),
    people: diff(existing.people, people, (p) => p),
    edges: diff(existing.edges, edges, (e) => e),
  };
  const actions = new Set<Action>();
  const parts = [plan.departments, plan.people, plan.edges];
  if (parts.some((p) => p.create.length > 0)) actions.add('create');
  if (parts.some((p) => p.update.length > 0)) actions.add('update');
  if (parts.some((p) => p.remove.length > 0)) actions.add('delete');
  return { ...plan, actions: [...actions] };
}
