import type { BilingualLabel } from '../../../shared/schemas/custom-fields';

/** The label in the interface language, falling back to the other language when it is empty. */
export function fieldLabel(label: BilingualLabel, language: string): string {
  const zh = label['zh-CN'].trim();
  const en = label.en.trim();
  return language.startsWith('zh') ? zh || en : en || zh;
}
