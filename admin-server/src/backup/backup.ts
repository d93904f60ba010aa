/**
 * `npm run admin -- backup FILE` and `restore FILE`: the admin database and its media in one
 * .tar.gz — manifest.json, tables/<table>.jsonl (a row a line, as the database gave it) and
 * media/<sha256> (media/thumbnails/<sha256>.jpg) — the same for SQLite and PostgreSQL. A restore
 * goes into a database holding no organisation yet, all tables in one transaction, every media
 * file checked against its hash; a damaged or foreign file changes nothing.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import Type from 'typebox';
import { LinliError, parseWith } from '@linli/protocol';
import type { Row, SqlValue } from '../db/database';
import { migrations } from '../db/migrations';
import { openDatabase, type DatabaseTarget } from '../db/open';
import { readTarGz, writeTarGz } from '@linli/device-drivers/archive/tar-archive';
import { BLOB_NAME, type BlobStore } from '../media/blob-store';
import { openMediaStore, type MediaStoreChoice } from '../media/media-store';
import { quoted, tablesInOrder, withTableSnapshot } from './table-snapshot';

const MANIFEST = 'manifest.json';
const SHA256 = /^[0-9a-f]{64}$/;
/** The entries a backup may hold; any other name makes it BACKUP_INVALID (never a path outside). */
const ENTRY =
  /^(?:manifest\.json|tables\/[a-z][a-z0-9_]{0,62}\.jsonl|media\/[0-9a-f]{64}|media\/thumbnails\/[0-9a-f]{64}\.jpg)$/;
/** Rows per INSERT when restoring. */
const INSERT_ROWS = 100;

