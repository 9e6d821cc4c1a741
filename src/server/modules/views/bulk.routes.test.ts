import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeContact, makeOrganization } from '../../test/customerFactories.js';
import { makeTeam, makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let users: Record<'admin' | 'manager' | 'rep' | 'mate' | 'outsider' | 'marketing', TestUser>;
let admin: Client;
let manager: Client;
let rep: Client;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const region = await makeTeam(db, '华东大区');
  const branch = await makeTeam(db, '上海分部', region);
  const other = await makeTeam(db, '华南大区');
  users = {
    admin: await makeUser(t, { role: 'admin' }),
    manager: await makeUser(t, { role: 'sales_manager', teamId: region.id, name: '王伟' }),
    rep: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '李娜' }),
    mate: await makeUser(t, { role: 'sales_rep', teamId: branch.id, name: '张伟' }),
    outsider: await makeUser(t, { role: 'sales_rep', teamId: other.id, name: '陈静' }),
    marketing: await makeUser(t, { role: 'marketing', teamId: region.id }),
  };
  admin = client(t.app, users.admin.token);
  manager = client(t.app, users.manager.token);
  rep = client(t.app, users.rep.token);
}, 60_000);
afterAll(async () => t?.close());

const as = (u: TestUser) => client(t.app, u.token);
type Entity = 'organizations' | 'contacts';
const make = (entity: Entity, fields: Record<string, unknown>) => (entity === 'organizations' ? makeOrganization(t, fields) : makeContact(t, fields));
const read = async (entity: Entity, id: string) => (await admin.get(`/api/${entity}/${id}`)).json();
const auditOf = (entity: Entity, id: string) =>
  t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', entity).where('entityId', '=', id).orderBy('id').execute();

