import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = string;
/** bigint: better-sqlite3 reads a number, pg a string (see shared/money.ts toMinorNumber). */
type Minor = ColumnType<number | string, number, number>;

/** A sales target (migration 0018): one user's or one team's amount for a month, quarter or year. */
export interface TargetsTable {
  id: string;
  /** user | team */
  subjectType: string;
  userId: string | null;
  teamId: string | null;
  /** month | quarter | year */
  period: string;
  /** YYYY-MM-DD: the first day of the period. */
  periodStart: string;
  amountMinor: Minor;
  currency: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  createdBy: string | null;
  version: ColumnType<number, number | undefined, number>;
  deletedAt: Timestamp | null;
  deletedBy: string | null;
}

export type TargetRow = Selectable<TargetsTable>;
export type NewTarget = Insertable<TargetsTable>;
export type TargetUpdateRow = Updateable<TargetsTable>;
