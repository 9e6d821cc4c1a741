import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';

// The CLI's backup/restore handle the embedded SQLite database, so this runs in the SQLite pass only.
const onPostgres = process.env.DATABASE_URL?.startsWith('postgres');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-cli-'));
const dbFile = path.join(dir, 'guanxi.db');
const env = { ...process.env, DATABASE_URL: `sqlite:${dbFile}`, LOG_LEVEL: 'silent' };
const guanxi = (...args: string[]) => execFileSync(process.execPath, ['bin/guanxi.js', ...args], { env, encoding: 'utf8' });
const userNames = () => {
  const db = new SQLite(dbFile, { readonly: true });
  try {
    return (db.prepare('select email from users where deleted_at is null order by email').all() as { email: string }[]).map((r) => r.email);
  } finally {
    db.close();
  }
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(onPostgres)('guanxi CLI', () => {
  test('migrate, create-admin, seed, backup and restore round-trip the database', () => {
    expect(guanxi('migrate')).toMatch(/up to date/);
    expect(guanxi('create-admin', '--email', 'Boss@Example.com', '--password', 'a long password', '--name', 'Boss')).toMatch(/Created administrator/);
    expect(() => guanxi('create-admin', '--email', 'x@example.com', '--password', 'short', '--name', 'X')).toThrow();
    expect(() => guanxi('seed', '--demo')).toThrow(); // not empty any more
    const backup = path.join(dir, 'backup.db');
    expect(guanxi('backup', backup)).toMatch(/Backed up/);
    expect(guanxi('create-admin', '--email', 'later@example.com', '--password', 'a long password', '--name', 'Later')).toMatch(/Created/);
    expect(userNames()).toEqual(['boss@example.com', 'later@example.com']);
    expect(guanxi('restore', backup)).toMatch(/Restored/);
    expect(userNames()).toEqual(['boss@example.com']);
    fs.writeFileSync(path.join(dir, 'junk.db'), 'not a database');
    expect(() => guanxi('restore', path.join(dir, 'junk.db'))).toThrow();
    expect(userNames()).toEqual(['boss@example.com']);
  }, 60_000);

  test('seed --demo fills an empty database with teams and a user of every role', () => {
    const emptyEnv = { ...env, DATABASE_URL: `sqlite:${path.join(dir, 'demo.db')}` };
    const out = execFileSync(process.execPath, ['bin/guanxi.js', 'seed', '--demo', '--password', 'demo password 1'], { env: emptyEnv, encoding: 'utf8' });
    expect(out).toMatch(/admin@guanxi\.local \/ demo password 1/);
    const db = new SQLite(path.join(dir, 'demo.db'), { readonly: true });
    const roles = db.prepare('select count(distinct role_id) as n from users').get() as { n: number };
    const teams = db.prepare('select count(*) as n from teams').get() as { n: number };
    db.close();
    expect(roles.n).toBe(6);
    expect(teams.n).toBeGreaterThan(5);
  }, 60_000);
});
