// The "max" metadata checks number ranges, not only lengths: 12345678901 is 11 digits yet no mobile.
import type * as Libphonenumber from 'libphonenumber-js/max';
import { lazyRequire } from '../../platform/lazy-require.js';

/** Its metadata is large; loaded at the first phone number, not at server start. */
const libphonenumber = lazyRequire<typeof Libphonenumber>('libphonenumber-js/max');

/**
 * A phone number as typed (mainland mobile "138 1234 5678", landline with area code
 * "0755-1234 5678", international "+44 20 7946 0958") in E.164 ("+8675512345678"), or null when it
 * is not a valid number. Numbers without a country code are read as Chinese.
 */
export function toE164(input: string): string | null {
  const known = recent.get(input);
  if (known !== undefined) return known;
  const parsed = libphonenumber().parsePhoneNumberFromString(input, 'CN');
  const e164 = parsed?.isValid() ? parsed.number : null;
  if (recent.size >= RECENT_KEPT) recent.clear();
  recent.set(input, e164);
  return e164;
}

/**
 * Parsing is the costly part of checking a number (~25 µs), and an import reads each number two or
 * three times (row check, duplicate keys, contact points); the answer depends only on the text.
 */
const recent = new Map<string, string | null>();
const RECENT_KEPT = 10_000;
