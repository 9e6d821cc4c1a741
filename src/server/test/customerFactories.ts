import type { Contact, Organization } from '../../shared/schemas/customers.js';
import { makeUser } from './factories.js';
import { type Client, client, type TestApp } from './testApp.js';

const admins = new WeakMap<TestApp, Promise<Client>>();

/** An administrator of the test app, made once, so records go through the real create rules. */
function adminOf(t: TestApp): Promise<Client> {
  let admin = admins.get(t);
  if (!admin) {
    admin = makeUser(t, { role: 'admin', name: 'Factory admin' }).then((u) => client(t.app, u.token));
    admins.set(t, admin);
  }
  return admin;
}

async function created<T>(res: { statusCode: number; body: string; json(): unknown }): Promise<T> {
  if (res.statusCode !== 201) throw new Error(`factory create failed: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** An organization created through the API by an administrator (owner and team as the API assigns them). */
export async function makeOrganization(t: TestApp, fields: Record<string, unknown> = {}): Promise<Organization> {
  const admin = await adminOf(t);
  return created<Organization>(await admin.post('/api/organizations', { name: `Org ${Math.random().toString(36).slice(2, 8)}`, ...fields }));
}

export async function makeContact(t: TestApp, fields: Record<string, unknown> = {}): Promise<Contact> {
  const admin = await adminOf(t);
  return created<Contact>(await admin.post('/api/contacts', { name: `Contact ${Math.random().toString(36).slice(2, 8)}`, ...fields }));
}
