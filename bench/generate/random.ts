import { v7 } from 'uuid';
import { mulberry32 } from '../data.js';

export type Rand = () => number;

/** A seeded source with the helpers the generators need; the same seed gives the same data set everywhere. */
export function seeded(seed: number) {
  const next: Rand = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Seeded = ReturnType<typeof seeded>;

/**
 * Picks from weighted entries in O(log n): a cumulative table and a binary search, so a 250 000-entry
 * Zipf table costs 18 comparisons a draw instead of a linear walk.
 */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]) {
  const cumulative = new Float64Array(entries.length);
  let sum = 0;
  entries.forEach(([, w], i) => {
    sum += w;
    cumulative[i] = sum;
  });
  return (rand: Rand): T => {
    const r = rand() * sum;
    let lo = 0;
    let hi = entries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return entries[lo][0];
  };
}

/** UUIDv7 like the app's newId(), with a chosen timestamp and seeded random bits. */
export function idAt(rand: Rand, msecs: number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = Math.floor(rand() * 256);
  return v7({ msecs, random });
}

// A fixed window (not "now") so the data set does not drift from one run to the next; the same as bench/data.ts.
export const END = Date.UTC(2026, 0, 1);
export const START = END - 2 * 365 * 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();