for (const entity of ['organizations', 'contacts'] as const) {
  describe(`POST /api/${entity}/bulk`, () => {
    const bulk = (c: Client, body: Record<string, unknown>) => c.post(`/api/${entity}/bulk`, body);

    test('assign: a manager gives records of the team to a rep, one audit entry each; a record out of scope fails as not_found and stays as it was', async () => {
      const mine = [await make(entity, { ownerId: users.rep.id, tags: ['a'] }), await make(entity, { ownerId: users.rep.id })];
      const hidden = await make(entity, { ownerId: users.outsider.id });
      const res = await bulk(manager, { action: 'assign', ownerId: users.mate.id, ids: [...mine.map((r) => r.id), hidden.id] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ updated: 2, failed: [{ id: hidden.id, code: 'not_found', message: expect.any(String) }] });
      for (const r of mine) {
        expect(await read(entity, r.id)).toMatchObject({ ownerId: users.mate.id, version: r.version + 1, tags: r.tags });
        const entries = await auditOf(entity, r.id);
        expect(entries.at(-1)).toMatchObject({ action: 'update', actorId: users.manager.id });
        expect(JSON.parse(entries.at(-1)?.changes as string).ownerId).toEqual({ before: users.rep.id, after: users.mate.id });
      }
      expect(await read(entity, hidden.id)).toMatchObject({ ownerId: users.outsider.id, version: hidden.version });
      expect(await auditOf(entity, hidden.id)).toHaveLength(1);
    });

    test('assign: an own-scope rep may take records but not give them away (403 before anything changes)', async () => {
      const r = await make(entity, { ownerId: users.rep.id });
      const res = await bulk(rep, { action: 'assign', ownerId: users.mate.id, ids: [r.id] });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('owner_out_of_scope');
      expect((await bulk(rep, { action: 'assign', ownerId: null, ids: [r.id] })).statusCode).toBe(403);
      expect(await read(entity, r.id)).toMatchObject({ ownerId: users.rep.id, version: r.version });
      const unknown = await bulk(manager, { action: 'assign', ownerId: '00000000-0000-7000-8000-000000000000', ids: [r.id] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.fields).toEqual({ ownerId: 'No such user' });
    });

    test('tags: added and removed as a merged set; records already so are counted and left untouched', async () => {
      const a = await make(entity, { ownerId: users.rep.id, tags: ['华南', '重点'] });
      const b = await make(entity, { ownerId: users.rep.id, tags: [] });
      const added = await bulk(rep, { action: 'addTags', tags: ['重点', 'VIP'], ids: [a.id, b.id] });
      expect(added.json()).toEqual({ updated: 2, failed: [] });
      expect((await read(entity, a.id)).tags).toEqual(['华南', '重点', 'VIP']);
      expect((await read(entity, b.id)).tags).toEqual(['重点', 'VIP']);
      const again = await bulk(rep, { action: 'addTags', tags: ['VIP'], ids: [a.id] });
      expect(again.json()).toEqual({ updated: 1, failed: [] });
      expect((await read(entity, a.id)).version).toBe(a.version + 1);
      const removed = await bulk(rep, { action: 'removeTags', tags: ['重点', 'absent'], ids: [a.id, b.id] });
      expect(removed.json()).toEqual({ updated: 2, failed: [] });
      expect((await read(entity, a.id)).tags).toEqual(['华南', 'VIP']);
      expect((await read(entity, b.id)).tags).toEqual(['VIP']);
      expect((await bulk(rep, { action: 'addTags', ids: [a.id] })).json().error.fields).toEqual({ tags: 'Required' });
    });

    test('tags: a record that would pass 50 tags fails on its own with the reason', async () => {
      const full = await make(entity, { ownerId: users.rep.id, tags: Array.from({ length: 50 }, (_, i) => `t${i}`) });
      const small = await make(entity, { ownerId: users.rep.id });
      const res = (await bulk(rep, { action: 'addTags', tags: ['one more'], ids: [full.id, small.id] })).json();
      expect(res.updated).toBe(1);
      expect(res.failed).toEqual([{ id: full.id, code: 'validation_failed', message: expect.stringContaining('tags') }]);
      expect((await read(entity, full.id)).version).toBe(full.version);
    });

    test('edit: fields set on every record as a PATCH would; version, unknown fields and bad values answer 400', async () => {
      const rows = [await make(entity, { ownerId: users.rep.id, tier: 'C' }), await make(entity, { ownerId: users.rep.id })];
      const res = await bulk(rep, { action: 'edit', changes: { tier: 'key', source: '展会', name: '同名' }, ids: rows.map((r) => r.id) });
      expect(res.json()).toEqual({ updated: 2, failed: [] });
      for (const r of rows) expect(await read(entity, r.id)).toMatchObject({ tier: 'key', source: '展会', name: '同名', version: r.version + 1 });
      const ids = [rows[0].id];
      expect((await bulk(rep, { action: 'edit', changes: { version: 1, tier: 'A' }, ids })).json().error.fields).toEqual({
        'changes.version': expect.any(String),
      });
      expect(Object.keys((await bulk(rep, { action: 'edit', changes: { tier: 'Z', secret: 1 }, ids })).json().error.fields).sort()).toEqual([
        'changes',
        'changes.tier',
      ]);
      expect((await bulk(rep, { action: 'edit', changes: {}, ids })).json().error.fields).toEqual({ changes: 'Required' });
      expect((await bulk(rep, { action: 'edit', changes: { ownerId: users.mate.id }, ids })).statusCode).toBe(403);
      expect((await read(entity, rows[0].id)).version).toBe(rows[0].version + 1);
    });

    test('edit: a custom field value is merged into every record; a bad value answers 400 naming the field', async () => {
      const key = `grade_${entity.slice(0, 3)}`;
      const field = await admin.post('/api/custom-fields', {
        entity,
        key,
        label: { en: 'Grade', 'zh-CN': '等级' },
        type: 'select',
        options: [
          { value: 'gold', label: { en: 'Gold', 'zh-CN': '金牌' } },
          { value: 'silver', label: { en: 'Silver', 'zh-CN': '银牌' } },
        ],
      });
      expect(field.statusCode).toBe(201);
      const r = await make(entity, { ownerId: users.rep.id });
      const res = await bulk(rep, { action: 'edit', changes: { custom: { [key]: 'gold' } }, ids: [r.id] });
      expect(res.json()).toEqual({ updated: 1, failed: [] });
      expect((await read(entity, r.id)).custom).toEqual({ [key]: 'gold' });
      const bad = await bulk(rep, { action: 'edit', changes: { custom: { [key]: 'platinum' } }, ids: [r.id] });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields)).toEqual([`changes.custom.${key}`]);
      expect((await read(entity, r.id)).version).toBe(r.version + 1);
    });

    test('delete: to the recycle bin with an audit entry each; records out of scope fail as not_found and stay', async () => {
      const mine = await make(entity, { ownerId: users.rep.id });
      const hidden = await make(entity, { ownerId: users.outsider.id });
      const res = await bulk(rep, { action: 'delete', ids: [mine.id, hidden.id, mine.id] });
      expect(res.json()).toEqual({ updated: 1, failed: [{ id: hidden.id, code: 'not_found', message: expect.any(String) }] });
      expect((await admin.get(`/api/${entity}/${mine.id}`)).statusCode).toBe(404);
      expect((await auditOf(entity, mine.id)).at(-1)).toMatchObject({ action: 'delete', actorId: users.rep.id });
      const bin = (await rep.get(`/api/recycle-bin?type=${entity}&limit=200`)).json();
      expect(bin.items.map((i: { id: string }) => i.id)).toContain(mine.id);
      expect((await admin.get(`/api/${entity}/${hidden.id}`)).statusCode).toBe(200);
    });

    test('needs the update (or delete) action, checked before any record: 403', async () => {
      const r = await make(entity, { ownerId: users.rep.id });
      const marketing = as(users.marketing);
      for (const body of [
        { action: 'addTags', tags: ['x'], ids: [r.id] },
        { action: 'delete', ids: [r.id] },
      ]) {
        expect((await bulk(marketing, body)).statusCode).toBe(403);
      }
      expect((await read(entity, r.id)).version).toBe(r.version);
    });

    test('takes 1 to 500 ids and a known action', async () => {
      const ids = Array.from({ length: 501 }, () => '00000000-0000-7000-8000-000000000000');
      expect((await bulk(admin, { action: 'delete', ids })).statusCode).toBe(400);
      expect((await bulk(admin, { action: 'delete', ids: [] })).statusCode).toBe(400);
      expect((await bulk(admin, { action: 'merge', ids: ids.slice(0, 1) })).statusCode).toBe(400);
      const unknown = (await bulk(admin, { action: 'delete', ids: ids.slice(0, 1) })).json();
      expect(unknown).toEqual({ updated: 0, failed: [{ id: ids[0], code: 'not_found', message: expect.any(String) }] });
    });
  });
}
