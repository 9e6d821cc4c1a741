import Decimal from 'decimal.js';
import { z } from 'zod';

/**
 * Money never passes through floating point. The API carries amounts as decimal strings ("1234.50"),
 * the database stores integer minor units (分/cents) so SQL can SUM them exactly, and arithmetic on
 * quantities, discounts and tax rates runs in decimal.js. Minor units are JS numbers: safe up to
 * 2^53 fen (about 90 trillion yuan), far above any single CRM total; PostgreSQL's bigint arrives as a
 * string and goes through toMinorNumber.
 */
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'GBP'] as const;
export const CurrencySchema = z.enum(CURRENCIES).describe('ISO 4217 currency code');
export type Currency = z.infer<typeof CurrencySchema>;

/** Largest amount accepted in one field: 999,999,999,999.99 (a trillion minus a cent). */
export const MAX_AMOUNT = '999999999999.99';

export const MoneySchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'Enter an amount with at most 12 digits and 2 decimals')
  .describe('Decimal amount as a string, e.g. "1234.50"');
export const NonNegativeMoneySchema = MoneySchema.refine((v) => !v.startsWith('-'), 'Must not be negative');

/** A percentage 0–100 with up to 2 decimals, as a string (discounts, tax rates, probabilities). */
export const PercentSchema = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'Enter a percentage with at most 2 decimals')
  .refine((v) => new D(v).lte(100), 'Must be 100 or less')
  .describe('Percentage 0–100 as a string, e.g. "13" or "7.5"');

/** A quantity > 0 with up to 4 decimals, as a string. */
export const QuantitySchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,4})?$/, 'Enter a quantity with at most 4 decimals')
  .refine((v) => new D(v).gt(0), 'Must be greater than 0')
  .describe('Quantity as a string, e.g. "2" or "1.5"');

/** "1234.5" → 123450 (minor units). Throws on anything that is not a decimal amount. */
export function toMinor(amount: string): number {
  const d = new D(amount).times(100);
  if (!d.isInteger()) throw new Error(`More than two decimals: ${amount}`);
  return d.toNumber();
}

/** 123450 → "1234.50". */
export function fromMinor(minor: number | bigint | string): string {
  return new D(minor.toString()).div(100).toFixed(2);
}

/** A bigint column as read by pg (string) or better-sqlite3 (number). */
export function toMinorNumber(value: number | bigint | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

/** quantity × unit price, in minor units, rounded half-up to the cent. */
export function multiplyMinor(minor: number, factor: string): number {
  return new D(minor).times(factor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** percent of an amount in minor units, rounded half-up to the cent (e.g. a discount or a tax). */
export function percentOfMinor(minor: number, percent: string): number {
  return new D(minor).times(percent).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** Sum of minor amounts; integers add exactly as long as they stay below 2^53. */
export function sumMinor(values: Iterable<number>): number {
  let total = new D(0);
  for (const v of values) total = total.plus(v);
  return total.toNumber();
}

/** Compare two decimal strings: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  return new D(a).comparedTo(b);
}

/** Display form with thousands separators, e.g. 123456789 → "1,234,567.89" (no float on the way). */
export function formatMinor(minor: number | string, currency?: string): string {
  const fixed = fromMinor(minor);
  const negative = fixed.startsWith('-');
  const [int = '0', frac = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = currency ? (CURRENCY_SYMBOLS[currency] ?? `${currency} `) : '';
  return `${negative ? '-' : ''}${symbol}${grouped}.${frac}`;
}

const CURRENCY_SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', HKD: 'HK$', GBP: '£' };
