import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeRole, makeUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let admin: Client;
let rep: Client;
let settingsOnly: Client;
const pg = () => t.database.dialect === 'postgres';

beforeAll(async () => {
  t = await createTestApp();
  admin = client(t.app, (await makeUser(t, { role: 'admin' })).token);
  rep = client(t.app, (await makeUser(t, { role: 'sales_rep' })).token);
  // Administers settings, reads no customers.
  settingsOnly = client(
    t.app,
    (await makeUser(t, { roleId: await makeRole(t.database.db, { settings: { actions: ['read', 'admin'], scope: 'all' } }) })).token,
  );
}, 60_000);
afterAll(async () => t?.close());

const label = (en: string, zh = '') => ({ en, 'zh-CN': zh });
let seq = 0;
const uniqueKey = (base: string) => `${base}_${++seq}`;

/** Names of the expression indexes on a table, from the database's own catalogue. */
async function indexesOn(table: string): Promise<string[]> {
  const rows = pg()
    ? (
        await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = ${table} and schemaname = current_schema()`.execute(
          t.database.db,
        )
      ).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = ${table}`.execute(t.database.db)).rows;
  return rows.map((r) => r.name);
}

const history = async (type: string, id: string) => (await admin.get(`/api/audit-log/records/${type}/${id}`)).json().items;

describe('field groups', () => {
  test('an admin adds, renames and deletes a group; positions follow the order of creation; every step is audited', async () => {
    const a = await admin.post('/api/custom-fields/groups', { entity: 'organizations', label: label('Business info', '经营信息') });
    expect(a.statusCode).toBe(201);
    const b = (await admin.post('/api/custom-fields/groups', { entity: 'organizations', label: label('Store network', '门店网络') })).json();
    expect(b.position).toBeGreaterThan(a.json().position);
    const renamed = await admin.patch(`/api/custom-fields/groups/${b.id}`, { version: 1, label: label('Stores', '门店网络') });
    expect(renamed.json()).toMatchObject({ label: { en: 'Stores' }, version: 2 });
    expect((await admin.patch(`/api/custom-fields/groups/${b.id}`, { version: 1, position: 0 })).statusCode).toBe(409);
    const catalog = (await rep.get('/api/custom-fields?entity=organizations')).json();
    expect(catalog.groups.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining([a.json().id, b.id]));
    expect((await admin.delete(`/api/custom-fields/groups/${b.id}`)).statusCode).toBe(204);
    expect((await rep.get('/api/custom-fields?entity=organizations')).json().groups.map((g: { id: string }) => g.id)).not.toContain(b.id);
    expect((await history('field_groups', b.id)).map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
  });

  test('a group needs a label in at least one language', async () => {
    const res = await admin.post('/api/custom-fields/groups', { entity: 'contacts', label: label(' ', '') });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['label.en']);
  });

  test('fields of a deleted group show under "Other" and return to it when the group is restored from the recycle bin', async () => {
    const group = (await admin.post('/api/custom-fields/groups', { entity: 'contacts', label: label('Logistics', '物流') })).json();
    const field = (
      await admin.post('/api/custom-fields', {
        entity: 'contacts',
        key: uniqueKey('carrier'),
        label: label('Carrier', '物流公司'),
        type: 'text',
        groupId: group.id,
      })
    ).json();
    await admin.delete(`/api/custom-fields/groups/${group.id}`);
    const fieldIn = async () => (await admin.get('/api/custom-fields?entity=contacts')).json().fields.find((f: { id: string }) => f.id === field.id);
    expect((await fieldIn()).groupId).toBeNull();
    const bin = (await admin.get('/api/recycle-bin?type=field_groups')).json();
    expect(bin.items).toContainEqual(expect.objectContaining({ id: group.id, title: '物流 / Logistics' }));
    expect((await admin.post(`/api/recycle-bin/field_groups/${group.id}/restore`)).statusCode).toBe(204);
    expect((await fieldIn()).groupId).toBe(group.id);
  });
});

