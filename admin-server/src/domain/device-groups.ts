/**
 * Device groups: devices of a subtree put together (e.g. every hall's lobby screen) so content
 * can target them. Changing a group's members sends the affected feed entries again, so a device
 * that joins receives what targets the group and one that leaves drops it.
 */
import { LinliError, type DeviceGroup, type DeviceGroupInput } from '@linli/protocol';
import type { Database, Transaction } from '../db/database';
import { entitiesTouching, reannounce } from '../db/change-log';
import { findOrg } from '../db/org-store';
import type { ChangeHub } from '../push/change-hub';
import type { Actor } from './actor';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { mustFindOrg } from './org-tree';
import { publishSettings } from './device-settings';
import { deviceKey, groupKey } from './targeting';

/** Named groups of kiosks within a subtree, for targeting content and settings. */
export interface DeviceGroups {
  list(actor: Actor): Promise<DeviceGroup[]>;
  create(actor: Actor, input: DeviceGroupInput): Promise<DeviceGroup>;
  /** Replaces the group's members; every device must lie in the group's subtree. */
  setMembers(actor: Actor, groupId: number, deviceIds: string[]): Promise<DeviceGroup>;
}

export function createDeviceGroups(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  hub: ChangeHub;
}): DeviceGroups {
  const { db, clock, audit, hub } = deps;

  async function mustFindGroup(id: number) {
    const row = await db.get<{ id: number; org_id: number; name: string }>(
      'SELECT id, org_id, name FROM device_groups WHERE id = ?',
      [id],
    );
    const node = row && (await findOrg(db, Number(row.org_id)));
    if (!row || !node) throw new LinliError('NOT_FOUND', `No device group ${id}`);
    return { id: Number(row.id), name: row.name, node };
  }

  async function members(tx: Transaction | Database, groupId: number): Promise<string[]> {
    return (
      await tx.all<{ device_id: string }>(
        'SELECT device_id FROM device_group_members WHERE group_id = ? ORDER BY device_id',
        [groupId],
      )
    ).map((row) => row.device_id);
  }

  return {
    async list(actor: Actor): Promise<DeviceGroup[]> {
      await audit.authorize(actor, 'device.view', 'device.list-groups', {
        type: 'device-group',
        id: '-',
        orgId: actor.orgId,
        orgPath: actor.orgPath,
      });
      const rows = await db.all<{ id: number; org_id: number; name: string }>(
        'SELECT g.id, g.org_id, g.name FROM device_groups g JOIN org_nodes o ON o.id = g.org_id WHERE o.path LIKE ? ORDER BY g.name',
        [`${actor.orgPath}%`],
      );
      return Promise.all(
        rows.map(async (row) => ({
          id: Number(row.id),
          orgId: Number(row.org_id),
          name: row.name,
          deviceIds: await members(db, Number(row.id)),
        })),
      );
    },
    async create(actor: Actor, input: DeviceGroupInput): Promise<DeviceGroup> {
      const node = await mustFindOrg(db, input.orgId);
      await audit.authorize(actor, 'device.manage', 'device.create-group', {
        type: 'device-group',
        id: '-',
        orgId: node.id,
        orgPath: node.path,
      });
      return db.transaction(async (tx) => {
        const row = await tx.get<{ id: number }>(
          'INSERT INTO device_groups (org_id, name, created_at) VALUES (?, ?, ?) RETURNING id',
          [node.id, input.name.trim(), clock().toISOString()],
        );
        const group = { id: Number(row!.id), orgId: node.id, name: input.name.trim(), deviceIds: [] };
        await audit.record(
          tx,
          actor,
          'device.create-group',
          { type: 'device-group', id: String(group.id), orgId: node.id, orgPath: node.path },
          { after: group },
        );
        return group;
      });
    },
    /** Replaces the group's members; every device must lie in the group's subtree. */
    async setMembers(actor: Actor, groupId: number, deviceIds: string[]): Promise<DeviceGroup> {
      const group = await mustFindGroup(groupId);
      const target = { type: 'device-group', id: String(group.id), orgId: group.node.id, orgPath: group.node.path };
      await audit.authorize(actor, 'device.manage', 'device.group-members', target);
      const wanted = [...new Set(deviceIds)].sort();
      const known = await db.all<{ id: string }>(
        `SELECT d.id FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE o.path LIKE ? AND d.id IN (${wanted.map(() => '?').join(', ') || "''"})`,
        [`${group.node.path}%`, ...wanted],
      );
      const outside = wanted.filter((id) => !known.some((row) => row.id === id));
      if (outside.length > 0)
        throw new LinliError(
          'VALIDATION_FAILED',
          `Devices outside ${group.node.name}: ${outside.join(', ')}`,
          outside.map((id) => ({ path: '/deviceIds', message: `${id} is not a device of ${group.node.name}` })),
        );
      const seqs = await db.transaction(async (tx) => {
        const before = await members(tx, groupId);
        await tx.run('DELETE FROM device_group_members WHERE group_id = ?', [groupId]);
        for (const id of wanted)
          await tx.run('INSERT INTO device_group_members (group_id, device_id) VALUES (?, ?)', [groupId, id]);
        const left = before.filter((id) => !wanted.includes(id)).map(deviceKey);
        const touched = await entitiesTouching(tx, groupKey(groupId));
        const sent = [];
        for (const entity of touched) sent.push(await reannounce(tx, entity.entity, entity.id, left, clock()));
        // The group's settings now apply to those who joined and no longer to those who left.
        const moved = [...wanted.filter((id) => !before.includes(id)), ...before.filter((id) => !wanted.includes(id))];
        for (const deviceId of moved) sent.push(await publishSettings(tx, deviceId, clock()));
        await audit.record(tx, actor, 'device.group-members', target, {
          before: { deviceIds: before },
          after: { deviceIds: wanted },
        });
        return sent;
      });
      const latest = Math.max(0, ...seqs);
      if (latest > 0) hub.publish(latest);
      return { id: group.id, orgId: group.node.id, name: group.name, deviceIds: wanted };
    },
  };
}
