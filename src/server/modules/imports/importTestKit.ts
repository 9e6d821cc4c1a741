import type { Import, ImportMapping, ImportUploadResult } from '../../../shared/schemas/imports.js';
import type { TestApp } from '../../test/testApp.js';
import { type RunOptions, runImport } from './run-import.js';

/** Test helpers for imports: a multipart upload, and running the queued import the way the job does. */

export function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----guanxi${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
  );
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(t: TestApp, token: string, entity: string, name: string, data: Buffer | string) {
  const body = multipart({ entity }, { name, data: Buffer.isBuffer(data) ? data : Buffer.from(data) });
  return t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
}

/** Uploads, starts with `mapping` (the guess when omitted) and runs the import to its end. */
export async function importFile(
  t: TestApp,
  token: string,
  entity: string,
  name: string,
  data: Buffer | string,
  opts: { mapping?: ImportMapping; duplicateMode?: 'skip' | 'update' | 'create'; run?: RunOptions } = {},
): Promise<{ uploaded: ImportUploadResult; final: Import }> {
  const res = await upload(t, token, entity, name, data);
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  const uploaded = res.json() as ImportUploadResult;
  const id = uploaded.import.id;
  const auth = { authorization: `Bearer ${token}` };
  const started = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${id}/start`,
    headers: auth,
    payload: { mapping: opts.mapping ?? uploaded.guessedMapping, duplicateMode: opts.duplicateMode ?? 'skip' },
  });
  if (started.statusCode !== 200) throw new Error(`start failed: ${started.statusCode} ${started.body}`);
  await runImport(t.database.db, t.config, id, opts.run);
  const final = (await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: auth })).json() as Import;
  return { uploaded, final };
}

export const csv = (rows: string[][]) => `${rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
