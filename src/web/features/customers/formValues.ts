import type { Email, Phone } from '../../../shared/schemas/customers';

/** Cleared inputs send null, so a PATCH empties the field instead of storing "". */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Form rows as the API wants them: trimmed, without empty labels. */
export function cleanPhones(rows: { label?: string | null; number: string }[] | undefined): Phone[] {
  return (rows ?? []).map((r) => {
    const label = blankToNull(r.label);
    return label ? { label, number: r.number.trim() } : { number: r.number.trim() };
  });
}

export function cleanEmails(rows: { label?: string | null; address: string }[] | undefined): Email[] {
  return (rows ?? []).map((r) => {
    const label = blankToNull(r.label);
    return label ? { label, address: r.address.trim() } : { address: r.address.trim() };
  });
}

/** What the phone/e-mail lists hold in the form: every row has a label input, so every row has a string. */
export const phoneRows = (phones: Phone[]) => phones.map((p) => ({ label: p.label ?? '', number: p.number }));
export const emailRows = (emails: Email[]) => emails.map((e) => ({ label: e.label ?? '', address: e.address }));
