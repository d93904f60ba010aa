import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { openDatabase } from '../src/db/open';
import { migrations } from '../src/db/migrations';

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
