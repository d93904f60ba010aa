/** Device enrollment, authentication of every device request, heartbeats and revocation. */
import { LinliError, type DeviceView, type EnrollReply, type Heartbeat, type PeripheralHealth } from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { readSetting, writeSetting } from '../db/settings';
import { findRootOrg } from '../db/org-store';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { enrollmentCode, randomToken, sha256 } from './secrets';

const ENROLLMENT_CODE = 'enrollment_code';

export interface DeviceService {
  /** The code kiosks enroll with: the configured one, else the stored one, else a new one. */
  enrollmentCode(configured?: string): Promise<string>;
  enroll(code: string, name: string): Promise<EnrollReply>;
  /** Resolves the device id from an `Authorization: Bearer <id>.<secret>` header, or throws 401. */
  authenticate(authorization: string | undefined): Promise<string>;
  heartbeat(deviceId: string, beat: Heartbeat): Promise<void>;
  list(actor: Actor): Promise<DeviceView[]>;
  revoke(actor: Actor, deviceId: string): Promise<void>;
}

interface DeviceRow {
  id: string;
  name: string;
  secret_hash: string;
  enrolled_at: string;
  revoked: number;
  last_seen_at: string | null;
  app_version: string | null;
  cursor: number | null;
  uptime_sec: number | null;
  peripherals: string | null;
  [column: string]: unknown;
}

export function createDeviceService(deps: { db: Database; clock: Clock; audit: AuditService }): DeviceService {
  const { db, clock, audit } = deps;
  return {
    async enrollmentCode(configured) {
      if (configured) {
        await writeSetting(db, ENROLLMENT_CODE, configured);
        return configured;
      }
      const stored = await readSetting(db, ENROLLMENT_CODE);
      if (stored) return stored;
      const code = enrollmentCode();
      await writeSetting(db, ENROLLMENT_CODE, code);
      return code;
    },
    async enroll(code, name) {
      const expected = await readSetting(db, ENROLLMENT_CODE);
      if (!expected || code.trim().toUpperCase() !== expected.toUpperCase()) throw new LinliError('ENROLLMENT_CODE_INVALID');
      const deviceId = randomUUID();
      const secret = randomToken(32);
      const root = await findRootOrg(db);
      await db.run('INSERT INTO devices (id, name, secret_hash, enrolled_at, org_id) VALUES (?, ?, ?, ?, ?)', [deviceId, name, sha256(secret), clock().toISOString(), root?.id ?? null]);
      return { deviceId, secret };
    },
    async authenticate(authorization) {
      const match = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
      if (!match) throw new LinliError('DEVICE_UNKNOWN', 'Device credentials missing');
      const row = await db.get<{ secret_hash: string; revoked: number }>('SELECT secret_hash, revoked FROM devices WHERE id = ?', [match[1]!]);
      if (!row || row.revoked === 1 || row.secret_hash !== sha256(match[2]!)) throw new LinliError('DEVICE_UNKNOWN');
      return match[1]!;
    },
    async heartbeat(deviceId, beat) {
      await db.run('UPDATE devices SET last_seen_at = ?, app_version = ?, cursor = ?, uptime_sec = ?, peripherals = ? WHERE id = ?', [
        clock().toISOString(),
        beat.appVersion,
        beat.cursor,
        beat.uptimeSec,
        beat.peripherals ? JSON.stringify(beat.peripherals) : null,
        deviceId,
      ]);
    },
    async list(actor) {
      await audit.authorize(actor, 'device.view', 'device.list', { type: 'device', id: '-', orgId: actor.orgId, orgPath: actor.orgPath });
      const rows = await db.all<DeviceRow>('SELECT d.* FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE o.path LIKE ? ORDER BY d.enrolled_at', [`${actor.orgPath}%`]);
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        enrolledAt: row.enrolled_at,
        revoked: row.revoked === 1,
        lastSeenAt: row.last_seen_at,
        appVersion: row.app_version,
        cursor: row.cursor === null ? null : Number(row.cursor),
        uptimeSec: row.uptime_sec === null ? null : Number(row.uptime_sec),
        peripherals: row.peripherals === null ? [] : (JSON.parse(row.peripherals) as PeripheralHealth[]),
      }));
    },
    async revoke(actor, deviceId) {
      const row = await db.get<{ org_id: number; path: string; name: string; revoked: number }>('SELECT d.org_id, o.path, d.name, d.revoked FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.id = ?', [deviceId]);
      if (!row) throw new LinliError('NOT_FOUND', `No device '${deviceId}'`);
      const target = { type: 'device', id: deviceId, orgId: Number(row.org_id), orgPath: row.path };
      await audit.authorize(actor, 'device.manage', 'device.revoke', target);
      await db.transaction(async (tx) => {
        await tx.run('UPDATE devices SET revoked = 1 WHERE id = ?', [deviceId]);
        await audit.record(tx, actor, 'device.revoke', target, { before: { name: row.name, revoked: row.revoked === 1 }, after: { name: row.name, revoked: true } });
      });
    },
  };
}
