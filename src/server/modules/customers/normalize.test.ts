import { describe, expect, test } from 'vitest';
import { organizationNameKey, personNameKey } from './name-key.js';
import { toE164 } from './phones.js';
import { isValidUscc, normalizeUscc, usccCheckCharacter } from './uscc.js';

describe('organization name key', () => {
  test.each([
    ['华为技术有限公司', '华为技术'],
    ['华为技术 有限公司 ', '华为技术'],
    ['深圳市腾讯计算机系统有限责任公司', '深圳市腾讯计算机系统'],
    ['中国平安保险(集团)股份有限公司', '中国平安保险'],
    ['万科集团', '万科'],
    ['XX集团有限公司', 'xx'],
    ['微软（中国）有限公司', '微软中国'],
    ['ＡＢＣ 股份有限公司', 'abc'],
    ['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
    ['HUAWEI TECHNOLOGIES CO LTD', 'huaweitechnologies'],
    ['Tesla, Inc.', 'tesla'],
    ['Foo LLC', 'foo'],
    ['Siemens Corp.', 'siemens'],
    ['Bosch GmbH', 'bosch'],
  ])('%s → %s', (name, key) => {
    expect(organizationNameKey(name)).toBe(key);
  });

  test('legal forms count only as separate words, so names that merely end in them keep their letters', () => {
    expect(organizationNameKey('Costco')).toBe('costco');
    expect(organizationNameKey('Moderninc')).toBe('moderninc');
  });

  test('a name that is nothing but a legal form still has a key', () => {
    expect(organizationNameKey('公司')).toBe('公司');
    expect(organizationNameKey('有限公司')).toBe('有限公司');
  });

  test('spellings of one company meet on one key', () => {
    expect(organizationNameKey('Acme Co., Ltd.')).toBe(organizationNameKey('ACME  Limited'));
    expect(organizationNameKey('华为技术有限公司')).toBe(organizationNameKey('华为技术'));
  });
});

describe('person name key', () => {
  test('ignores case, spacing and punctuation but keeps every letter', () => {
    expect(personNameKey('Li  Na')).toBe('lina');
    expect(personNameKey('LI-NA')).toBe('lina');
    expect(personNameKey(' 王 伟 ')).toBe('王伟');
    expect(personNameKey('Co Ltd')).toBe('coltd');
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  test.each([
    '91350100M000100Y43',
    '914403001922038216', // 华为技术有限公司
    '91330100716105852F', // 阿里巴巴(中国)有限公司
    '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
    '91310000MA1FL1MMXL',
  ])('%s is valid', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  test('the check character is 31 - (weighted sum mod 31), with 31 written as 0', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('9144030071526726X')).toBe('G');
    // A prefix whose weighted sum is a multiple of 31 gets "0", not the out-of-range 31st character.
    const prefix = '9135010000000000';
    const zeroCase = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => prefix + c).find((p) => usccCheckCharacter(p) === '0');
    expect(zeroCase).toBeDefined();
    expect(isValidUscc(`${zeroCase}0`)).toBe(true);
  });

  test.each([
    ['91350100M000100Y44', 'wrong check character'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['91350100I000100Y43', 'I is not in the alphabet'],
    ['91350100O000100Y43', 'O is not in the alphabet'],
    ['91350100m000100y43', 'lower case before normalising'],
    ['', 'empty'],
  ])('%s is invalid (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  test('normalising trims and upper-cases before the check', () => {
    expect(isValidUscc(normalizeUscc(' 91350100m000100y43 '))).toBe(true);
  });
});

describe('phone numbers', () => {
  test.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['010-12345678', '+861012345678'],
    ['0755-1234 5678', '+8675512345678'],
    ['(021) 6123 4567', '+862161234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (650) 253-0000', '+16502530000'],
  ])('%s → %s', (input, e164) => {
    expect(toE164(input)).toBe(e164);
  });

  test.each(['12345', '1381234567', '12012345678', 'call me', '+44 20 7946'])('%s is not a valid number', (input) => {
    expect(toE164(input)).toBeNull();
  });
});
