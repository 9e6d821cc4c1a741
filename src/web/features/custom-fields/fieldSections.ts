import type { CustomField, CustomFieldCatalog } from '../../../shared/schemas/custom-fields';
import { fieldLabel } from './fieldLabel';

export interface FieldSection {
  /** The group id, or "other" for fields without a (live) group. */
  key: string;
  title: string;
  fields: CustomField[];
}

/** The catalog as sections in form order: each group with its fields, then "Other"; empty groups left out. */
export function fieldSections(catalog: CustomFieldCatalog | undefined, language: string, otherTitle: string): FieldSection[] {
  if (!catalog) return [];
  const sections: FieldSection[] = catalog.groups.map((g) => ({
    key: g.id,
    title: fieldLabel(g.label, language),
    fields: catalog.fields.filter((f) => f.groupId === g.id),
  }));
  sections.push({ key: 'other', title: otherTitle, fields: catalog.fields.filter((f) => !f.groupId) });
  return sections.filter((s) => s.fields.length > 0);
}

/** Long text takes the form's full width; everything else sits two to a row. */
export const isWide = (f: CustomField) => f.type === 'longText' || f.type === 'multiSelect';
