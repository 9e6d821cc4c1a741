import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { i18n } from '../i18n';
import { ApiError } from './api';

/** The server's error code is the i18n key; its English message is the fallback for codes we do not know. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.unknown');
  if (err.code === 'login_locked') {
    // The server sends the lock's end as fields.until; show it in local time.
    const until = err.fields?.until;
    return until ? t('errors.login_locked_until', { time: dayjs(until).format('HH:mm') }) : t('errors.login_locked');
  }
  const key = `errors.${err.code}`;
  if (i18n.exists(key)) return t(key);
  return err.message || t('errors.unknown');
}

// Field messages the server sends in English, with their translations; others are shown as sent.
const FIELD_MESSAGES: Record<string, string> = {
  Required: 'validation.required',
  'Wrong password': 'validation.wrongPassword',
  'Use at least 10 characters': 'validation.passwordLength',
  'Enter a valid e-mail address': 'validation.email',
  'Already in use': 'validation.emailTaken',
  'No such team': 'validation.noSuchTeam',
  'Choose a team outside this branch': 'validation.teamCycle',
  'Enter a phone number': 'validation.phone',
  'Not a valid phone number': 'errors.phone_invalid',
  'Not a valid unified social credit code (18 characters with a check character)': 'errors.uscc_invalid',
  'You can only own it yourself': 'validation.ownOnly',
  'No such user': 'validation.noSuchUser',
  'This user is deactivated': 'validation.userDeactivated',
};

/** A server field path such as "phones.0.number" as an antd name path: ['phones', 0, 'number']. */
export function fieldPath(name: string): (string | number)[] {
  return name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Server field messages keyed by form field (nested ones as name paths), for antd's form.setFields. */
export function fieldErrors(t: TFunction, err: unknown): { name: (string | number)[]; errors: string[] }[] {
  if (!(err instanceof ApiError) || !err.fields) return [];
  return Object.entries(err.fields).map(([name, message]) => {
    const key = FIELD_MESSAGES[message];
    return { name: fieldPath(name), errors: [key ? t(key) : message] };
  });
}
