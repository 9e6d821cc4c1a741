import type { ChainEdge, ChainNode, Department, Relation } from '../../../shared/schemas/decision-chain.js';
import type { PersonWithNames } from './decision-chain.repository.js';
import type { AccountDepartmentRow, AccountRelationRow, ChainEdgeRow, ChainPersonRow } from './decision-chain.tables.js';

export function presentDepartment(r: AccountDepartmentRow): Department {
  return { id: r.id, name: r.name, parentId: r.parentId, sortOrder: r.sortOrder };
}

export function presentNode(r: PersonWithNames): ChainNode {
  return {
    id: r.id,
    contactId: r.contactId,
    contactName: r.contactName ?? '',
    departmentId: r.departmentId,
    title: r.title,
    buyingRole: r.buyingRole as ChainNode['buyingRole'],
    support: r.support as ChainNode['support'],
    favouredCompetitor: r.favouredCompetitor,
    strength: r.strength,
    level: r.level as ChainNode['level'],
    risingStar: !!r.risingStar,
    ourOwnerId: r.ourOwnerId,
    ourOwnerName: r.ourOwnerName ?? null,
    lastContactAt: r.lastContactAt ?? null,
    // pg returns real as number; better-sqlite3 too. Number() guards a driver returning a string.
    x: Number(r.posX),
    y: Number(r.posY),
    notes: r.notes,
  };
}

export function presentEdge(r: ChainEdgeRow): ChainEdge {
  return { id: r.id, from: r.fromPersonId, to: r.toPersonId, kind: r.kind as ChainEdge['kind'], hidden: !!r.hidden, note: r.note };
}

export function presentRelation(r: AccountRelationRow): Relation {
  return {
    id: r.id,
    organizationId: r.organizationId,
    kind: r.kind as Relation['kind'],
    title: r.title,
    happenedOn: r.happenedOn,
    ourPeople: r.ourPeople,
    theirPeople: r.theirPeople,
    notes: r.notes,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What the audit log keeps of each row: the business fields, not the bookkeeping. */
export function auditablePerson(r: ChainPersonRow) {
  const { createdAt, updatedAt, createdBy, version, deletedAt, deletedBy, ...rest } = r;
  return rest;
}
export function auditableDepartment(r: AccountDepartmentRow) {
  const { createdAt, updatedAt, createdBy, version, deletedAt, deletedBy, ...rest } = r;
  return rest;
}
export function auditableEdge(r: ChainEdgeRow) {
  const { createdAt, updatedAt, createdBy, version, deletedAt, deletedBy, ...rest } = r;
  return rest;
}
export function auditableRelation(r: AccountRelationRow) {
  const { createdAt, updatedAt, createdBy, version, deletedAt, deletedBy, ...rest } = r;
  return rest;
}
