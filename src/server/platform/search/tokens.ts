import type * as PinyinPro from 'pinyin-pro';
import { lazyRequire } from '../lazy-require.js';

/** Its dictionaries take ~60–120 ms to load; the first record written or searched loads them, not server start. */
const pinyinPro = lazyRequire<typeof PinyinPro>('pinyin-pro');

/**
 * The search index stores, for every record, short keys whose B-tree order turns "contains" into
 * "starts with": every suffix of a name (bounded), so one index range answers a fragment of any length,
 * one- and two-character Chinese included. Keys carry a kind prefix so one query asks only the kinds
 * a term can be (see docs/DECISIONS.md, "Global search").
 *
 *   x:  the whole title, its full pinyin and its initials (exact and prefix matches rank above the rest)
 *   c:  suffixes of the Chinese characters of a name        华为技术 → 华为技术, 为技术, 技术, 术
 *   p:  full pinyin from each syllable on                  huaweijishu, weijishu, jishu, shu
 *   i:  initials from each syllable on                     hwjs, wjs, js, s
 *   w:  other words (English, numbers), matched by prefix
 *   e:  e-mail addresses from the start and from each separator on (alice@x.com, @x.com, x.com, com)
 *   d:  phone digits, every suffix of at least three digits
 */
export interface SearchDocument {
  /** What the record is called; exact and prefix matches of it rank highest. */
  title: string;
  /** Other names the record goes by (matched like the title, ranked as "contains"). */
  names?: string[];
  emails?: string[];
  phones?: string[];
}

const CJK = /\p{Script=Han}/u;
const CJK_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
/** Bounds keep the index small: a fragment longer than these is matched on its first part. */
const MAX_CJK = 12;
const MAX_LATIN = 32;
const MAX_EMAIL = 48;
const MAX_DIGITS = 20;
const MIN_DIGITS = 3;
const MAX_TITLE = 48;

export const normalize = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const hasCjk = (s: string) => CJK.test(s);
const digitsOf = (s: string) => s.replace(/\D/g, '');
const hanOf = (s: string) => (s.match(CJK_RUN) ?? []).join('');

/**
 * Readings by run of characters. pinyin-pro was the largest cost of indexing in bulk (imports, the
 * backfill), and names repeat their parts (王, 李, 有限公司 …); each run is read twice per document
 * (title forms and keys). The reading depends only on the run itself, so a bounded memo is exact.
 */
const readings = new Map<string, string[]>();
const READINGS_KEPT = 50_000;

/** One syllable per Chinese character (the reading pinyin-pro picks in context; ü written v). */
function syllables(han: string): string[] {
  if (!han) return [];
  const known = readings.get(han);
  if (known) return known;
  const read = pinyinPro()
    .pinyin(han, { toneType: 'none', type: 'array', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));
  if (readings.size >= READINGS_KEPT) readings.clear();
  readings.set(han, read);
  return read;
}

