import { describe, expect, test } from 'vitest';
import { isValidUscc } from './uscc';

describe('isValidUscc', () => {
  test('accepts codes with a correct check character, in any case', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc(' 91350100m000100y43 ')).toBe(true);
  });

  test('rejects a wrong check character, a wrong length and letters the standard leaves out', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100I43')).toBe(false);
    expect(isValidUscc('')).toBe(false);
  });
});
