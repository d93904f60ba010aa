/**
 * Settings pushed to kiosks, per device group and per device. A kiosk runs with its groups'
 * settings (in group order) overlaid by its own; the merged result travels on its feed, so an
 * offline kiosk picks it up when it returns and keeps it across restarts.
 */
import {
  LinliError,
  mergeSettings,
  pushedPeripheralProblems,
  type DeviceSettings,
  type SettingsScopeParams,
  type SettingsView,
} from '@linli/protocol';
import { appendChange } from '../db/change-log';
import type { Database, Queryable, Transaction } from '../db/database';
import { findOrg } from '../db/org-store';
import type { ChangeHub } from '../push/change-hub';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { deviceNode } from './org-tree';
import { deviceKey } from './targeting';

const scopeKey = (params: SettingsScopeParams) => `${params.scope}:${params.id}`;

async function layer(
  db: Queryable,
  key: string,
): Promise<{ settings: DeviceSettings; updatedBy: string | null; updatedAt: string | null }> {
  const row = await db.get<{ data: string; updated_by: string; updated_at: string }>(
    'SELECT data, updated_by, updated_at FROM device_settings WHERE scope = ?',
    [key],
  );
  return row
    ? { settings: JSON.parse(row.data) as DeviceSettings, updatedBy: row.updated_by, updatedAt: row.updated_at }
    : { settings: {}, updatedBy: null, updatedAt: null };
}

/** The settings a device runs with: its groups' in group order, then its own. */
export async function effectiveSettings(db: Queryable, deviceId: string): Promise<DeviceSettings> {
  const groups = await db.all<{ group_id: number }>(
    'SELECT group_id FROM device_group_members WHERE device_id = ? ORDER BY group_id',
    [deviceId],
  );
  const layers = await Promise.all(
    [...groups.map((group) => `group:${Number(group.group_id)}`), `device:${deviceId}`].map(
      async (key) => (await layer(db, key)).settings,
    ),
  );
  return mergeSettings(layers);
}

/** Puts the device's effective settings on its feed; returns the new sequence number. */
export async function publishSettings(tx: Transaction, deviceId: string, at: Date): Promise<number> {
  const settings = await effectiveSettings(tx, deviceId);
  return appendChange(
    tx,
    {
      entity: 'settings',
      id: deviceId,
      op: 'upsert',
      data: { settings, updatedAt: at.toISOString() },
      targets: [deviceKey(deviceId)],
    },
    at,
  );
}

/** Settings pushed to kiosks, per org node, group or device. */
export interface DeviceSettingsService {
  get(actor: Actor, params: SettingsScopeParams): Promise<SettingsView>;
  set(actor: Actor, params: SettingsScopeParams, settings: DeviceSettings): Promise<SettingsView>;
}

export function createDeviceSettings(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  hub: ChangeHub;
}): DeviceSettingsService {
  const { db, clock, audit, hub } = deps;

  async function groupNode(id: string) {
    const row = await db.get<{ org_id: number }>('SELECT org_id FROM device_groups WHERE id = ?', [Number(id) || 0]);
    const node = row && (await findOrg(db, Number(row.org_id)));
    if (!node) throw new LinliError('NOT_FOUND', `No group '${id}'`);
    return node;
  }

  /** The node a device or group belongs to, and the devices the settings reach. */
  async function subject(params: SettingsScopeParams) {
    const node = params.scope === 'device' ? await deviceNode(db, params.id) : await groupNode(params.id);
    const devices =
      params.scope === 'device'
        ? [params.id]
        : (
            await db.all<{ device_id: string }>('SELECT device_id FROM device_group_members WHERE group_id = ?', [
              Number(params.id),
            ])
          ).map((m) => m.device_id);
    return { target: { type: `${params.scope}-settings`, id: params.id, orgId: node.id, orgPath: node.path }, devices };
  }

  return {
    async get(actor: Actor, params: SettingsScopeParams): Promise<SettingsView> {
      const { target } = await subject(params);
      await audit.authorizeRead(actor, 'device.view', 'device.settings-view', target);
      const own = await layer(db, scopeKey(params));
      return { ...own, ...(params.scope === 'device' && { effective: await effectiveSettings(db, params.id) }) };
    },
    async set(actor: Actor, params: SettingsScopeParams, settings: DeviceSettings): Promise<SettingsView> {
      const { target, devices } = await subject(params);
      await audit.authorize(actor, 'device.manage', 'device.settings', target);
      const before = await layer(db, scopeKey(params));
      if (JSON.stringify(settings.peripherals) !== JSON.stringify(before.settings.peripherals))
        await audit.authorize(actor, 'device.peripherals', 'device.settings-peripherals', target);
      const problems = settings.peripherals ? pushedPeripheralProblems(settings.peripherals) : [];
      if (problems.length > 0)
        throw new LinliError(
          'VALIDATION_FAILED',
          problems.map((problem) => `/peripherals${problem.path} ${problem.message}`).join('; '),
          problems.map((problem) => ({ ...problem, path: `/peripherals${problem.path}` })),
        );
      const now = clock();
      const latest = await db.transaction(async (tx) => {
        const before = await layer(tx, scopeKey(params));
        await tx.run(
          'INSERT INTO device_settings (scope, data, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (scope) DO UPDATE SET data = excluded.data, updated_by = excluded.updated_by, updated_at = excluded.updated_at',
          [scopeKey(params), JSON.stringify(settings), actor.username, now.toISOString()],
        );
        await audit.record(tx, actor, 'device.settings', target, { before: before.settings, after: settings });
        let seq = 0;
        for (const deviceId of devices) seq = await publishSettings(tx, deviceId, now);
        return seq;
      });
      if (latest > 0) hub.publish(latest);
      return {
        settings,
        updatedBy: actor.username,
        updatedAt: now.toISOString(),
        ...(params.scope === 'device' && { effective: await effectiveSettings(db, params.id) }),
      };
    },
  };
}
