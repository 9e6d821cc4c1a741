// The "max" metadata checks number ranges, not only lengths: 12345678901 is 11 digits yet no mobile.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number as typed (mainland mobile "138 1234 5678", landline with area code
 * "0755-1234 5678", international "+44 20 7946 0958") in E.164 ("+8675512345678"), or null when it
 * is not a valid number. Numbers without a country code are read as Chinese.
 */
export function toE164(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input, 'CN');
  return parsed?.isValid() ? parsed.number : null;
}
