import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Notification } from '../../../shared/schemas/notifications.js';
import { makeUser, type TestUser } from '../../test/factories.js';
import { type Client, client, createTestApp, type TestApp } from '../../test/testApp.js';
import { notificationsService } from './notifications.service.js';

let t: TestApp;
let me: TestUser;
let other: TestUser;
let mine: Client;
let theirs: Client;

const notify = (userId: string, title: string, link: string | null = null) =>
  notificationsService.notify(t.database.db, { userId, kind: 'task.reminder', title, link });
const titles = (items: Notification[]) => items.map((n) => n.title);

beforeAll(async () => {
  t = await createTestApp();
  me = await makeUser(t, { role: 'sales_rep', name: '李娜' });
  other = await makeUser(t, { role: 'admin', name: 'Admin' });
  mine = client(t.app, me.token);
  theirs = client(t.app, other.token);
  for (let i = 1; i <= 5; i++) await notify(me.id, `提醒 ${i}`, `/tasks?open=${i}`);
  await notify(other.id, 'Not yours');
}, 60_000);
afterAll(async () => t?.close());

describe('notifications', () => {
  test('a user lists only their own, newest first, in keyset pages, with the unread count', async () => {
    const first = (await mine.get('/api/notifications?limit=3')).json();
    expect(titles(first.items)).toEqual(['提醒 5', '提醒 4', '提醒 3']);
    expect(first.items[0]).toMatchObject({ kind: 'task.reminder', link: '/tasks?open=5', readAt: null, body: null });
    const second = (await mine.get(`/api/notifications?limit=3&cursor=${first.nextCursor}`)).json();
    expect(titles(second.items)).toEqual(['提醒 2', '提醒 1']);
    expect(second.nextCursor).toBeNull();
    expect((await mine.get('/api/notifications/unread-count')).json()).toEqual({ count: 5 });
    expect(titles((await theirs.get('/api/notifications')).json().items)).toEqual(['Not yours']);
  });

  test('marking one read moves it after the unread ones; read-all clears the count; another user’s is 404', async () => {
    const items = (await mine.get('/api/notifications')).json().items as Notification[];
    const third = items.find((n) => n.title === '提醒 3') as Notification;
    expect((await mine.post(`/api/notifications/${third.id}/read`)).statusCode).toBe(204);
    // Marking again is harmless.
    expect((await mine.post(`/api/notifications/${third.id}/read`)).statusCode).toBe(204);
    expect((await mine.get('/api/notifications/unread-count')).json()).toEqual({ count: 4 });
    const after = (await mine.get('/api/notifications?limit=4')).json();
    expect(titles(after.items)).toEqual(['提醒 5', '提醒 4', '提醒 2', '提醒 1']);
    const rest = (await mine.get(`/api/notifications?limit=4&cursor=${after.nextCursor}`)).json();
    expect(titles(rest.items)).toEqual(['提醒 3']);
    expect(rest.items[0].readAt).toBeTruthy();

    const foreign = (await theirs.get('/api/notifications')).json().items[0] as Notification;
    expect((await mine.post(`/api/notifications/${foreign.id}/read`)).statusCode).toBe(404);
    expect((await theirs.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });

    expect((await mine.post('/api/notifications/read-all')).json()).toEqual({ updated: 4 });
    expect((await mine.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await theirs.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  test('links outside the app are dropped; a tampered cursor is 400; no sign-in is 401', async () => {
    await notify(me.id, 'Off-site', 'https://evil.example/');
    await notify(me.id, 'Protocol-relative', '//evil.example/');
    await notify(me.id, 'Backslash', '/\\evil.example/');
    const items = (await mine.get('/api/notifications?limit=3')).json().items as Notification[];
    expect(items.map((n) => n.link)).toEqual([null, null, null]);
    const bad = Buffer.from(JSON.stringify([7, 'x'])).toString('base64url');
    expect((await mine.get(`/api/notifications?cursor=${bad}`)).statusCode).toBe(400);
    expect((await client(t.app).get('/api/notifications')).statusCode).toBe(401);
    expect((await client(t.app).get('/api/notifications/unread-count')).statusCode).toBe(401);
  });

  test('the unread count stops at 100', async () => {
    const user = await makeUser(t, { role: 'sales_rep' });
    for (let i = 0; i < 103; i++) await notify(user.id, `n${i}`);
    expect((await client(t.app, user.token).get('/api/notifications/unread-count')).json()).toEqual({ count: 100 });
  });
});
