/**
 * App releases (kiosk and player) and their rollout: system administrators publish a version, upload
 * its files (kept in the media folder by hash, like every stored file), roll it out to device groups
 * and a share of the fleet, pause it or withdraw it. Devices ask which release they should run
 * (release-rollout.ts decides) and download its file. A file, once uploaded, never changes: a fix
 * is a new version.
 */
import {
  LinliError,
  type ReleaseApp,
  type ReleaseChannel,
  type ReleaseFileView,
  type ReleaseInput,
  type ReleasePlatform,
  type ReleaseState,
  type ReleaseView,
  type RolloutInput,
} from '@linli/protocol';
import type { Readable } from 'node:stream';
import type { Database, Queryable } from '../db/database';
import { findRootOrg } from '../db/org-store';
import type { BlobStore, ReceivedFile } from '../media/blob-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { releaseFor } from './release-rollout';

/** The largest release file taken (an Electron AppImage is 100–150 MB). */
export const RELEASE_MAX_BYTES = 600 * 1024 * 1024;

interface ReleaseRow {
  id: number;
  app: ReleaseApp;
  channel: ReleaseChannel;
  version: string;
  notes: string;
  state: ReleaseState;
  percent: number;
  group_ids: string;
  created_by: string;
  created_at: string;
  [column: string]: unknown;
}

interface FileRow {
  release_id: number;
  platform: ReleasePlatform;
  name: string;
  size: number;
  sha256: string;
  sha512: string;
  signature: string | null;
  uploaded_at: string;
  [column: string]: unknown;
}

/** A release file a device may download: where it is stored and what it is. */
export interface StoredReleaseFile {
  releaseId: number;
  version: string;
  platform: ReleasePlatform;
  name: string;
  size: number;
  sha256: string;
  sha512: string;
  signature: string | null;
  uploadedAt: string;
}

export interface ReleaseService {
  list(actor: Actor): Promise<ReleaseView[]>;
  /** A new version, reaching no device until it is rolled out. */
  create(actor: Actor, input: ReleaseInput): Promise<ReleaseView>;
  /** Streams a platform's file into the media folder; the browser-shell archive must be signed. */
  upload(
    actor: Actor,
    id: number,
    file: { platform: ReleasePlatform; name: string | null; signature: string | null; body: Readable },
  ): Promise<ReleaseView>;
  /** Sets the groups and share it reaches, or pauses it. */
  rollout(actor: Actor, id: number, input: RolloutInput): Promise<ReleaseView>;
  /** Withdraws it for good: devices on it go back to the release before. */
  withdraw(actor: Actor, id: number): Promise<ReleaseView>;
  /** The file the device should install for its platform, or null to stay on what it runs. */
  offer(deviceId: string, app: ReleaseApp, platform: ReleasePlatform): Promise<StoredReleaseFile | null>;
  /** A release file for a device of the release's app (NOT_FOUND otherwise). */
  file(deviceId: string, releaseId: number, platform: ReleasePlatform): Promise<StoredReleaseFile>;
}

