import type { TFunction } from 'i18next';
import { i18n, LANGUAGES } from '../../i18n';

/**
 * Built-in roles are stored with their default name in the language of the install. While an admin
 * has not renamed one, show that default in the reader's language instead.
 */
export function roleDisplayName(t: TFunction, name: string, builtinKey?: string | null): string {
  const defaults = (i18n.getResource('en', 'translation', 'roles.builtinNames') ?? {}) as Record<string, string>;
  const keys = builtinKey ? [builtinKey] : Object.keys(defaults);
  for (const key of keys) {
    const k = `roles.builtinNames.${key}`;
    if (LANGUAGES.some((lng) => i18n.getFixedT(lng)(k) === name)) return t(k);
  }
  return name;
}
