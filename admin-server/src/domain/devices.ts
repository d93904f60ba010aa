/** Device enrollment, authentication of every device request, heartbeats and revocation. */
import {
  type ScreenReport,
  DEVICE_OFFLINE_AFTER_SEC,
  LinliError,
  healthReportOf,
  type DeviceKind,
  type DeviceLocation,
  type DeviceView,
  type EnrollReply,
  type Heartbeat,
  type PeripheralHealth,
  type ReleaseChannel,
  type UpdateReport,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { readSetting, writeSetting } from '../db/settings';
import { findOrg, findRootOrg } from '../db/org-store';
import { createAttemptLimiter } from './attempt-limiter';
import { writeAudit } from './audit';
import { claimEnrollmentCode } from './enrollment-codes';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import type { SignageKeys } from './signage-keys';
import type { AlertService } from './alerts';
import type { ChangeHub } from '../push/change-hub';
import type { Audience } from './targeting';
import { enrollmentCode, randomToken, sameSecret, sha256 } from './secrets';

const ENROLLMENT_CODE = 'enrollment_code';
const ENROLLMENT_CODE_EXPIRES = 'enrollment_code_expires_at';
/** How long a deployment-wide code enrolls kiosks; after that a new one is made (or must be configured). */
export const DEPLOYMENT_CODE_DAYS = 7;
/** Failed enrollments from one address before it has to wait. */
const ENROLL_FAILURES_PER_ADDRESS = 20;

export interface DeploymentCode {
  code: string;
  expiresAt: string;
}

/** Codes compared in constant time, ignoring case and spaces around. */
function sameCode(given: string, expected: string): boolean {
  return sameSecret(given.trim().toUpperCase(), expected.trim().toUpperCase());
}

async function storedDeploymentCode(
  db: Queryable,
): Promise<{ code: string; expiresAt: string | undefined } | undefined> {
  const code = await readSetting(db, ENROLLMENT_CODE);
  return code ? { code, expiresAt: await readSetting(db, ENROLLMENT_CODE_EXPIRES) } : undefined;
}

/** The deployment-wide code enrolls at the top of the tree, until it expires. */
async function deploymentCodeOrg(db: Queryable, code: string, now: Date): Promise<number> {
  const stored = await storedDeploymentCode(db);
  const root = await findRootOrg(db);
  if (!stored || !root || !sameCode(code, stored.code)) throw new LinliError('ENROLLMENT_CODE_INVALID');
  if (!stored.expiresAt || stored.expiresAt <= now.toISOString())
    throw new LinliError('ENROLLMENT_CODE_INVALID', 'This enrollment code has expired');
  return root.id;
}

export interface DeviceService {
  /**
   * At start: the deployment-wide code is the configured one (its validity starts when it is
   * first seen), else the stored one while it is valid, else a new one. `created`: it was just made
   * or configured, so it may be shown once.
   */
  ensureDeploymentCode(configured?: string): Promise<DeploymentCode & { created: boolean }>;
  /** The deployment-wide code while it is valid. */
  deploymentCode(): Promise<DeploymentCode | undefined>;
  /**
   * Enrolls a device (a kiosk unless it says otherwise); an address that keeps sending wrong codes
   * is made to wait (TOO_MANY_ATTEMPTS). A player is told the signage keys to trust.
   */
  enroll(code: string, name: string, from: string, kind?: DeviceKind): Promise<EnrollReply>;
  /** Resolves the device id from an `Authorization: Bearer <id>.<secret>` header, or throws 401. */
  authenticate(authorization: string | undefined): Promise<string>;
  heartbeat(deviceId: string, beat: Heartbeat): Promise<void>;
  /** What the device is, where it stands in the tree and which groups it is in: what its feed is filtered by. */
  audience(deviceId: string): Promise<Audience>;
  list(actor: Actor): Promise<DeviceView[]>;
  revoke(actor: Actor, deviceId: string): Promise<void>;
  /** Sets or clears where a device stands (device.manage over its node); audited. */
  setLocation(actor: Actor, deviceId: string, location: DeviceLocation | null): Promise<void>;
  /** Sets the release channel the device's updates come from (device.manage over its node); audited. */
  setUpdateChannel(actor: Actor, deviceId: string, channel: ReleaseChannel): Promise<void>;
  /** True while the device is enrolled and not revoked (open push streams ask again now and then). */
  isActive(deviceId: string): Promise<boolean>;
  /** Told the id of each device revoked in this process, once the revocation is stored. */
  onRevoked(listener: (deviceId: string) => void): () => void;
}

interface DeviceRow {
  id: string;
  name: string;
  kind: DeviceKind;
  secret_hash: string;
  enrolled_at: string;
  revoked: number;
  last_seen_at: string | null;
  app_version: string | null;
  cursor: number | null;
  uptime_sec: number | null;
  peripherals: string | null;
  screen: string | null;
  update_channel: ReleaseChannel;
  update_report: string | null;
  storage_full: number;
  latitude: number | null;
  longitude: number | null;
  org_id: number;
  [column: string]: unknown;
}

export function createDeviceService(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  signageKeys: SignageKeys;
  hub: ChangeHub;
  /** Alerts drawn as areas reach located devices: told in the transaction that moves one. */
  alerts: Pick<AlertService, 'locationsChangedWithin'>;
}): DeviceService {
  const { db, clock, audit, signageKeys } = deps;
  const perAddress = createAttemptLimiter({ db, scope: 'enroll', clock, maxFailures: ENROLL_FAILURES_PER_ADDRESS });
  const revokedListeners = new Set<(deviceId: string) => void>();
  return {
    async ensureDeploymentCode(configured) {
      const now = clock();
      const stored = await storedDeploymentCode(db);
      const valid = stored?.expiresAt !== undefined && stored.expiresAt > now.toISOString();
      // A configured code keeps the validity it got when first seen: restarts do not extend it.
      if (stored && (configured ? stored.code === configured && stored.expiresAt : valid))
        return { code: stored.code, expiresAt: stored.expiresAt!, created: false };
      const code = configured ?? enrollmentCode();
      const expiresAt = new Date(now.getTime() + DEPLOYMENT_CODE_DAYS * 86_400_000).toISOString();
      await db.transaction(async (tx) => {
        await writeSetting(tx, ENROLLMENT_CODE, code);
        await writeSetting(tx, ENROLLMENT_CODE_EXPIRES, expiresAt);
      });
      return { code, expiresAt, created: true };
    },
    async deploymentCode() {
      const stored = await storedDeploymentCode(db);
      return stored?.expiresAt && stored.expiresAt > clock().toISOString()
        ? { code: stored.code, expiresAt: stored.expiresAt }
        : undefined;
    },
    async enroll(code, name, from, kind = 'kiosk') {
      await perAddress.check(from);
      const deviceId = randomUUID();
      const secret = randomToken(32);
      const enrolled = db.transaction(async (tx) => {
        const now = clock();
        const orgId = (await claimEnrollmentCode(tx, code, now)) ?? (await deploymentCodeOrg(tx, code, now));
        await tx.run(
          'INSERT INTO devices (id, name, kind, secret_hash, enrolled_at, org_id) VALUES (?, ?, ?, ?, ?, ?)',
          [deviceId, name, kind, sha256(secret), clock().toISOString(), orgId],
        );
        const org = (await findOrg(tx, orgId))!;
        await writeAudit(
          tx,
          {
            actor: `device:${deviceId}`,
            action: 'device.enroll',
            target: { type: 'device', id: deviceId, orgId, orgPath: org.path },
            from,
            outcome: 'ok',
            after: { name, kind },
          },
          clock(),
        );
      });
      await enrolled.catch(async (error: unknown) => {
        if (error instanceof LinliError && error.code === 'ENROLLMENT_CODE_INVALID') await perAddress.failed(from);
        throw error;
      });
      // A player trusts from now on the keys it is given here (the reply comes over the same
      // connection the enrollment code went over); later sets must be signed by one of them.
      return kind === 'player'
        ? { deviceId, secret, signageKeys: await signageKeys.publicKeys() }
        : { deviceId, secret };
    },
    async authenticate(authorization) {
      const match = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
      if (!match) throw new LinliError('DEVICE_UNKNOWN', 'Device credentials missing');
      const row = await db.get<{ secret_hash: string; revoked: number }>(
        'SELECT secret_hash, revoked FROM devices WHERE id = ?',
        [match[1]!],
      );
      if (!row || row.revoked === 1 || !sameSecret(sha256(match[2]!), row.secret_hash))
        throw new LinliError('DEVICE_UNKNOWN');
      return match[1]!;
    },
    async heartbeat(deviceId, beat) {
      await db.run(
        'UPDATE devices SET last_seen_at = ?, app_version = ?, cursor = ?, uptime_sec = ?, peripherals = ?, screen = ?, update_report = ?, storage_full = ? WHERE id = ?',
        [
          clock().toISOString(),
          beat.appVersion,
          beat.cursor,
          beat.uptimeSec,
          beat.peripherals ? JSON.stringify(healthReportOf(beat.peripherals)) : null,
          beat.screen ? JSON.stringify(beat.screen) : null,
          beat.update ? JSON.stringify(beat.update) : null,
          beat.storageFull ? 1 : 0,
          deviceId,
        ],
      );
    },
    async audience(deviceId) {
      const row = await db.get<{ path: string; kind: DeviceKind }>(
        'SELECT o.path, d.kind FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.id = ?',
        [deviceId],
      );
      if (!row) throw new LinliError('DEVICE_UNKNOWN');
      const groups = await db.all<{ group_id: number }>(
        'SELECT group_id FROM device_group_members WHERE device_id = ?',
        [deviceId],
      );
      return {
        deviceId,
        kind: row.kind,
        orgPath: row.path,
        groupIds: groups.map((group) => Number(group.group_id)),
      };
    },
    async list(actor) {
      await audit.authorize(actor, 'device.view', 'device.list', {
        type: 'device',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const onlineSince = new Date(clock().getTime() - DEVICE_OFFLINE_AFTER_SEC * 1000).toISOString();
      const rows = await db.all<DeviceRow>(
        'SELECT d.* FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE o.path LIKE ? ORDER BY d.enrolled_at',
        [`${actor.orgPath}%`],
      );
      const memberships = await db.all<{ device_id: string; group_id: number }>(
        'SELECT m.device_id, m.group_id FROM device_group_members m JOIN devices d ON d.id = m.device_id JOIN org_nodes o ON o.id = d.org_id WHERE o.path LIKE ?',
        [`${actor.orgPath}%`],
      );
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind,
        enrolledAt: row.enrolled_at,
        revoked: row.revoked === 1,
        lastSeenAt: row.last_seen_at,
        online: row.revoked === 0 && row.last_seen_at !== null && row.last_seen_at > onlineSince,
        appVersion: row.app_version,
        updateChannel: row.update_channel,
        update: row.update_report === null ? null : (JSON.parse(row.update_report) as UpdateReport),
        storageFull: Number(row.storage_full) === 1,
        cursor: row.cursor === null ? null : Number(row.cursor),
        uptimeSec: row.uptime_sec === null ? null : Number(row.uptime_sec),
        peripherals: row.peripherals === null ? [] : (JSON.parse(row.peripherals) as PeripheralHealth[]),
        orgId: Number(row.org_id),
        groupIds: memberships.filter((m) => m.device_id === row.id).map((m) => Number(m.group_id)),
        screen: row.screen === null ? null : (JSON.parse(row.screen) as ScreenReport),
        location:
          row.latitude === null || row.longitude === null
            ? null
            : { latitude: Number(row.latitude), longitude: Number(row.longitude) },
      }));
    },
    async revoke(actor, deviceId) {
      const row = await db.get<{ org_id: number; path: string; name: string; revoked: number }>(
        'SELECT d.org_id, o.path, d.name, d.revoked FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.id = ?',
        [deviceId],
      );
      if (!row) throw new LinliError('NOT_FOUND', `No device '${deviceId}'`);
      const target = { type: 'device', id: deviceId, orgId: Number(row.org_id), orgPath: row.path };
      await audit.authorize(actor, 'device.manage', 'device.revoke', target);
      await db.transaction(async (tx) => {
        await tx.run('UPDATE devices SET revoked = 1 WHERE id = ?', [deviceId]);
        await audit.record(tx, actor, 'device.revoke', target, {
          before: { name: row.name, revoked: row.revoked === 1 },
          after: { name: row.name, revoked: true },
        });
      });
      revokedListeners.forEach((listener) => listener(deviceId));
    },
    async setLocation(actor, deviceId, location) {
      const row = await db.get<{
        org_id: number;
        path: string;
        name: string;
        latitude: number | null;
        longitude: number | null;
      }>(
        'SELECT d.org_id, o.path, d.name, d.latitude, d.longitude FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.id = ?',
        [deviceId],
      );
      if (!row) throw new LinliError('NOT_FOUND', `No device '${deviceId}'`);
      const target = { type: 'device', id: deviceId, orgId: Number(row.org_id), orgPath: row.path };
      await audit.authorizeChange(actor, 'device.manage', 'device.locate', target);
      const before =
        row.latitude === null || row.longitude === null
          ? null
          : { latitude: Number(row.latitude), longitude: Number(row.longitude) };
      const seq = await db.transaction(async (tx) => {
        await tx.run('UPDATE devices SET latitude = ?, longitude = ? WHERE id = ?', [
          location?.latitude ?? null,
          location?.longitude ?? null,
          deviceId,
        ]);
        await audit.record(tx, actor, 'device.locate', target, { before: { location: before }, after: { location } });
        return deps.alerts.locationsChangedWithin(tx);
      });
      if (seq > 0) deps.hub.publish(seq);
    },
    async setUpdateChannel(actor, deviceId, channel) {
      const row = await db.get<{ org_id: number; path: string; update_channel: ReleaseChannel }>(
        'SELECT d.org_id, o.path, d.update_channel FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.id = ?',
        [deviceId],
      );
      if (!row) throw new LinliError('NOT_FOUND', `No device '${deviceId}'`);
      const target = { type: 'device', id: deviceId, orgId: Number(row.org_id), orgPath: row.path };
      await audit.authorizeChange(actor, 'device.manage', 'device.update-channel', target);
      await db.transaction(async (tx) => {
        await tx.run('UPDATE devices SET update_channel = ? WHERE id = ?', [channel, deviceId]);
        await audit.record(tx, actor, 'device.update-channel', target, {
          before: { channel: row.update_channel },
          after: { channel },
        });
      });
    },
    async isActive(deviceId) {
      const row = await db.get<{ revoked: number }>('SELECT revoked FROM devices WHERE id = ?', [deviceId]);
      return row !== undefined && row.revoked === 0;
    },
    onRevoked(listener) {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },
  };
}
