import type { z } from 'zod';
import type { CustomValues } from '../../../shared/schemas/custom-fields.js';
import { ContactUpdateSchema, OrganizationUpdateSchema } from '../../../shared/schemas/customers.js';
import type { BulkRequest, BulkResult, ViewEntity } from '../../../shared/schemas/views.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { assertCan } from '../../platform/permissions.js';
import { contactsService } from '../contacts/contacts.service.js';
import { customFieldsService } from '../custom-fields/custom-fields.service.js';
import { resolveOwnership } from '../customers/ownership.js';
import { organizationsService } from '../organizations/organizations.service.js';

/**
 * Bulk actions of the list views. Every record goes through its module's own get / update /
 * remove, so scope, validation, ownership rules, versioning and the audit entry are exactly those
 * of a single PATCH or DELETE; each record is its own transaction and fails on its own.
 */

interface Target {
  service: {
    get(ctx: Ctx, id: string): Promise<{ ownerId: string | null; tags: string[]; version: number }>;
    update(ctx: Ctx, id: string, input: never): Promise<unknown>;
    remove(ctx: Ctx, id: string): Promise<void>;
  };
  /** The PATCH body schema: a bulk change must pass it like a PATCH would. */
  schema: z.ZodObject;
}

const TARGETS: Record<ViewEntity, Target> = {
  organizations: { service: organizationsService, schema: OrganizationUpdateSchema },
  contacts: { service: contactsService, schema: ContactUpdateSchema },
};

type Patch = Record<string, unknown>;

const invalid = (fields: Record<string, string>) => badRequest('validation_failed', 'Some fields are invalid', fields);

const issueFields = (prefix: string, error: z.ZodError) =>
  Object.fromEntries(error.issues.map((i) => [[prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix, i.message]));

/** The request's own parameters, checked once before any record is touched. */
function checkRequest(req: BulkRequest, schema: z.ZodObject): void {
  if (req.action === 'assign' && req.ownerId === undefined) throw invalid({ ownerId: 'Required' });
  if ((req.action === 'addTags' || req.action === 'removeTags') && (!req.tags || req.tags.length === 0)) throw invalid({ tags: 'Required' });
  if (req.action !== 'edit') return;
  const changes = req.changes ?? {};
  if (Object.hasOwn(changes, 'version')) throw invalid({ 'changes.version': "Not allowed: each record's current version is used" });
  if (Object.keys(changes).length === 0) throw invalid({ changes: 'Required' });
  const parsed = schema.omit({ version: true }).strict().safeParse(changes);
  if (!parsed.success) throw invalid(issueFields('changes', parsed.error));
}

/** Custom values are judged against the live fields once, not once per record. */
async function checkCustomValues(ctx: Ctx, entity: ViewEntity, req: BulkRequest): Promise<void> {
  const custom = req.action === 'edit' ? (req.changes?.custom as CustomValues | undefined) : undefined;
  if (!custom) return;
  const { errors } = await customFieldsService.prepareValues(ctx.db, entity, custom, {});
  if (Object.keys(errors).length > 0) throw invalid(Object.fromEntries(Object.entries(errors).map(([k, v]) => [`changes.${k}`, v])));
}

/** What to PATCH on one record, or null when it already is as asked. */
function patchOf(req: BulkRequest, current: { ownerId: string | null; tags: string[] }): Patch | null {
  switch (req.action) {
    case 'assign':
      return current.ownerId === req.ownerId ? null : { ownerId: req.ownerId };
    case 'addTags': {
      const tags = [...new Set([...current.tags, ...(req.tags ?? [])])];
      return tags.length === current.tags.length ? null : { tags };
    }
    case 'removeTags': {
      const drop = new Set(req.tags);
      const tags = current.tags.filter((t) => !drop.has(t));
      return tags.length === current.tags.length ? null : { tags };
    }
    default:
      return req.changes ?? {};
  }
}

function failure(id: string, err: unknown): BulkResult['failed'][number] {
  if (err instanceof AppError) {
    // The per-field messages of one record, since the result has no room for a fields object.
    const fields = Object.entries(err.fields ?? {}).map(([k, v]) => (k ? `${k}: ${v}` : v));
    return { id, code: err.code, message: fields.length > 0 ? `${err.message} (${fields.join('; ')})` : err.message };
  }
  return { id, code: 'internal', message: 'Something went wrong on our side' };
}

export const bulkService = {
  async run(ctx: Ctx, entity: ViewEntity, req: BulkRequest): Promise<BulkResult> {
    const { service, schema } = TARGETS[entity];
    // Upfront, so a role without the right gets one 403 instead of 500 failures.
    assertCan(ctx.actor, entity, req.action === 'delete' ? 'delete' : 'update');
    checkRequest(req, schema);
    await checkCustomValues(ctx, entity, req);
    // Handing records to someone else (or the pool) is judged once: 403 / 400 as for a single PATCH.
    const newOwner = req.action === 'assign' ? req.ownerId : req.action === 'edit' ? (req.changes?.ownerId as string | null | undefined) : undefined;
    if (newOwner !== undefined) await resolveOwnership(ctx, entity, newOwner);

    let updated = 0;
    const failed: BulkResult['failed'] = [];
    for (const id of new Set(req.ids)) {
      try {
        if (req.action === 'delete') {
          await service.remove(ctx, id);
        } else {
          const current = await service.get(ctx, id);
          const patch = patchOf(req, current);
          if (patch) {
            const parsed = schema.safeParse({ ...patch, version: current.version });
            if (!parsed.success) throw invalid(issueFields('', parsed.error));
            await service.update(ctx, id, parsed.data as never);
          }
        }
        updated++;
      } catch (err) {
        failed.push(failure(id, err));
      }
    }
    return { updated, failed };
  },
};
