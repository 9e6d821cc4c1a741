/**
 * Normalised names for duplicate checks: "华为技术有限公司", "华为技术 (有限公司)" and "Huawei Technologies
 * Co., Ltd." must compare by what distinguishes them, not by legal-form suffixes, spacing, case,
 * full-width characters or punctuation.
 */

// Longest first, so 股份有限公司 is removed whole rather than leaving 股份. 控股 and 集团 (holding,
// group) go too: "阿里巴巴集团控股有限公司" is the same customer as "阿里巴巴". 分公司 (branch) is taken
// off as a whole so the branch's key ends in its place name, not in a dangling 分.
const CHINESE_SUFFIXES = ['股份有限公司', '有限责任公司', '股份公司', '有限公司', '有限合伙', '分公司', '控股', '集团', '公司'];
// Latin legal forms count only as separate words: "Costco" keeps its "co", "Acme Co." loses it.
const LATIN_SUFFIX = /[\s,.&()]+(?:co|company|ltd|limited|inc|incorporated|llc|llp|plc|pte|pty|gmbh|ag|corp|corporation|group|holdings?)\.?$/u;
const TRAILING_NOISE = /[^\p{L}\p{N}]+$/u;
const NOT_NAME = /[^\p{L}\p{M}\p{N}]+/gu;

/** Case, width (NFKC turns "ＡＢＣ（中国）" into "ABC(中国)") and surrounding space. */
const fold = (name: string) => name.normalize('NFKC').toLowerCase().trim();

function stripSuffixes(name: string): string {
  let s = name;
  for (;;) {
    const before = s;
    s = s.replace(TRAILING_NOISE, '');
    const zh = CHINESE_SUFFIXES.find((suffix) => s.endsWith(suffix));
    if (zh === s) return s;
    s = zh ? s.slice(0, -zh.length) : s.replace(LATIN_SUFFIX, '');
    if (s === before) return s;
  }
}

/** Organization names: folded, legal-form suffixes removed, only letters and digits kept. */
export function organizationNameKey(name: string): string {
  const folded = fold(name);
  const key = stripSuffixes(folded).replace(NOT_NAME, '');
  // A name that is nothing but a suffix ("公司") still needs a key that matches itself.
  return key || folded.replace(NOT_NAME, '');
}

/** Person names: folded, only letters and digits kept ("Li  Na" = "li.na" = "LI-NA"). */
export function personNameKey(name: string): string {
  return fold(name).replace(NOT_NAME, '');
}
