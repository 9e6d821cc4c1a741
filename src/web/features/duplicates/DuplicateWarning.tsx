import { Alert, Flex, Form, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DuplicateQuery, type DuplicateType, useDuplicates } from './api';
import { DuplicateReasons } from './DuplicateReasons';

const DEBOUNCE_MS = 400;

type Watched = { number?: string; address?: string; organizationId?: string | null } | undefined;
const texts = (rows: Watched[] | undefined, pick: (r: NonNullable<Watched>) => string | undefined) =>
  (rows ?? []).map((r) => (r ? pick(r)?.trim() : undefined)).filter((v): v is string => !!v);

/** The value once it has stopped changing for `ms` (compared by content, since the form hands out new arrays). */
function useSettled<T>(value: T, ms: number): T {
  const json = JSON.stringify(value);
  const [settled, setSettled] = useState(json);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(json), ms);
    return () => clearTimeout(timer);
  }, [json, ms]);
  return useMemo(() => JSON.parse(settled) as T, [settled]);
}

/**
 * Warns, inside an organization or contact form, about records that look like the one being typed:
 * same name (legal forms ignored), USCC, phone or e-mail, or a similar name. Each opens in a new tab,
 * so the form keeps what was typed. Records the user may not see are only counted.
 */
export function DuplicateWarning({ type, excludeId }: { type: DuplicateType; excludeId?: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const name = Form.useWatch('name', form) as string | undefined;
  const uscc = Form.useWatch('uscc', form) as string | null | undefined;
  const phones = Form.useWatch('phones', form) as Watched[] | undefined;
  const emails = Form.useWatch('emails', form) as Watched[] | undefined;
  const memberships = Form.useWatch('organizations', form) as Watched[] | undefined;

  const query = useSettled<DuplicateQuery>(
    {
      name: name?.trim() || undefined,
      // Only a complete code can match; half-typed ones would only flicker.
      uscc: uscc?.trim().length === 18 ? uscc.trim() : undefined,
      // Seven digits is the shortest number worth looking up.
      phones: texts(phones, (p) => p.number).filter((n) => n.replace(/\D/g, '').length >= 7),
      emails: texts(emails, (e) => e.address).filter((a) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a)),
      organizationId: texts(memberships, (m) => m.organizationId ?? undefined)[0],
      excludeId,
    },
    DEBOUNCE_MS,
  );
  const found = useDuplicates(type, query);
  const data = found.data;
  if (!data || (data.items.length === 0 && data.hiddenMatches === 0)) return null;

  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={data.items.length > 0 ? t('merge.possibleDuplicates') : t('merge.hiddenOnly')}
      description={
        <Flex vertical gap={4}>
          {data.items.map((d) => (
            <div key={d.id}>
              <Typography.Link href={`/${type}/${d.id}`} target="_blank" rel="noopener noreferrer" strong>
                {d.name}
              </Typography.Link>{' '}
              <DuplicateReasons reasons={d.reasons} />
              <Typography.Text type="secondary">
                {[d.organizations?.join('、'), d.ownerId ? t('merge.ownedBy', { name: d.ownerName ?? t('customers.otherUser') }) : t('merge.inPool')]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </div>
          ))}
          {data.hiddenMatches > 0 && <Typography.Text>{t('merge.hiddenMatches', { count: data.hiddenMatches })}</Typography.Text>}
        </Flex>
      }
    />
  );
}
