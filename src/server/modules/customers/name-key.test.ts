import { describe, expect, test } from 'vitest';
import { organizationNameKey } from './name-key.js';

// The rules added for the duplicate check (issue 4): holding and group forms, partnerships, branches.
describe('organization name key: more legal forms', () => {
  test.each([
    ['阿里巴巴集团控股有限公司', '阿里巴巴'],
    ['阿里巴巴(中国)网络技术有限公司', '阿里巴巴中国网络技术'],
    ['红杉资本投资中心（有限合伙）', '红杉资本投资中心'],
    ['万科企业股份公司', '万科企业'],
    ['华为技术有限公司深圳分公司', '华为技术有限公司深圳'],
    ['Alibaba Group Holding Limited', 'alibaba'],
    ['Siemens AG', 'siemens'],
    ['HSBC Holdings plc', 'hsbc'],
    ['Grab Holdings Pte. Ltd.', 'grab'],
    ['Ernst & Young LLP', 'ernstyoung'],
  ])('%s → %s', (name, key) => {
    expect(organizationNameKey(name)).toBe(key);
  });

  test('legal forms still count only as separate words', () => {
    expect(organizationNameKey('Pag')).toBe('pag');
    expect(organizationNameKey('Bigroup')).toBe('bigroup');
    expect(organizationNameKey('控股')).toBe('控股');
  });

  test('a company with and without its legal form meets on one key', () => {
    expect(organizationNameKey('腾讯控股有限公司')).toBe(organizationNameKey('腾讯'));
    expect(organizationNameKey('Tencent Holdings Ltd.')).toBe(organizationNameKey('TENCENT'));
  });
});