export const BackupManifest = Type.Object(
  {
    format: Type.Literal('linli-backup'),
    version: Type.Literal(1),
    createdAt: Type.String({ format: 'date-time' }),
    dialect: Type.Enum(['sqlite', 'postgres']),
    schemaVersion: Type.Integer({ minimum: 1 }),
    /** Rows per table, in the order a restore inserts them. */
    tables: Type.Array(
      Type.Object(
        { name: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' }), rows: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    ),
    media: Type.Object(
      {
        files: Type.Integer({ minimum: 0 }),
        bytes: Type.Integer({ minimum: 0 }),
        /** Files the database names that were gone when the backup read the media folder (deleted meanwhile). */
        missing: Type.Array(Type.String({ pattern: SHA256.source })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type BackupManifest = Type.Static<typeof BackupManifest>;

/** JSON for a row: what the drivers give is text, numbers and null. */
const rowLine = (row: Row) => `${JSON.stringify(row)}\n`;

export async function writeBackup(options: {
  target: DatabaseTarget;
  blobs: BlobStore;
  file: string;
  now?: () => Date;
}): Promise<BackupManifest> {
  const now = options.now ?? (() => new Date());
  const work = mkdtempSync(path.join(tmpdir(), 'linli-backup-'));
  try {
    const tables: BackupManifest['tables'] = [];
    let blobsNamed: string[] = [];
    await withTableSnapshot(options.target, async (snapshot) => {
      mkdirSync(path.join(work, 'tables'));
      for (const table of snapshot.tables) {
        const out = createWriteStream(path.join(work, 'tables', `${table}.jsonl`));
        let rows = 0;
        await snapshot.rows(table, async (batch) => {
          rows += batch.length;
          if (table === 'media_blobs' || table === 'case_photo_blobs' || table === 'release_files')
            blobsNamed = blobsNamed.concat(batch.map((row) => String(row.sha256)));
          if (!out.write(batch.map(rowLine).join(''))) await once(out, 'drain');
        });
        out.end();
        await once(out, 'finish');
        tables.push({ name: table, rows });
      }
    });
    // The media after the tables: a file uploaded meanwhile comes along unnamed (harmless); one
    // deleted meanwhile is listed as missing.
    const media = (await options.blobs.list()).map((file) => ({
      ...file,
      name: `media/${file.name}`,
      stored: file.name,
    }));
    const present = new Set(media.map((entry) => entry.name));
    const manifest: BackupManifest = {
      format: 'linli-backup',
      version: 1,
      createdAt: now().toISOString(),
      dialect: options.target.kind,
      schemaVersion: migrations.length,
      tables,
      media: {
        files: media.length,
        bytes: media.reduce((sum, entry) => sum + entry.bytes, 0),
        missing: [...new Set(blobsNamed)].filter((sha256) => !present.has(`media/${sha256}`)).sort(),
      },
    };
    // Written beside the file and renamed: a backup that stops half-way leaves no FILE behind.
    const partial = `${options.file}.partial`;
    const archive = writeTarGz(partial, now());
    try {
      await archive.addBytes(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
      for (const { name } of tables) {
        const file = path.join(work, 'tables', `${name}.jsonl`);
        await archive.addFile(`tables/${name}.jsonl`, file, statSync(file).size);
      }
      for (const entry of media) await archive.addStream(entry.name, options.blobs.read(entry.stored), entry.bytes);
      await archive.finish();
      renameSync(partial, options.file);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Unpacks a backup into `dir`, checking every name and every media file's hash on the way. */
async function unpack(file: string, dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  mkdirSync(path.join(dir, 'tables'));
  mkdirSync(path.join(dir, 'media', 'thumbnails'), { recursive: true });
  await readTarGz(
    file,
    async (entry) => {
      if (!ENTRY.test(entry.name))
        throw new LinliError(
          'BACKUP_INVALID',
          `The archive holds ${JSON.stringify(entry.name.slice(0, 120))}, which no Linli backup holds`,
        );
      if (entry.name === MANIFEST) {
        const chunks: Buffer[] = [];
        for await (const chunk of entry.body) chunks.push(chunk as Buffer);
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          throw new LinliError('BACKUP_INVALID', 'The manifest is not JSON');
        }
        manifest = parseWith(BackupManifest, parsed, 'BACKUP_INVALID');
        // Told before any media is unpacked: a backup of another schema is refused at its first entry.
        if (manifest.schemaVersion !== migrations.length)
          throw new LinliError(
            'BACKUP_VERSION_MISMATCH',
            `The backup is at schema version ${manifest.schemaVersion}; this Linli writes version ${migrations.length}. Restore it with the Linli that made it, then upgrade.`,
          );
        return;
      }
      if (!manifest) throw new LinliError('BACKUP_INVALID', 'The archive does not begin with its manifest');
      const target = path.join(dir, entry.name);
      const hash = createHash('sha256');
      entry.body.on('data', (chunk: Buffer) => hash.update(chunk));
      await pipeline(entry.body, createWriteStream(target));
      if (entry.name.startsWith('media/') && !entry.name.startsWith('media/thumbnails/')) {
        const sha256 = entry.name.slice('media/'.length);
        if (hash.digest('hex') !== sha256)
          throw new LinliError('BACKUP_INVALID', `The media file ${sha256} is damaged`);
      }
    },
    'BACKUP_INVALID',
  );
  if (!manifest) throw new LinliError('BACKUP_INVALID', 'The archive has no manifest');
  return manifest;
}

/** A row's values in the columns' order, for an INSERT. */
const valuesOf = (row: Row, columns: string[]) => columns.map((column) => (row[column] ?? null) as SqlValue);

export async function restoreBackup(options: {
  target: DatabaseTarget;
  media: MediaStoreChoice;
  file: string;
}): Promise<BackupManifest> {
  const work = mkdtempSync(path.join(tmpdir(), 'linli-restore-'));
  try {
    const manifest = await unpack(options.file, work);
    for (const { name } of manifest.tables)
      if (!existsSync(path.join(work, 'tables', `${name}.jsonl`)))
        throw new LinliError('BACKUP_INVALID', `The archive lacks the rows of ${name}`);
    const db = await openDatabase(options.target);
    try {
      const order = await tablesInOrder(db, db.dialect);
      const unknown = manifest.tables.map(({ name }) => name).filter((name) => !order.includes(name));
      if (unknown.length > 0)
        throw new LinliError('BACKUP_INVALID', `The backup has tables this Linli does not: ${unknown.join(', ')}`);
      await db.transaction(async (tx) => {
        const orgs = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM org_nodes');
        if (Number(orgs?.n ?? 0) > 0) throw new LinliError('RESTORE_TARGET_IN_USE');
        // What the migrations wrote (the built-in alert source) makes way for the backup's rows.
        for (const table of [...order].reverse()) await tx.run(`DELETE FROM ${quoted(table)}`);
        for (const { name, rows } of manifest.tables) {
          let columns: string[] | undefined;
          let batch: Row[] = [];
          let count = 0;
          const flush = async () => {
            if (batch.length === 0) return;
            const placeholders = `(${columns!.map(() => '?').join(', ')})`;
            await tx.run(
              `INSERT INTO ${quoted(name)} (${columns!.map(quoted).join(', ')}) VALUES ${batch.map(() => placeholders).join(', ')}`,
              batch.flatMap((row) => valuesOf(row, columns!)),
            );
            batch = [];
          };
          const lines = createInterface({
            input: createReadStream(path.join(work, 'tables', `${name}.jsonl`)),
            crlfDelay: Infinity,
          });
          for await (const line of lines) {
            if (!line) continue;
            let row: Row;
            try {
              row = JSON.parse(line) as Row;
            } catch {
              throw new LinliError('BACKUP_INVALID', `A row of ${name} is not JSON`);
            }
            columns ??= Object.keys(row);
            batch.push(row);
            count += 1;
            if (batch.length === INSERT_ROWS) await flush();
          }
          await flush();
          if (count !== rows)
            throw new LinliError('BACKUP_INVALID', `${name} holds ${count} rows; its manifest says ${rows}`);
        }
        // PostgreSQL's serial columns continue after the restored rows (SQLite's follow by themselves).
        if (db.dialect === 'postgres')
          for (const serial of await tx.all<{ table_name: string; column_name: string }>(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'",
          ))
            await tx.get(
              `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX(${quoted(serial.column_name)}), 1), MAX(${quoted(serial.column_name)}) IS NOT NULL) FROM ${quoted(serial.table_name)}`,
              [serial.table_name, serial.column_name],
            );
      });
      // The media after the rows are in: files are stored under their hash, so a file already there is the same file.
      const blobs = await openMediaStore(options.media, db);
      for (const [folder, prefix] of [
        ['media', ''],
        ['media/thumbnails', 'thumbnails/'],
      ] as const)
        for (const name of readdirSync(path.join(work, folder)))
          if (BLOB_NAME.test(prefix + name))
            await blobs.put(prefix + name, createReadStream(path.join(work, folder, name)));
    } finally {
      await db.close();
    }
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What a backup holds, in a line (the CLI says it after a backup and a restore). */
export function manifestText(manifest: BackupManifest): string {
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  return `${manifest.tables.length} tables, ${rows} rows, ${manifest.media.files} media files (${Math.round(manifest.media.bytes / 1024)} KiB), made ${manifest.createdAt} on ${manifest.dialect}`;
}
