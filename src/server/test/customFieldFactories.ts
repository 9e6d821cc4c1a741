import type { CustomField, CustomFieldCreate } from '../../shared/schemas/custom-fields.js';
import { makeUser } from './factories.js';
import { client, type TestApp } from './testApp.js';

const made = new WeakMap<TestApp, Map<string, Promise<CustomField>>>();

/** A custom field created through the API by an administrator, once per test app and entity/key. */
export function ensureCustomField(t: TestApp, spec: Pick<CustomFieldCreate, 'entity' | 'key' | 'type'> & Partial<CustomFieldCreate>): Promise<CustomField> {
  let fields = made.get(t);
  if (!fields) {
    fields = new Map();
    made.set(t, fields);
  }
  const id = `${spec.entity}.${spec.key}`;
  let field = fields.get(id);
  if (!field) {
    field = (async () => {
      const admin = client(t.app, (await makeUser(t, { role: 'admin', name: 'Field admin' })).token);
      const res = await admin.post('/api/custom-fields', { label: { en: spec.key, 'zh-CN': '' }, ...spec });
      if (res.statusCode !== 201) throw new Error(`custom field create failed: ${res.statusCode} ${res.body}`);
      return res.json() as CustomField;
    })();
    fields.set(id, field);
  }
  return field;
}
