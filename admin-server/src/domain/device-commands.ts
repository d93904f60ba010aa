/**
 * Remote commands (reload, restart, clear cache, re-sync, screenshot). A command travels on the
 * device's own feed, so it arrives within a second over the push channel, through any server
 * instance; its feed entry is dropped once answered or expired, so a device syncing from scratch
 * never replays old commands. The device reports the result, shown in the admin UI.
 */
import {
  COMMAND_EXPIRY_SEC,
  LinliError,
  type CommandKind,
  type CommandResult,
  type CommandView,
  type DeviceCommand,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import { appendChange, dropChange } from '../db/change-log';
import type { Database } from '../db/database';
import type { ChangeHub } from '../push/change-hub';
import type { Actor } from './actor';
import { writeAudit, type AuditService } from './audit';
import type { Clock } from './clock';
import { deviceNode } from './org-tree';
import { deviceKey } from './targeting';

interface CommandRow {
  id: string;
  device_id: string;
  kind: CommandKind;
  state: 'pending' | 'done' | 'failed';
  issued_by: string;
  issued_at: string;
  finished_at: string | null;
  detail: string | null;
  screenshot: string | null;
  [column: string]: unknown;
}

/** Remote commands to kiosks: issued by staff, answered once by the kiosk they were for. */
export interface DeviceCommands {
  issue(actor: Actor, deviceId: string, kind: CommandKind): Promise<CommandView>;
  /** The device's answer; only the device the command was for may give it, once. */
  report(deviceId: string, commandId: string, result: CommandResult): Promise<void>;
  list(actor: Actor, deviceId: string): Promise<CommandView[]>;
  screenshot(actor: Actor, commandId: string): Promise<Buffer>;
  /** Drops feed entries of commands nobody answered in time (run daily with tombstone pruning). */
  dropExpired(): Promise<number>;
}

export function createDeviceCommands(deps: {
  db: Database;
  clock: Clock;
  audit: AuditService;
  hub: ChangeHub;
}): DeviceCommands {
  const { db, clock, audit, hub } = deps;

  function view(row: CommandRow, now: Date): CommandView {
    const expired = row.state === 'pending' && Date.parse(row.issued_at) + COMMAND_EXPIRY_SEC * 1000 <= now.getTime();
    return {
      id: row.id,
      deviceId: row.device_id,
      kind: row.kind,
      state: expired ? 'expired' : row.state,
      issuedBy: row.issued_by,
      issuedAt: row.issued_at,
      finishedAt: row.finished_at,
      detail: row.detail,
      hasScreenshot: row.screenshot !== null,
    };
  }

  async function deviceTarget(deviceId: string) {
    const node = await deviceNode(db, deviceId);
    return { type: 'device', id: deviceId, orgId: node.id, orgPath: node.path };
  }

  async function mustFind(id: string): Promise<CommandRow> {
    const row = await db.get<CommandRow>('SELECT * FROM device_commands WHERE id = ?', [id]);
    if (!row) throw new LinliError('NOT_FOUND', `No command '${id}'`);
    return row;
  }

  return {
    async issue(actor: Actor, deviceId: string, kind: CommandKind): Promise<CommandView> {
      const target = await deviceTarget(deviceId);
      await audit.authorize(actor, 'device.manage', `device.command.${kind}`, target);
      const now = clock();
      const row: CommandRow = {
        id: randomUUID(),
        device_id: deviceId,
        kind,
        state: 'pending',
        issued_by: actor.username,
        issued_at: now.toISOString(),
        finished_at: null,
        detail: null,
        screenshot: null,
      };
      const command: DeviceCommand = { id: row.id, kind, issuedAt: row.issued_at };
      const seq = await db.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO device_commands (id, device_id, kind, state, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?)',
          [row.id, deviceId, kind, 'pending', actor.username, row.issued_at],
        );
        await audit.record(tx, actor, `device.command.${kind}`, target, { after: command });
        return appendChange(
          tx,
          { entity: 'command', id: row.id, op: 'upsert', data: command, targets: [deviceKey(deviceId)] },
          now,
        );
      });
      hub.publish(seq);
      return view(row, now);
    },
    /** The device's answer; only the device the command was for may give it, once. */
    async report(deviceId: string, commandId: string, result: CommandResult): Promise<void> {
      const row = await mustFind(commandId);
      if (row.device_id !== deviceId) throw new LinliError('NOT_FOUND', `No command '${commandId}' for this device`);
      if (row.state !== 'pending')
        throw new LinliError('COMMAND_ANSWERED', `Command ${commandId} was already answered`);
      const now = clock();
      const target = await deviceTarget(deviceId);
      await db.transaction(async (tx) => {
        await tx.run('UPDATE device_commands SET state = ?, finished_at = ?, detail = ?, screenshot = ? WHERE id = ?', [
          result.ok ? 'done' : 'failed',
          now.toISOString(),
          result.detail ?? null,
          result.screenshotPng ?? null,
          commandId,
        ]);
        await dropChange(tx, 'command', commandId);
        await writeAudit(
          tx,
          {
            actor: `device:${deviceId}`,
            action: `device.command-result.${row.kind}`,
            target,
            from: '-',
            outcome: result.ok ? 'ok' : 'failed',
            after: { detail: result.detail ?? null },
          },
          now,
        );
      });
    },
    async list(actor: Actor, deviceId: string): Promise<CommandView[]> {
      await audit.authorizeRead(actor, 'device.view', 'device.commands', await deviceTarget(deviceId));
      const rows = await db.all<CommandRow>(
        "SELECT id, device_id, kind, state, issued_by, issued_at, finished_at, detail, CASE WHEN screenshot IS NULL THEN NULL ELSE '' END AS screenshot FROM device_commands WHERE device_id = ? ORDER BY issued_at DESC LIMIT 20",
        [deviceId],
      );
      return rows.map((row) => view(row, clock()));
    },
    async screenshot(actor: Actor, commandId: string): Promise<Buffer> {
      const row = await mustFind(commandId);
      await audit.authorizeRead(actor, 'device.view', 'device.screenshot', await deviceTarget(row.device_id));
      if (!row.screenshot) throw new LinliError('NOT_FOUND', `Command ${commandId} has no screenshot`);
      return Buffer.from(row.screenshot, 'base64');
    },
    /** Drops feed entries of commands nobody answered in time (run daily with tombstone pruning). */
    async dropExpired(): Promise<number> {
      const before = new Date(clock().getTime() - COMMAND_EXPIRY_SEC * 1000).toISOString();
      const stale = await db.all<{ id: string }>(
        "SELECT id FROM device_commands WHERE state = 'pending' AND issued_at <= ?",
        [before],
      );
      await db.transaction(async (tx) => {
        for (const { id } of stale) await dropChange(tx, 'command', id);
      });
      return stale.length;
    },
  };
}
