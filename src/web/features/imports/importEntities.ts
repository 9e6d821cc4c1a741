import { IMPORT_ENTITIES, type ImportEntity } from '../../../shared/schemas/imports';
import type { Permissions } from '../../../shared/schemas/permissions';
import { can } from '../../lib/permissions';

/** Record types the user may import: creating them is what an import does. */
export const importableEntities = (permissions: Permissions | undefined): ImportEntity[] => IMPORT_ENTITIES.filter((e) => can(permissions, e, 'create'));

export const asImportEntity = (v: string | null): ImportEntity | undefined =>
  (IMPORT_ENTITIES as readonly string[]).includes(v ?? '') ? (v as ImportEntity) : undefined;
