import type { Ctx } from './context.js';

export interface DeletedRecord {
  id: string;
  title: string;
  deletedAt: string;
  deletedBy: string | null;
}

/**
 * What a module tells the platform about one record type, so the recycle bin and the per-record
 * history work for every type without knowing its tables. Each function applies the module's own
 * permission scope.
 */
export interface EntityType {
  type: string;
  /** True when the actor may see the record (deleted ones included); false hides it (404). */
  canSee(ctx: Ctx, id: string): Promise<boolean>;
  /** Soft-deleted records the actor may restore, newest deletion first. */
  listDeleted(ctx: Ctx, page: { limit: number; cursor?: string }): Promise<{ items: DeletedRecord[]; nextCursor: string | null }>;
  restore(ctx: Ctx, id: string): Promise<void>;
  /** Whether the actor may use the recycle bin for this type at all. */
  canRestore(ctx: Ctx): boolean;
}

export class EntityRegistry {
  private readonly types = new Map<string, EntityType>();

  register(entity: EntityType): void {
    if (this.types.has(entity.type)) throw new Error(`Entity type ${entity.type} registered twice`);
    this.types.set(entity.type, entity);
  }

  get(type: string): EntityType | undefined {
    return this.types.get(type);
  }

  all(): EntityType[] {
    return [...this.types.values()];
  }
}
