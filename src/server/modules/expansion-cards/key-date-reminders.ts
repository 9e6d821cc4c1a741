import type { Db } from '../../db/connection.js';
import { upsertSchedule } from '../../platform/jobs/scheduler.js';
import type { JobLogger, JobRunner } from '../../platform/jobs/worker.js';
import { notificationsService } from '../notifications/notifications.service.js';
import { cardLink } from './expansion-cards.presenter.js';
import { expansionCardsRepository as repo } from './expansion-cards.repository.js';
import { addDays, nextOccurrence, todayUtc } from './key-dates.js';

export const KEY_DATE_JOB = 'expansion-cards.key-dates';
const BATCH = 500;

/**
 * Reminds card owners and sponsors of key dates (birthdays, holidays …) coming round within each
 * card's lead time. Each occurrence is claimed with a conditional UPDATE in the transaction that
 * writes the notifications, so however many app servers run the job, and however often, every
 * occurrence is reminded exactly once. A day the job did not run is caught up the next day, as long
 * as the date has not passed. Returns how many occurrences were reminded.
 */
export async function remindKeyDates(db: Db, today: string = todayUtc()): Promise<number> {
  let sent = 0;
  let afterId = '';
  for (;;) {
    const rows = await repo.allActiveKeyDates(db, afterId, BATCH);
    if (rows.length === 0) return sent;
    afterId = rows[rows.length - 1].id;
    for (const r of rows) {
      const on = nextOccurrence(r.date, r.yearly === 1, today);
      if (!on || on > addDays(today, r.remindDaysBefore) || (r.remindedFor && r.remindedFor >= on)) continue;
      const done = await db.transaction().execute(async (trx) => {
        const claimed = await repo.claimKeyDate(trx, r.id, on);
        if (!claimed) return false;
        const card = await repo.findCard(trx, claimed.cardId);
        if (!card || card.deletedAt) return true;
        const title = `${claimed.label} · ${on} · ${card.title}`;
        for (const userId of new Set([card.ownerId, ...(card.sponsorId ? [card.sponsorId] : [])])) {
          await notificationsService.notify(trx, { userId, kind: 'expansion_card.key_date', title, link: cardLink(card.id) });
        }
        return true;
      });
      if (done) sent++;
    }
  }
}

/** The daily key-date scan, at 00:30 UTC (08:30 in China, before the working day). */
export async function registerExpansionCardJobs(runner: JobRunner, db: Db, logger: JobLogger): Promise<void> {
  runner.register(KEY_DATE_JOB, async () => {
    const sent = await remindKeyDates(db);
    logger.info({ sent }, 'reminded key dates of expansion cards');
  });
  await upsertSchedule(db, { name: KEY_DATE_JOB, cron: '30 0 * * *', jobName: KEY_DATE_JOB, payload: null });
}
