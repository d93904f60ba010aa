/** Device enrollment, authentication of every device request, heartbeats and revocation. */
import { LinliError, type DeviceView, type EnrollReply, type Heartbeat, type PeripheralHealth } from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { readSetting, writeSetting } from '../db/settings';
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
  list(): Promise<DeviceView[]>;
  revoke(deviceId: string): Promise<void>;
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

export function createDeviceService(deps: { db: Database; clock: Clock }): DeviceService {
  const { db, clock } = deps;
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
      await db.run('INSERT INTO devices (id, name, secret_hash, enrolled_at) VALUES (?, ?, ?, ?)', [deviceId, name, sha256(secret), clock().toISOString()]);
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
    async list() {
      const rows = await db.all<DeviceRow>('SELECT * FROM devices ORDER BY enrolled_at');
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
    async revoke(deviceId) {
      if ((await db.run('UPDATE devices SET revoked = 1 WHERE id = ?', [deviceId])).changes === 0) throw new LinliError('NOT_FOUND', `No device '${deviceId}'`);
    },
  };
}
