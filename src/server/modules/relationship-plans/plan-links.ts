import type { Ctx } from '../../platform/context.js';
import { activitiesService } from '../activities/activities.service.js';
import { opportunitiesService } from '../opportunities/opportunities.service.js';
import { tasksService } from '../tasks/tasks.service.js';
import type { LinkKind } from './relationship-plans.repository.js';

/** A linked record as the plan shows it; title null when it is gone or outside the reader's rights. */
export interface LinkView {
  id: string;
  title: string | null;
  status: string | null;
  date: string | null;
  organizationId: string | null;
}

const hidden = (id: string): LinkView => ({ id, title: null, status: null, date: null, organizationId: null });

/**
 * Reads go through each module's own service, so its permission and scope rules decide what the
 * plan may show (a plan's reader may lack the opportunities module, for instance).
 */
const readers: Record<LinkKind, (ctx: Ctx, id: string) => Promise<LinkView>> = {
  async opportunity(ctx, id) {
    const o = await opportunitiesService.get(ctx, id);
    return { id, title: o.name, status: o.status, date: o.expectedCloseDate, organizationId: o.organizationId };
  },
  async activity(ctx, id) {
    const a = await activitiesService.get(ctx, id);
    return { id, title: a.subject, status: a.kind, date: a.occurredAt, organizationId: a.organizationId };
  },
  async task(ctx, id) {
    const t = await tasksService.get(ctx, id);
    return { id, title: t.title, status: t.status, date: t.dueAt, organizationId: t.entityType === 'organizations' ? t.entityId : null };
  },
};

/** The linked records in the given order; anything unreadable (403/404) becomes a placeholder. */
export function readLinks(ctx: Ctx, kind: LinkKind, ids: string[]): Promise<LinkView[]> {
  return Promise.all(ids.map((id) => readers[kind](ctx, id).catch(() => hidden(id))));
}

/**
 * Which of `ids` may not be linked: the actor cannot see it, or (opportunities and activities) it
 * belongs to another account. Tasks may hang off a contact or nothing, so only visibility counts.
 */
export async function invalidLinks(ctx: Ctx, kind: LinkKind, ids: string[], organizationId: string): Promise<string[]> {
  const views = await readLinks(ctx, kind, ids);
  return views.filter((v) => v.title === null || (kind !== 'task' && v.organizationId !== organizationId)).map((v) => v.id);
}
