import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

const POOL_CODES = new Set(['pool_limit_reached', 'already_claimed', 'not_in_pool', 'already_in_pool']);

/** The pool's own refusals in the interface language; undefined for any other failure (shown the usual way). */
export function poolErrorMessage(t: TFunction, err: unknown): string | undefined {
  return err instanceof ApiError && POOL_CODES.has(err.code) ? t(`pool.errors.${err.code}`) : undefined;
}
