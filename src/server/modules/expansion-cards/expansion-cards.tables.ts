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

export interface ExpansionCardsTable extends Audited {
  id: string;
  organizationId: string;
  title: string;
  ownerId: string;
  targetContactId: string | null;
  targetNotes: string | null;
  sponsorId: string | null;
  /** JSON of SponsorFit. */
  sponsorFit: string;
  visitsPlan: string | null;
  mutualVisitsPlan: string | null;
  commitments: string | null;
  status: string;
  /** YYYY-MM-DD */
  nextReviewOn: string | null;
  remindDaysBefore: ColumnType<number, number | undefined, number>;
}

export interface ExpansionCardKeyDatesTable {
  id: string;
  cardId: string;
  kind: string;
  label: string;
  date: string;
  yearly: number;
  remindedFor: string | null;
  sortOrder: number;
}

export interface ExpansionCardItemsTable {
  id: string;
  cardId: string;
  kind: string;
  text: string;
  ownerId: string | null;
  dueOn: string | null;
  done: number;
  sortOrder: number;
}

export interface ExpansionCardReviewsTable {
  id: string;
  cardId: string;
  reviewedOn: string;
  text: string;
  nextReviewOn: string | null;
  authorId: string;
  createdAt: Timestamp;
}

export type ExpansionCardRow = Selectable<ExpansionCardsTable>;
export type NewExpansionCard = Insertable<ExpansionCardsTable>;
export type ExpansionCardUpdateRow = Updateable<ExpansionCardsTable>;
export type KeyDateRow = Selectable<ExpansionCardKeyDatesTable>;
export type CardItemRow = Selectable<ExpansionCardItemsTable>;
export type CardReviewRow = Selectable<ExpansionCardReviewsTable>;
