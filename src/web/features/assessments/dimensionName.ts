import type { Dimension } from '../../../shared/schemas/assessments';

/** The dimension's name in the interface language (Chinese for zh-*, English otherwise). */
export function dimensionName(d: Pick<Dimension, 'nameEn' | 'nameZh'>, language: string): string {
  return language.startsWith('zh') ? d.nameZh : d.nameEn;
}

export function dimensionDescription(d: Pick<Dimension, 'descriptionEn' | 'descriptionZh'>, language: string): string | null {
  return language.startsWith('zh') ? d.descriptionZh : d.descriptionEn;
}