describe('custom fields', () => {
  test('an admin creates a field: it is in the catalog in form order, audited, and its value index exists', async () => {
    const group = (await admin.post('/api/custom-fields/groups', { entity: 'organizations', label: label('Business', '经营信息') })).json();
    const key = uniqueKey('main_products');
    const res = await admin.post('/api/custom-fields', {
      entity: 'organizations',
      key,
      label: label('Main products', '主营产品'),
      type: 'text',
      groupId: group.id,
      showInList: true,
    });
    expect(res.statusCode).toBe(201);
    const field = res.json();
    expect(field).toMatchObject({ key, type: 'text', required: false, showInList: true, groupId: group.id, options: [], version: 1 });
    const catalog = (await rep.get('/api/custom-fields?entity=organizations')).json();
    expect(catalog.fields.map((f: { id: string }) => f.id)).toContain(field.id);
    const positions = catalog.fields.map((f: { position: number }) => f.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(await indexesOn('organizations')).toContain(`cf_organizations_${key}`);
    const [entry] = await history('custom_fields', field.id);
    expect(entry).toMatchObject({ action: 'create', changes: { key: { before: null, after: key } } });
  });

  test('select fields need distinct options; other types drop options; the key alphabet and label are checked', async () => {
    const noOptions = await admin.post('/api/custom-fields', { entity: 'organizations', key: uniqueKey('channel'), label: label('Channel'), type: 'select' });
    expect(noOptions.statusCode).toBe(400);
    expect(noOptions.json().error.fields).toHaveProperty('options');
    const dup = await admin.post('/api/custom-fields', {
      entity: 'organizations',
      key: uniqueKey('channel'),
      label: label('Channel'),
      type: 'multiSelect',
      options: [
        { value: 'a', label: label('A') },
        { value: 'a', label: label('A again') },
      ],
    });
    expect(dup.statusCode).toBe(400);
    const badKey = await admin.post('/api/custom-fields', { entity: 'organizations', key: 'Revenue-2024', label: label('Revenue'), type: 'money' });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().error.fields).toHaveProperty('key');
    const text = await admin.post('/api/custom-fields', {
      entity: 'organizations',
      key: uniqueKey('note'),
      label: label('', '备注'),
      type: 'text',
      options: [{ value: 'x', label: label('X') }],
    });
    expect(text.json().options).toEqual([]);
    const noGroup = await admin.post('/api/custom-fields', {
      entity: 'organizations',
      key: uniqueKey('x'),
      label: label('X'),
      type: 'text',
      groupId: '01900000-0000-7000-8000-000000000000',
    });
    expect(noGroup.json().error.fields).toEqual({ groupId: 'No such group' });
  });

  test('a key is unique among live fields of a record type; another record type may use it', async () => {
    const key = uniqueKey('region_code');
    expect((await admin.post('/api/custom-fields', { entity: 'organizations', key, label: label('Region'), type: 'text' })).statusCode).toBe(201);
    const again = await admin.post('/api/custom-fields', { entity: 'organizations', key, label: label('Region 2'), type: 'text' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'custom_field_key_taken', fields: { key: 'Already in use' } });
    expect((await admin.post('/api/custom-fields', { entity: 'contacts', key, label: label('Region'), type: 'text' })).statusCode).toBe(201);
  });

  test('PATCH changes labels, options, group, order, required and list visibility; key and type are fixed; stale versions get 409', async () => {
    const field = (
      await admin.post('/api/custom-fields', {
        entity: 'contacts',
        key: uniqueKey('level'),
        label: label('Level'),
        type: 'select',
        options: [{ value: 'vip', label: label('VIP') }],
      })
    ).json();
    const res = await admin.patch(`/api/custom-fields/${field.id}`, {
      version: 1,
      label: label('Level', '级别'),
      options: [
        { value: 'vip', label: label('VIP', '贵宾') },
        { value: 'std', label: label('Standard', '普通') },
      ],
      required: true,
      position: 99,
      showInList: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: field.key, type: 'select', required: true, position: 99, showInList: true, version: 2 });
    expect(res.json().options).toHaveLength(2);
    expect((await admin.patch(`/api/custom-fields/${field.id}`, { version: 1, required: false })).statusCode).toBe(409);
    const [entry] = await history('custom_fields', field.id);
    expect(entry.changes.required).toEqual({ before: false, after: true });
  });

  test('PATCH answers 400 naming type, key or entity when one is sent (they are fixed after creation) and changes nothing', async () => {
    const field = (
      await admin.post('/api/custom-fields', { entity: 'organizations', key: uniqueKey('revenue'), label: label('Revenue'), type: 'money' })
    ).json();
    for (const [name, value] of [
      ['type', 'text'],
      ['key', 'other_key'],
      ['entity', 'contacts'],
    ] as const) {
      const res = await admin.patch(`/api/custom-fields/${field.id}`, { version: field.version, label: label('Changed'), [name]: value });
      expect(res.statusCode, name).toBe(400);
      expect(Object.keys(res.json().error.fields), name).toEqual([name]);
    }
    const catalog = (await admin.get('/api/custom-fields?entity=organizations')).json();
    expect(catalog.fields.find((f: { id: string }) => f.id === field.id)).toMatchObject({
      type: 'money',
      key: field.key,
      version: field.version,
      label: label('Revenue'),
    });
  });

  test('delete goes to the recycle bin and drops the index; restore brings both back; a live field with the key blocks the restore', async () => {
    const key = uniqueKey('revenue');
    const field = (await admin.post('/api/custom-fields', { entity: 'organizations', key, label: label('Revenue', '年营业额'), type: 'money' })).json();
    const org = (await admin.post('/api/organizations', { name: 'Keeps values', custom: { [key]: 12.5 } })).json();
    expect((await admin.delete(`/api/custom-fields/${field.id}`)).statusCode).toBe(204);
    expect(await indexesOn('organizations')).not.toContain(`cf_organizations_${key}`);
    expect((await admin.get('/api/custom-fields?entity=organizations')).json().fields.map((f: { id: string }) => f.id)).not.toContain(field.id);
    // The value stays stored for a restore, but readers no longer get a value of a field that does not exist.
    expect((await admin.get(`/api/organizations/${org.id}`)).json().custom).toEqual({});
    const listed = (await admin.get('/api/organizations?q=Keeps%20values')).json().items;
    expect(listed.find((o: { id: string }) => o.id === org.id).custom).toEqual({});
    const stored = await t.database.db.selectFrom('organizations').select('custom').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(typeof stored.custom === 'string' ? JSON.parse(stored.custom) : stored.custom).toEqual({ [key]: 12.5 });
    // A new field may reuse the key only with the same type (the stored values keep their meaning).
    const other = await admin.post('/api/custom-fields', { entity: 'organizations', key, label: label('Revenue text'), type: 'text' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('custom_field_key_reserved');
    const same = (await admin.post('/api/custom-fields', { entity: 'organizations', key, label: label('Revenue again'), type: 'money' })).json();
    const blocked = await admin.post(`/api/recycle-bin/custom_fields/${field.id}/restore`);
    expect(blocked.statusCode).toBe(409);
    await admin.delete(`/api/custom-fields/${same.id}`);
    const bin = (await admin.get('/api/recycle-bin?type=custom_fields')).json();
    expect(bin.items.map((i: { title: string }) => i.title)).toContain(`年营业额 / Revenue (${key})`);
    expect((await admin.post(`/api/recycle-bin/custom_fields/${field.id}/restore`)).statusCode).toBe(204);
    expect(await indexesOn('organizations')).toContain(`cf_organizations_${key}`);
    expect((await admin.get('/api/custom-fields?entity=organizations')).json().fields.map((f: { id: string }) => f.id)).toContain(field.id);
    expect((await admin.get(`/api/organizations/${org.id}`)).json().custom).toEqual({ [key]: 12.5 });
  });

  test("a contact's value of a deleted field is not returned, survives an edit of other values, and comes back with the field", async () => {
    const [gone, kept] = [uniqueKey('hobby'), uniqueKey('level')];
    const goneField = (await admin.post('/api/custom-fields', { entity: 'contacts', key: gone, label: label('Hobby'), type: 'text' })).json();
    await admin.post('/api/custom-fields', { entity: 'contacts', key: kept, label: label('Level'), type: 'text' });
    // Earlier tests leave required contact fields behind; fill them so the create is about our two.
    const required = (await admin.get('/api/custom-fields?entity=contacts')).json().fields.filter((f: { required: boolean }) => f.required);
    const filled = Object.fromEntries(required.map((f: { key: string; options: { value: string }[] }) => [f.key, f.options[0]?.value ?? 'x']));
    const made = await admin.post('/api/contacts', { name: '王芳', custom: { ...filled, [gone]: '高尔夫', [kept]: 'VIP' } });
    expect(made.statusCode, made.body).toBe(201);
    const contact = made.json();
    expect((await admin.delete(`/api/custom-fields/${goneField.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/contacts/${contact.id}`)).json().custom).toEqual({ ...filled, [kept]: 'VIP' });
    const edited = await admin.patch(`/api/contacts/${contact.id}`, { version: contact.version, custom: { [kept]: 'Gold' } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().custom).toEqual({ ...filled, [kept]: 'Gold' });
    expect((await admin.post(`/api/recycle-bin/custom_fields/${goneField.id}/restore`)).statusCode).toBe(204);
    expect((await admin.get(`/api/contacts/${contact.id}`)).json().custom).toEqual({ ...filled, [gone]: '高尔夫', [kept]: 'Gold' });
  });

  test('multi-select fields get a GIN index on PostgreSQL; long text gets none', async () => {
    const multi = uniqueKey('brands');
    const long = uniqueKey('history');
    await admin.post('/api/custom-fields', {
      entity: 'contacts',
      key: multi,
      label: label('Brands'),
      type: 'multiSelect',
      options: [{ value: 'a', label: label('A') }],
    });
    await admin.post('/api/custom-fields', { entity: 'contacts', key: long, label: label('History'), type: 'longText' });
    const names = await indexesOn('contacts');
    expect(names.includes(`cf_contacts_${multi}`)).toBe(pg());
    expect(names).not.toContain(`cf_contacts_${long}`);
  });
});

describe('permissions', () => {
  test('writing needs the settings admin action: a sales rep gets 403 on every write and nothing changes', async () => {
    const field = (await admin.post('/api/custom-fields', { entity: 'organizations', key: uniqueKey('locked'), label: label('Locked'), type: 'text' })).json();
    const group = (await admin.post('/api/custom-fields/groups', { entity: 'organizations', label: label('Locked') })).json();
    const writes = [
      await rep.post('/api/custom-fields', { entity: 'organizations', key: uniqueKey('mine'), label: label('Mine'), type: 'text' }),
      await rep.patch(`/api/custom-fields/${field.id}`, { version: 1, required: true }),
      await rep.delete(`/api/custom-fields/${field.id}`),
      await rep.post('/api/custom-fields/groups', { entity: 'organizations', label: label('Mine') }),
      await rep.patch(`/api/custom-fields/groups/${group.id}`, { version: 1, label: label('Mine') }),
      await rep.delete(`/api/custom-fields/groups/${group.id}`),
      await rep.post(`/api/recycle-bin/custom_fields/${field.id}/restore`),
    ];
    expect(writes.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect((await admin.get('/api/custom-fields?entity=organizations')).json().fields.find((f: { id: string }) => f.id === field.id)).toMatchObject({
      version: 1,
    });
    expect((await rep.get(`/api/audit-log/records/custom_fields/${field.id}`)).statusCode).not.toBe(200);
  });

  test('reading a catalog needs read access to the record type (or settings admin); without a type it lists the readable ones', async () => {
    const none = client(t.app, (await makeUser(t, { roleId: await makeRole(t.database.db, {}) })).token);
    expect((await none.get('/api/custom-fields?entity=organizations')).statusCode).toBe(403);
    expect((await none.get('/api/custom-fields')).statusCode).toBe(403);
    expect((await settingsOnly.get('/api/custom-fields?entity=contacts')).statusCode).toBe(200);
    const orgsOnly = client(
      t.app,
      (await makeUser(t, { roleId: await makeRole(t.database.db, { organizations: { actions: ['read'], scope: 'own' } }) })).token,
    );
    expect((await orgsOnly.get('/api/custom-fields?entity=contacts')).statusCode).toBe(403);
    const all = (await orgsOnly.get('/api/custom-fields')).json();
    expect(new Set(all.fields.map((f: { entity: string }) => f.entity))).toEqual(new Set(['organizations']));
  });

  test('updating or deleting a field that does not exist answers 404', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    expect((await admin.patch(`/api/custom-fields/${missing}`, { version: 1 })).statusCode).toBe(404);
    expect((await admin.delete(`/api/custom-fields/groups/${missing}`)).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  test("a signed-in caller's document lists the live custom fields with their JSON types, options and required ones, and stays valid", async () => {
    const key = uniqueKey('store_count');
    const kind = uniqueKey('store_kind');
    await admin.post('/api/custom-fields', { entity: 'organizations', key, label: label('Stores', '门店数'), type: 'number', required: true });
    await admin.post('/api/custom-fields', {
      entity: 'contacts',
      key: kind,
      label: label('Kind'),
      type: 'select',
      options: [
        { value: 'flagship', label: label('Flagship', '旗舰店') },
        { value: 'outlet', label: label('Outlet') },
      ],
    });
    const anonymous = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(anonymous.paths['/api/organizations'].post.requestBody.content['application/json'].schema.properties.custom.properties).toBeUndefined();
    const doc = (await admin.get('/api/openapi.json')).json();
    const body = (path: string, method: string) => doc.paths[path][method].requestBody.content['application/json'].schema;
    const createOrg = body('/api/organizations', 'post').properties.custom;
    expect(createOrg.properties[key]).toMatchObject({ anyOf: [{ type: 'number' }, { type: 'null' }] });
    expect(createOrg.required).toContain(key);
    expect(body('/api/organizations/{id}', 'patch').properties.custom.required).toBeUndefined();
    const contact = doc.paths['/api/contacts/{id}'].get.responses['200'].content['application/json'].schema;
    expect(contact.properties.custom.properties[kind].anyOf[0].enum).toEqual(['flagship', 'outlet']);
    expect(contact.properties.custom.properties).not.toHaveProperty(key);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
  });
});
