import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = string;

interface Audited {
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

/** The optimistic version of an organization's whole chain graph (migration 0019). */
export interface DecisionChainsTable {
  organizationId: string;
  version: number;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

/** A department of the customer (the broad-coverage layer). */
export interface AccountDepartmentsTable extends Audited {
  id: string;
  organizationId: string;
  name: string;
  parentId: string | null;
  sortOrder: number;
}

/** A contact's place in the customer's decision chain. */
export interface ChainPeopleTable extends Audited {
  id: string;
  organizationId: string;
  contactId: string;
  departmentId: string | null;
  title: string | null;
  /** decision_maker | approver | technical_evaluator | business_evaluator | user | influencer | coach | gatekeeper */
  buyingRole: string | null;
  /** supporter | neutral | opponent */
  support: string;
  favouredCompetitor: string | null;
  /** 1–5 */
  strength: number | null;
  /** senior | middle | junior */
  level: string | null;
  risingStar: number;
  ourOwnerId: string | null;
  posX: number;
  posY: number;
  notes: string | null;
}

/** A reporting or influence line between two people of one chain. */
export interface ChainEdgesTable extends Audited {
  id: string;
  organizationId: string;
  fromPersonId: string;
  toPersonId: string;
  /** reporting | influence */
  kind: string;
  /** 1 for a hidden decision link (隐性决策链). */
  hidden: number;
  note: string | null;
}

/** The organization-level layer: our company to theirs. */
export interface AccountRelationsTable extends Audited {
  id: string;
  organizationId: string;
  /** strategic_agreement | executive_visit | joint_event | other */
  kind: string;
  title: string;
  happenedOn: string | null;
  ourPeople: string | null;
  theirPeople: string | null;
  notes: string | null;
}

export type AccountDepartmentRow = Selectable<AccountDepartmentsTable>;
export type ChainPersonRow = Selectable<ChainPeopleTable>;
export type NewChainPerson = Insertable<ChainPeopleTable>;
export type ChainPersonUpdateRow = Updateable<ChainPeopleTable>;
export type ChainEdgeRow = Selectable<ChainEdgesTable>;
export type AccountRelationRow = Selectable<AccountRelationsTable>;