/** The first bytes each platform's package starts with; anything else is not one. */
const PACKAGE_MAGIC: Record<ReleasePlatform, { bytes: number[]; what: string; extension: string }> = {
  'linux-x64': { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an AppImage (ELF)', extension: 'AppImage' },
  'linux-arm64': { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an AppImage (ELF)', extension: 'AppImage' },
  'win-x64': { bytes: [0x4d, 0x5a], what: 'a Windows installer (MZ)', extension: 'exe' },
  'browser-shell': { bytes: [0x1f, 0x8b], what: 'a .tar.gz archive', extension: 'tar.gz' },
};

const storedFile = (row: FileRow & { version: string }): StoredReleaseFile => ({
  releaseId: Number(row.release_id),
  version: row.version,
  platform: row.platform,
  name: row.name,
  size: Number(row.size),
  sha256: row.sha256,
  sha512: row.sha512,
  signature: row.signature,
  uploadedAt: row.uploaded_at,
});

export function createReleaseService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  blobs: BlobStore;
}): ReleaseService {
  const { db, clock, audit, blobs } = deps;

  async function releaseTarget(id: number | string) {
    const root = await findRootOrg(db);
    if (!root) throw new LinliError('NOT_FOUND', 'No organisation yet');
    return { type: 'release', id: String(id), orgId: root.id, orgPath: root.path };
  }

  async function mustFind(queryable: Queryable, id: number): Promise<ReleaseRow> {
    const row = await queryable.get<ReleaseRow>('SELECT * FROM releases WHERE id = ?', [id]);
    if (!row) throw new LinliError('NOT_FOUND', `No release ${id}`);
    return row;
  }

  async function views(rows: ReleaseRow[]): Promise<ReleaseView[]> {
    const files = await db.all<FileRow>('SELECT * FROM release_files ORDER BY platform');
    const running = await db.all<{ kind: ReleaseApp; app_version: string; n: number }>(
      'SELECT kind, app_version, COUNT(*) AS n FROM devices WHERE revoked = 0 AND app_version IS NOT NULL GROUP BY kind, app_version',
    );
    return rows.map((row) => ({
      id: Number(row.id),
      app: row.app,
      channel: row.channel,
      version: row.version,
      notes: row.notes,
      state: row.state,
      groupIds: JSON.parse(row.group_ids) as number[],
      percent: Number(row.percent),
      files: files
        .filter((file) => Number(file.release_id) === Number(row.id))
        .map((file): ReleaseFileView => ({
          platform: file.platform,
          name: file.name,
          size: Number(file.size),
          sha512: file.sha512,
          signature: file.signature,
          uploadedAt: file.uploaded_at,
        })),
      devicesOn: Number(running.find((r) => r.kind === row.app && r.app_version === row.version)?.n ?? 0),
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  const viewOf = async (id: number) => (await views([await mustFind(db, id)]))[0]!;

  async function groupsMustExist(groupIds: readonly number[]) {
    for (const [index, id] of groupIds.entries()) {
      const found = await db.get('SELECT id FROM device_groups WHERE id = ?', [id]);
      if (!found)
        throw new LinliError('VALIDATION_FAILED', `No device group ${id}`, [
          { path: `/groupIds/${index}`, message: 'no such group' },
        ]);
    }
  }

  /** The device's app, channel, groups and running version: what its releases are chosen by. */
  async function rolloutDevice(deviceId: string) {
    const row = await db.get<{ kind: ReleaseApp; update_channel: ReleaseChannel; app_version: string | null }>(
      'SELECT kind, update_channel, app_version FROM devices WHERE id = ?',
      [deviceId],
    );
    if (!row) throw new LinliError('DEVICE_UNKNOWN');
    const groups = await db.all<{ group_id: number }>('SELECT group_id FROM device_group_members WHERE device_id = ?', [
      deviceId,
    ]);
    return {
      app: row.kind,
      device: {
        id: deviceId,
        groupIds: groups.map((group) => Number(group.group_id)),
        channel: row.update_channel,
        runs: row.app_version,
      },
    };
  }

  async function fileOf(deviceId: string, releaseId: number, platform: ReleasePlatform) {
    const { app } = await rolloutDevice(deviceId);
    const row = await db.get<FileRow & { version: string }>(
      `SELECT f.*, r.version FROM release_files f JOIN releases r ON r.id = f.release_id
        WHERE f.release_id = ? AND f.platform = ? AND r.app = ?`,
      [releaseId, platform, app],
    );
    if (!row) throw new LinliError('NOT_FOUND', `No ${platform} file in release ${releaseId}`);
    return storedFile(row);
  }

  return {
    async list(actor) {
      await audit.authorize(actor, 'device.releases', 'release.list', await releaseTarget('*'));
      return views(await db.all<ReleaseRow>('SELECT * FROM releases ORDER BY app, created_at DESC, id DESC'));
    },
    async create(actor, input) {
      const target = await releaseTarget('-');
      await audit.authorize(actor, 'device.releases', 'release.create', target);
      const taken = await db.get('SELECT id FROM releases WHERE app = ? AND version = ?', [input.app, input.version]);
      if (taken)
        throw new LinliError('RELEASE_EXISTS', `The ${input.app} app already has a release ${input.version}`, [
          { path: '/version', message: 'already released' },
        ]);
      const id = await db.transaction(async (tx) => {
        const row = await tx.get<{ id: number }>(
          `INSERT INTO releases (app, channel, version, notes, state, percent, group_ids, created_by, created_at)
           VALUES (?, ?, ?, ?, 'rolling', 0, '[]', ?, ?) RETURNING id`,
          [input.app, input.channel, input.version, input.notes, actor.username, clock().toISOString()],
        );
        const created = Number(row!.id);
        await audit.record(tx, actor, 'release.create', { ...target, id: String(created) }, { after: input });
        return created;
      });
      return viewOf(id);
    },
    async upload(actor, id, file) {
      const target = await releaseTarget(id);
      await audit.authorize(actor, 'device.releases', 'release.upload', target);
      const release = await mustFind(db, id);
      if (release.state === 'withdrawn') throw new LinliError('RELEASE_WITHDRAWN');
      const name =
        file.name ??
        `linli-${release.app}-${release.version}-${file.platform}.${PACKAGE_MAGIC[file.platform].extension}`;
      if (file.platform === 'browser-shell' && file.signature === null)
        throw new LinliError('RELEASE_SIGNATURE_REQUIRED', undefined, [
          { path: '/signature', message: 'required for browser-shell' },
        ]);
      const existing = () =>
        db.get('SELECT platform FROM release_files WHERE release_id = ? AND platform = ?', [id, file.platform]);
      if (await existing()) throw new LinliError('RELEASE_FILE_EXISTS');
      const received: ReceivedFile = await blobs.receive(file.body, RELEASE_MAX_BYTES);
      try {
        const magic = PACKAGE_MAGIC[file.platform];
        if (!magic.bytes.every((byte, index) => received.head[index] === byte))
          throw new LinliError('RELEASE_FILE_INVALID', `A ${file.platform} file must be ${magic.what}`, [
            { path: '/file', message: `not ${magic.what}` },
          ]);
        await db.transaction(async (tx) => {
          // Two uploads of one platform at once: the second finds the first's row here.
          if (
            await tx.get('SELECT platform FROM release_files WHERE release_id = ? AND platform = ?', [
              id,
              file.platform,
            ])
          )
            throw new LinliError('RELEASE_FILE_EXISTS');
          await tx.run(
            'INSERT INTO release_files (release_id, platform, name, size, sha256, sha512, signature, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [
              id,
              file.platform,
              name,
              received.bytes,
              received.sha256,
              received.sha512,
              file.signature,
              clock().toISOString(),
            ],
          );
          await audit.record(tx, actor, 'release.upload', target, {
            after: { platform: file.platform, name, size: received.bytes, sha256: received.sha256 },
          });
          // In place before the row commits: a device told of the file always finds it.
          await blobs.commit(received);
        });
      } catch (error) {
        await blobs.discard(received);
        throw error;
      }
      return viewOf(id);
    },
    async rollout(actor, id, input) {
      const target = await releaseTarget(id);
      await audit.authorize(actor, 'device.releases', 'release.rollout', target);
      await groupsMustExist(input.groupIds);
      await db.transaction(async (tx) => {
        const before = await mustFind(tx, id);
        if (before.state === 'withdrawn') throw new LinliError('RELEASE_WITHDRAWN');
        const files = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM release_files WHERE release_id = ?', [id]);
        if (Number(files?.n ?? 0) === 0 && (input.percent > 0 || input.groupIds.length > 0))
          throw new LinliError('RELEASE_EMPTY');
        const state: ReleaseState = input.paused ? 'paused' : 'rolling';
        const groupIds = [...new Set(input.groupIds)].sort((a, b) => a - b);
        await tx.run('UPDATE releases SET state = ?, percent = ?, group_ids = ? WHERE id = ?', [
          state,
          input.percent,
          JSON.stringify(groupIds),
          id,
        ]);
        await audit.record(tx, actor, 'release.rollout', target, {
          before: { state: before.state, percent: Number(before.percent), groupIds: JSON.parse(before.group_ids) },
          after: { state, percent: input.percent, groupIds },
        });
      });
      return viewOf(id);
    },
    async withdraw(actor, id) {
      const target = await releaseTarget(id);
      await audit.authorize(actor, 'device.releases', 'release.withdraw', target);
      await db.transaction(async (tx) => {
        const before = await mustFind(tx, id);
        if (before.state === 'withdrawn') return;
        await tx.run("UPDATE releases SET state = 'withdrawn' WHERE id = ?", [id]);
        await audit.record(tx, actor, 'release.withdraw', target, {
          before: { state: before.state },
          after: { state: 'withdrawn' },
        });
      });
      return viewOf(id);
    },
    async offer(deviceId, app, platform) {
      const { app: deviceApp, device } = await rolloutDevice(deviceId);
      if (deviceApp !== app) throw new LinliError('NOT_FOUND', `No ${app} updates for this device`);
      const rows = await db.all<ReleaseRow>(
        `SELECT r.* FROM releases r WHERE r.app = ?
           AND EXISTS (SELECT 1 FROM release_files f WHERE f.release_id = r.id AND f.platform = ?)`,
        [app, platform],
      );
      const chosen = releaseFor(
        device,
        rows.map((row) => ({
          ...row,
          id: Number(row.id),
          percent: Number(row.percent),
          groupIds: JSON.parse(row.group_ids) as number[],
        })),
      );
      return chosen && fileOf(deviceId, chosen.id, platform);
    },
    file: fileOf,
  };
}