/** The title as typed, in full pinyin and in initials (Chinese read out, other letters kept). */
function titleForms(title: string): string[] {
  const t = normalize(title);
  const forms = [t];
  if (hasCjk(t)) {
    const parts = [...t.matchAll(/(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu)];
    const full: string[] = [];
    const initials: string[] = [];
    for (const [, han, other] of parts) {
      if (han) {
        const s = syllables(han);
        full.push(s.join(''));
        initials.push(s.map((x) => x[0] ?? '').join(''));
      } else {
        full.push(other);
        initials.push(other);
      }
    }
    forms.push(full.join(''), initials.join(''));
  }
  return forms.filter(Boolean).map((f) => f.slice(0, MAX_TITLE));
}

function nameKeys(name: string, keys: Set<string>): void {
  const text = normalize(name);
  const han = hanOf(text);
  const chars = [...han];
  const syl = syllables(han);
  for (let i = 0; i < chars.length; i++) {
    keys.add(`c:${chars.slice(i, i + MAX_CJK).join('')}`);
    keys.add(`p:${syl.slice(i).join('').slice(0, MAX_LATIN)}`);
    keys.add(
      `i:${syl
        .slice(i)
        .map((s) => s[0] ?? '')
        .join('')
        .slice(0, MAX_CJK)}`,
    );
  }
  for (const [word] of text.replace(CJK_RUN, ' ').matchAll(WORD)) keys.add(`w:${word.slice(0, MAX_LATIN)}`);
}

function emailKeys(email: string, keys: Set<string>): void {
  const e = normalize(email);
  if (!e) return;
  keys.add(`e:${e.slice(0, MAX_EMAIL)}`);
  for (let i = 0; i < e.length; i++) {
    if ('@._-+'.includes(e[i])) {
      // "@example.com" and "example.com" both find alice@example.com.
      if (e[i] === '@') keys.add(`e:${e.slice(i, i + MAX_EMAIL)}`);
      if (i + 1 < e.length) keys.add(`e:${e.slice(i + 1, i + 1 + MAX_EMAIL)}`);
    }
  }
}

function phoneKeys(phone: string, keys: Set<string>): void {
  const d = digitsOf(phone);
  for (let i = 0; i + MIN_DIGITS <= d.length; i++) keys.add(`d:${d.slice(i, i + MAX_DIGITS)}`);
}

/** Every key of a document, without duplicates. */
export function documentKeys(doc: SearchDocument): string[] {
  const keys = new Set<string>();
  for (const form of titleForms(doc.title)) keys.add(`x:${form}`);
  for (const name of [doc.title, ...(doc.names ?? [])]) nameKeys(name, keys);
  for (const email of doc.emails ?? []) emailKeys(email, keys);
  for (const phone of doc.phones ?? []) phoneKeys(phone, keys);
  keys.delete('x:');
  return [...keys];
}

/** One part of the query: a record matches it when any of `prefixes` starts one of its keys. */
export interface QueryPart {
  prefixes: string[];
}

export interface ParsedQuery {
  /** `x:` + the whole query: equal to a title form is exact, a start of one is a prefix match. */
  whole: string;
  /** Every part must match; the first is the most selective (it drives the index walk). */
  parts: QueryPart[];
}

const PHONE_LIKE = /^[\d\s()+\-.]+$/;

function latinPart(text: string): QueryPart | null {
  if (/[@.]/.test(text)) return { prefixes: [`e:${text.slice(0, MAX_EMAIL)}`] };
  const word = (text.match(WORD) ?? []).join('');
  if (!word) return null;
  if (/^\d+$/.test(word)) {
    const prefixes = [`w:${word.slice(0, MAX_LATIN)}`];
    if (word.length >= MIN_DIGITS) prefixes.push(`d:${word.slice(0, MAX_DIGITS)}`);
    return { prefixes };
  }
  const w = word.slice(0, MAX_LATIN);
  return { prefixes: [`p:${w}`, `i:${w.slice(0, MAX_CJK)}`, `w:${w}`, `e:${w}`] };
}

/** How selective a part is likely to be: longer Chinese fragments and longer words first. */
const weight = (p: QueryPart) => Math.max(...p.prefixes.map((k) => (k.startsWith('c:') ? 3 : 1) * [...k.slice(2)].length));

/** Splits what the user typed into parts; null when nothing searchable is left. */
export function parseQuery(q: string): ParsedQuery | null {
  const text = normalize(q);
  if (!text) return null;
  const parts: QueryPart[] = [];
  if (PHONE_LIKE.test(text) && digitsOf(text).length >= MIN_DIGITS) {
    // "138 0013 8000" is one phone number, not three words.
    const part = latinPart(digitsOf(text));
    if (part) parts.push(part);
  } else {
    for (const term of text.split(' ')) {
      // "华wei" mixes characters and pinyin: each piece must match.
      for (const [, han, other] of term.matchAll(/(\p{Script=Han}+)|([^\p{Script=Han}]+)/gu)) {
        const part = han ? { prefixes: [`c:${[...han].slice(0, MAX_CJK).join('')}`] } : latinPart(other);
        if (part) parts.push(part);
      }
    }
  }
  if (parts.length === 0) return null;
  parts.sort((a, b) => weight(b) - weight(a));
  return { whole: `x:${text.slice(0, MAX_TITLE)}`, parts: parts.slice(0, 6) };
}

/** The first string after every string that starts with `prefix`, in code-point (= UTF-8 byte) order. */
export function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const last = points.pop() as string;
  return points.join('') + String.fromCodePoint((last.codePointAt(0) as number) + 1);
}
