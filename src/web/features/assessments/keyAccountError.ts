import type { TFunction } from 'i18next';
import { i18n } from '../../i18n';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errorMessage';

/** This feature's own error codes (author rule, plan year taken…) are translated here; others as everywhere. */
export function keyAccountError(t: TFunction, err: unknown): string {
  if (err instanceof ApiError && i18n.exists(`assessments.errors.${err.code}`)) return t(`assessments.errors.${err.code}`);
  return errorMessage(t, err);
}
