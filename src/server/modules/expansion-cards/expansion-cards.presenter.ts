import type { ExpansionCard, ExpansionCardSummary, SponsorFit } from '../../../shared/schemas/expansion-cards.js';
import { emptySponsorFit } from '../../../shared/schemas/expansion-cards.js';
import type { ChildRows } from './expansion-cards.repository.js';
import type { CardItemRow, ExpansionCardRow } from './expansion-cards.tables.js';
import { nextOccurrence } from './key-dates.js';

/** Where the web app opens a card. */
export const cardLink = (id: string) => `/expansion-cards/${id}`;

export interface CardNames {
  users: Map<string, string>;
  organizations: Map<string, string>;
  contacts: Map<string, string>;
}

export type CompetitorWarning = { favouredCompetitor: string | null; strength: number | null } | null;

function parseFit(json: string): SponsorFit {
  try {
    return { ...emptySponsorFit(), ...JSON.parse(json) };
  } catch {
    return emptySponsorFit();
  }
}

export function presentSummary(row: ExpansionCardRow, names: CardNames): ExpansionCardSummary {
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: names.organizations.get(row.organizationId) ?? null,
    title: row.title,
    ownerId: row.ownerId,
    ownerName: names.users.get(row.ownerId) ?? null,
    targetContactId: row.targetContactId,
    targetName: row.targetContactId ? (names.contacts.get(row.targetContactId) ?? null) : null,
    sponsorId: row.sponsorId,
    sponsorName: row.sponsorId ? (names.users.get(row.sponsorId) ?? null) : null,
    status: row.status as ExpansionCard['status'],
    nextReviewOn: row.nextReviewOn,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

const presentItem = (r: CardItemRow, names: CardNames) => ({
  id: r.id,
  text: r.text,
  ownerId: r.ownerId,
  ownerName: r.ownerId ? (names.users.get(r.ownerId) ?? null) : null,
  dueOn: r.dueOn,
  done: r.done === 1,
});

export function presentCard(row: ExpansionCardRow, children: ChildRows, names: CardNames, warning: CompetitorWarning, today: string): ExpansionCard {
  return {
    ...presentSummary(row, names),
    targetNotes: row.targetNotes,
    competitorWarning: warning,
    sponsorFit: parseFit(row.sponsorFit),
    visitsPlan: row.visitsPlan,
    mutualVisitsPlan: row.mutualVisitsPlan,
    keyDates: children.keyDates.map((d) => ({
      id: d.id,
      kind: d.kind as ExpansionCard['keyDates'][number]['kind'],
      label: d.label,
      date: d.date,
      yearly: d.yearly === 1,
      nextOccurrence: nextOccurrence(d.date, d.yearly === 1, today),
    })),
    keyEvents: children.items.filter((i) => i.kind === 'key_event').map((i) => presentItem(i, names)),
    commitments: row.commitments,
    actions: children.items.filter((i) => i.kind === 'action').map((i) => presentItem(i, names)),
    reviews: children.reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewedOn,
      text: r.text,
      nextReviewOn: r.nextReviewOn,
      authorId: r.authorId,
      authorName: names.users.get(r.authorId) ?? null,
      createdAt: r.createdAt,
    })),
    remindDaysBefore: row.remindDaysBefore,
    createdAt: row.createdAt,
  };
}

/**
 * What the audit log keeps of a card: who and what it concerns, never its text. The global audit log
 * is read by administrators outside the card's chain, so titles, plans and notes stay out of it
 * (docs/DECISIONS.md, "Expansion cards are confidential").
 */
export function auditableCard(row: ExpansionCardRow): Record<string, unknown> {
  return {
    organizationId: row.organizationId,
    ownerId: row.ownerId,
    sponsorId: row.sponsorId,
    targetContactId: row.targetContactId,
    status: row.status,
    nextReviewOn: row.nextReviewOn,
  };
}
