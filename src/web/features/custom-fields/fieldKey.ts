/** The key the server accepts: lower-case letters, digits and _, starting with a letter, at most 40. */
export const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A key suggested from an English label: "Annual revenue (CNY)" → "annual_revenue_cny"; "" when nothing usable is left. */
export function suggestKey(label: string): string {
  const words = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!words) return '';
  const key = /^[a-z]/.test(words) ? words : `f_${words}`;
  return key.slice(0, 40).replace(/_+$/, '');
}
