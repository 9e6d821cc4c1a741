import type { ReceivedMail } from '../../../../tests/e2e/mailbox.js';

export { startMailbox } from '../../../../tests/e2e/mailbox.js';

/** For tests: reads the subject and text of a message as nodemailer writes it (7bit, quoted-printable or base64; encoded words). */
export function readMail(mail: ReceivedMail): { to: string[]; subject: string; text: string } {
  const [head, ...rest] = mail.raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  const words = (v: string) =>
    v.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')),
    );
  const body = rest.join('\n\n');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? qp(body.replace(/=\r?\n/g, '')) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { to: mail.to, subject: words(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

function qp(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
