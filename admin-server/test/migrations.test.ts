import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { openDatabase, type DatabaseTarget } from '../src/db/open';
import { migrations } from '../src/db/migrations';
import { migrate } from '../src/db/migrate';
import { openPostgres } from '../src/db/postgres';
import { openSqlite } from '../src/db/sqlite';

/** The database behind `target` without migrating it, to bring it to an older version first. */
const openUnmigrated = (target: DatabaseTarget) =>
  target.kind === 'sqlite' ? openSqlite(target.file) : openPostgres(target.url, { schema: target.schema });

for (const backend of backends) {
  describe(`migrations on ${backend.name}`, { skip: backend.skip }, () => {
    test('a fresh database is brought to the newest version, and reopening changes nothing', async (t) => {
      const target = await backend.target(t);
      const first = await openDatabase(target);
      const rows = await first.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        rows.map((row) => Number(row.version)),
        migrations.map((m) => m.version),
      );
      await first.close();
      const again = await openDatabase(target);
      assert.equal((await again.all('SELECT version FROM schema_migrations')).length, migrations.length);
      await again.close();
    });

    test('notices and guides saved before version 10 keep their kind, live state and author', async (t) => {
      const target = await backend.target(t);
      const old = openUnmigrated(target);
      await migrate(old, migrations.slice(0, 9));
      await old.run(
        "INSERT INTO org_nodes (parent_id, level, name, code, path, created_at) VALUES (NULL, 'district', '临江区', '330188', '/1/', '2026-01-01')",
      );
      const { id: orgId } = (await old.get<{ id: number }>('SELECT id FROM org_nodes'))!;
      const notice = (id: string, kind: string, live: number | null) =>
        old.run(
          "INSERT INTO notices (id, org_id, state, version, live_version, author, editor, reviewer, review_comment, title, updated_at, data) VALUES (?, ?, 'approved', 2, ?, 'op1', 'op2', NULL, NULL, ?, '2026-11-01', ?)",
          [id, orgId, live, id, JSON.stringify({ kind, title: id, body: `"kind":"open-government" in the text` })],
        );
      await notice('n-live', 'open-government', 2);
      await notice('n-draft', 'announcement', null);
      await old.run(
        "INSERT INTO guides (id, org_id, category, title, published, state, version, live_version, editor, updated_at, data) VALUES ('g1', ?, '户籍', '户口迁移', 1, 'approved', 2, 2, 'editor2', '2026-11-01', '{}')",
        [orgId],
      );
      for (const [version, savedBy] of [
        [2, 'editor2'],
        [1, 'editor1'],
      ] as const)
        await old.run(
          "INSERT INTO guide_versions (guide_id, version, saved_at, saved_by, data) VALUES ('g1', ?, '2026-11-01', ?, '{}')",
          [version, savedBy],
        );
      await old.close();

      const db = await openDatabase(target);
      t.after(() => db.close());
      assert.deepEqual(
        (await db.all('SELECT id, category, published, author FROM notices ORDER BY id')).map((row) => ({
          ...row,
          published: Number(row.published),
        })),
        [
          { id: 'n-draft', category: 'announcement', published: 0, author: 'op1' },
          { id: 'n-live', category: 'open-government', published: 1, author: 'op1' },
        ],
      );
      assert.deepEqual(await db.all('SELECT id, author FROM guides'), [{ id: 'g1', author: 'editor1' }]);
    });

    test('devices enrolled before version 13 are kiosks', async (t) => {
      const target = await backend.target(t);
      const old = openUnmigrated(target);
      await migrate(old, migrations.slice(0, 12));
      await old.run(
        "INSERT INTO org_nodes (parent_id, level, name, code, path, created_at) VALUES (NULL, 'district', '临江区', '330188', '/1/', '2026-01-01')",
      );
      const { id: orgId } = (await old.get<{ id: number }>('SELECT id FROM org_nodes'))!;
      await old.run(
        "INSERT INTO devices (id, name, secret_hash, enrolled_at, org_id) VALUES ('d-1', '大厅一号机', 'x', '2026-01-01', ?)",
        [orgId],
      );
      await old.close();

      const db = await openDatabase(target);
      t.after(() => db.close());
      assert.deepEqual(await db.all('SELECT id, kind FROM devices'), [{ id: 'd-1', kind: 'kiosk' }]);
      assert.deepEqual(await db.all('SELECT id FROM signage_keys'), [], 'no key until one is needed');
    });

    test('alert sources registered before version 17 keep their key and have no feed until one is set', async (t) => {
      const target = await backend.target(t);
      const old = openUnmigrated(target);
      await migrate(old, migrations.slice(0, 16));
      await old.run(
        "INSERT INTO alert_sources (id, name, key_hash, created_at, created_by) VALUES ('src-1', '临江市预警信息发布中心', 'hash', '2026-07-01', 'admin')",
      );
      await old.close();

      const db = await openDatabase(target);
      t.after(() => db.close());
      assert.deepEqual(await db.all("SELECT id, key_hash, revoked_at FROM alert_sources WHERE id <> 'manual'"), [
        { id: 'src-1', key_hash: 'hash', revoked_at: null },
      ]);
      assert.deepEqual(await db.all('SELECT source_id FROM alert_feeds'), []);
      await db.run(
        "INSERT INTO alert_feeds (source_id, url, poll_sec, next_poll_at) VALUES ('src-1', 'https://h/feed.atom', 60, '2026-07-01')",
      );
      assert.deepEqual(
        (await db.all<{ failures: number; taken: number | null }>('SELECT failures, taken FROM alert_feeds')).map(
          (row) => ({ failures: Number(row.failures), taken: row.taken }),
        ),
        [{ failures: 0, taken: null }],
      );
    });

    test('the desk ledger written before version 21 becomes closed cases taken at the desk', async (t) => {
      const target = await backend.target(t);
      const old = openUnmigrated(target);
      await migrate(old, migrations.slice(0, 20));
      await old.run(
        "INSERT INTO org_nodes (id, parent_id, level, name, code, path, created_at) VALUES (1, NULL, 'district', '安和区', '330188', '/1/', '2026-01-01')",
      );
      const entry = `INSERT INTO consultations (org_id, org_path, device_id, clerk, at, day, topic, category, outcome,
          forwarded_to, resident_masked, phone_masked) VALUES (1, '/1/', 'desk-1', 'wangli', ?, ?, ?, ?, ?, ?, ?, ?)`;
      await old.run(entry, [
        '2026-11-03T01:00:00.000Z',
        '2026-11-03',
        '咨询医保缴费',
        'medical-insurance',
        'answered',
        null,
        '张*三',
        '138****5678',
      ]);
      await old.run(entry, [
        '2026-11-04T01:00:00.000Z',
        '2026-11-04',
        '楼道灯不亮',
        'complaint',
        'forwarded',
        '12345',
        null,
        null,
      ]);
      await old.close();

      const db = await openDatabase(target);
      t.after(() => db.close());
      const cases = await db.all<Record<string, unknown>>(
        `SELECT c.tracking, c.channel, c.nature, c.category, c.state, c.created_by, c.answered_on_spot, c.anonymous,
           c.name_masked, s.note FROM cases c JOIN case_steps s ON s.case_id = c.id ORDER BY c.id`,
      );
      assert.deepEqual(
        cases.map((row) => ({
          ...row,
          answered_on_spot: Number(row.answered_on_spot),
          anonymous: Number(row.anonymous),
        })),
        [
          {
            tracking: '261103000001',
            channel: 'desk',
            nature: 'consultation',
            category: 'affairs/medical-insurance',
            state: 'closed',
            created_by: 'wangli',
            answered_on_spot: 1,
            anonymous: 0,
            name_masked: '张*三',
            note: null,
          },
          {
            tracking: '261104000002',
            channel: 'desk',
            nature: 'complaint',
            category: 'other',
            state: 'closed',
            created_by: 'wangli',
            answered_on_spot: 0,
            anonymous: 1,
            name_masked: null,
            note: '12345',
          },
        ],
      );
    });

    test('grids imported before version 29 are at version 1, and no node has a basemap yet', async (t) => {
      const target = await backend.target(t);
      const old = openUnmigrated(target);
      await migrate(old, migrations.slice(0, 28));
      await old.run(
        "INSERT INTO org_nodes (parent_id, level, name, code, path, created_at) VALUES (NULL, 'grid', '临江第一网格', '330188001001001', '/1/', '2026-01-01')",
      );
      const { id: orgId } = (await old.get<{ id: number }>('SELECT id FROM org_nodes'))!;
      await old.run(
        "INSERT INTO grid_areas (org_id, boundary, addresses, updated_at, updated_by) VALUES (?, '[]', '[]', '2026-01-01', 'admin')",
        [orgId],
      );
      await old.close();

      const db = await openDatabase(target);
      t.after(() => db.close());
      assert.deepEqual(
        (await db.all<{ org_id: number; version: number }>('SELECT org_id, version FROM grid_areas')).map((row) => [
          Number(row.org_id),
          Number(row.version),
        ]),
        [[Number(orgId), 1]],
      );
      assert.deepEqual(await db.all('SELECT org_id FROM basemap_overlays'), []);
    });

    test('a database written by a newer Linli is refused with DATABASE_TOO_NEW', async (t) => {
      const target = await backend.target(t);
      const db = await openDatabase(target);
      await db.run(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', '2030-01-01')",
        [migrations.length + 1],
      );
      await db.close();
      await assert.rejects(openDatabase(target), (error: { code?: string }) => error.code === 'DATABASE_TOO_NEW');
    });
  });
}
