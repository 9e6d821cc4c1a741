/**
 * "Similar" between two name keys (see name-key.ts), and which keys to look up to find them with
 * index seeks only. Chinese characters carry more of a name than Latin letters do, so the minimum
 * lengths differ: "华为" inside "华为终端" is telling, "ab" inside "abacus" is not.
 */

const HAN = /\p{Script=Han}/u;
const chars = (s: string) => Array.from(s);

/** The shorter key must be at least this long for "one contains the other" to count. */
const minContained = (key: string) => (HAN.test(key) ? 2 : 4);
/** Two keys that only share a beginning must share at least this much of it. */
const minShared = (key: string) => (HAN.test(key) ? 4 : 6);

function commonPrefixLength(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * True when one key begins with the other ("华为" / "华为技术"), or both share a long beginning
 * that is most of the shorter one ("北京字节跳动科技" / "北京字节跳动网络技术"). Equal keys are "same
 * name", not similar.
 */
export function isSimilarKey(a: string, b: string): boolean {
  if (a === b || !a || !b) return false;
  const [short, long] = a.length <= b.length ? [chars(a), chars(b)] : [chars(b), chars(a)];
  const common = commonPrefixLength(short, long);
  if (common === short.length) return short.length >= minContained(short.join(''));
  return common >= minShared(short.join('')) && common >= 0.6 * short.length;
}

/** The beginnings of `key` that a similar record's whole key could be ("华为技术深圳" → 华为, 华为技, 华为技术, 华为技术深). */
export function keyPrefixes(key: string): string[] {
  const c = chars(key);
  const out: string[] = [];
  for (let n = minContained(key); n < c.length; n++) out.push(c.slice(0, n).join(''));
  return out;
}
