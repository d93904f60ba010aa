/**
 * Emergency alerts: CAP 1.2 (or GB/T 35965.1) messages from alert sources and the manual alerts the
 * server issues, stored, matched to the organisation tree by division code and to located devices
 * by polygon and circle, and sent to the devices they cover on the sync feed (entity `alert`: an
 * upsert while active, a tombstone when cancelled, superseded or expired). The decisions are in
 * alert-lifecycle.ts, alert-area.ts and alert-geometry.ts; this is their I/O shell. Each message is
 * stored with its feed entries and its audit entry in one transaction, announced after commit. */
import { can, type AlertList, type AlertListQuery, type AlertView, type CapReceipt } from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import {
  dueToExpire,
  earlierReferrer,
  endAlert,
  findAlert,
  findAlertByKey,
  insertAlert,
  insertReferences,
  locatedDevices,
  markDelivered,
  nextExpiry,
  nodesByCodePrefix,
  openAlerts,
  openAlertsByKey,
  recentAlerts,
  setAlertReach,
  sourceNames,
  type AlertRow,
} from '../db/alert-store';
import { appendChange } from '../db/change-log';
import type { Database, Transaction } from '../db/database';
import type { ChangeHub } from '../push/change-hub';
import { inScope, type Actor } from './actor';
import { alertCodePrefixes, coveringNodes } from './alert-area';
import { devicesInAreas } from './alert-geometry';
import {
  alertState,
  deviceAlertOf,
  earliestExpiry,
  endReasonOf,
  isDisplayable,
  referenceText,
} from './alert-lifecycle';
import type { AlertSource } from './alert-sources';
import { writeAudit, type AuditService } from './audit';
import { readAlertDocument } from './alert-document';
import { readCapAlert, type CapAlert } from './cap-alert';
import type { Clock } from './clock';
import { deviceKey, orgKey } from './targeting';

/** How long ended alerts stay in the admin list. */
export const RECENT_ALERT_DAYS = 30;

export interface AlertService {
  /**
   * Reads, checks and stores one CAP 1.2 or GB/T 35965.1 document from `source` (CAP_INVALID naming
   * the element when it is not valid). The same message again answers with the stored one (`duplicate`).
   */
  receive(source: AlertSource, body: Uint8Array | string, from: string): Promise<CapReceipt>;
  /**
   * As `receive`, inside the caller's transaction, for messages the server issues itself (manual
   * alerts): the caller announces the returned sequence once its transaction has committed.
   */
  issueWithin(
    tx: Transaction,
    source: AlertSource,
    xml: string,
    from: string,
  ): Promise<{ seq: number; receipt: CapReceipt }>;
  /** Tells waiting devices that the feed reached `seq` (0: nothing to tell). */
  announce(seq: number): void;
  /** Active and recent alerts covering any part of the actor's subtree; system administrators also see those matching no node. */
  list(actor: Actor, query: AlertListQuery): Promise<AlertList>;
  /** Ends the alerts whose expiry has come (tombstones on the feed); returns when to sweep next, if ever. */
  sweep(): Promise<{ ended: string[]; next: string | undefined }>;
  /**
   * Inside the transaction that moved a device (or took its location away): the alerts in force
   * drawn as polygons or circles reach the devices inside them now, so a screen placed in an alert's
   * area after it arrived shows it and one moved out drops it. Returns the feed's sequence (0: none).
   */
  locationsChangedWithin(tx: Transaction): Promise<number>;
}

const parseIds = (text: string): number[] => JSON.parse(text) as number[];

const hasGeometry = (alert: CapAlert) =>
  alert.info.some((info) => info.areas.some((area) => area.polygons.length > 0 || area.circles.length > 0));

/** The paths an alert is listed under in the admin UI: its nodes' and its located devices'. */
const listedUnder = (covered: { path: string }[], located: { path: string }[]) => [
  ...new Set([...covered, ...located].map((each) => each.path)),
];

export function createAlertService(deps: {
  db: Database;
  hub: ChangeHub;
  clock: Clock;
  audit: AuditService;
}): AlertService {
  const { db, hub, clock } = deps;
  const parsePaths = (text: string): string[] => JSON.parse(text) as string[];

  const viewOf = (row: AlertRow, sources: Map<string, string>, now: Date): AlertView => {
    const alert = JSON.parse(row.data) as CapAlert;
    return {
      id: row.id,
      source: sources.get(row.source_id) ?? row.source_id,
      sender: row.sender,
      identifier: row.identifier,
      sent: row.sent,
      status: alert.status,
      msgType: alert.msgType,
      scope: alert.scope,
      receivedAt: row.received_at,
      expiresAt: row.expires_at,
      state: alertState(
        { displayable: row.displayable === 1, expiresAt: row.expires_at, endReason: row.end_reason },
        now,
      ),
      endedAt: row.ended_at,
      endedBy: row.ended_by,
      orgIds: parseIds(row.org_ids),
      deviceIds: JSON.parse(row.device_ids) as string[],
      areas: alert.info.flatMap((info) => info.areas),
      references: alert.references.map(referenceText),
      alert: deviceAlertOf(row.id, alert),
    };
  };

  /** Ends one alert and, when devices hold it, sends them its tombstone; returns the feed's sequence (0: none). */
  const end = async (
    tx: Transaction,
    row: AlertRow,
    how: { at: Date; by: string | null; reason: 'superseded' | 'cancelled' | 'expired' },
  ): Promise<number> => {
    await endAlert(tx, row.id, { at: how.at.toISOString(), by: how.by, reason: how.reason });
    return row.delivered === 1 ? appendChange(tx, { entity: 'alert', id: row.id, op: 'delete' }, how.at) : 0;
  };

  const expire = async (tx: Transaction, now: Date): Promise<{ ended: string[]; seq: number }> => {
    let seq = 0;
    const due = await dueToExpire(tx, now.toISOString());
    for (const row of due) seq = Math.max(seq, await end(tx, row, { at: now, by: null, reason: 'expired' }));
    return { ended: due.map((row) => row.id), seq };
  };

  const sweep: AlertService['sweep'] = async () => {
    const now = clock();
    const { ended, seq } = await db.transaction((tx) => expire(tx, now));
    if (seq > 0) hub.publish(seq);
    return { ended, next: await nextExpiry(db, now.toISOString()) };
  };

  /** The nodes an alert covers by division code, the located devices inside its polygons and circles, and their feed keys. */
  const reachOf = async (tx: Transaction, alert: CapAlert) => {
    const prefixes = alertCodePrefixes(alert);
    const covered = coveringNodes(await nodesByCodePrefix(tx, prefixes), prefixes);
    const areas = alert.info.flatMap((info) => info.areas);
    const devices = hasGeometry(alert) ? await locatedDevices(tx) : [];
    const reached = new Set(devicesInAreas(areas, devices));
    const located = devices.filter((device) => reached.has(device.id));
    const targets = [...covered.map((node) => orgKey(node.path)), ...located.map((device) => deviceKey(device.id))];
    return { covered, located, targets };
  };

  /** Stores one message inside `tx`, ends what it updates or cancels, and sends it to devices when it is to be shown. */
  const accept = async (
    tx: Transaction,
    source: AlertSource,
    alert: CapAlert,
    xml: string,
    from: string,
  ): Promise<{ seq: number; receipt: CapReceipt }> => {
    const now = clock();
    let { seq } = await expire(tx, now);
    const names = await sourceNames(tx);
    const existing = await findAlertByKey(tx, alert);
    if (existing) return { seq, receipt: { duplicate: true, alert: viewOf(existing, names, now), ended: [] } };

    const { covered, located, targets } = await reachOf(tx, alert);
    const id = `alert-${randomUUID().slice(0, 13)}`;
    const displayable = isDisplayable(alert);
    const expiresAt = earliestExpiry(alert);
    const stored = await insertAlert(tx, {
      id,
      source_id: source.id,
      sender: alert.sender,
      identifier: alert.identifier,
      sent: alert.sent,
      sent_at: alert.sentAt,
      status: alert.status,
      msg_type: alert.msgType,
      scope: alert.scope,
      received_at: now.toISOString(),
      expires_at: expiresAt,
      displayable: displayable ? 1 : 0,
      org_ids: JSON.stringify(covered.map((node) => node.id)),
      org_paths: JSON.stringify(listedUnder(covered, located)),
      device_ids: JSON.stringify(located.map((device) => device.id)),
      data: JSON.stringify(alert),
      xml,
    });
    if (!stored) {
      // The same message arrived at the same moment through another request: that one stored it.
      const winner = (await findAlertByKey(tx, alert))!;
      return { seq, receipt: { duplicate: true, alert: viewOf(winner, names, now), ended: [] } };
    }
    await insertReferences(tx, id, alert.references);

    // An Update or Cancel ends what it names (same source, same status).
    const ended: string[] = [];
    const reason = endReasonOf(alert.msgType);
    if (reason)
      for (const reference of alert.references)
        for (const row of await openAlertsByKey(tx, source.id, alert.status, reference)) {
          seq = Math.max(seq, await end(tx, row, { at: now, by: id, reason }));
          ended.push(row.id);
        }

    // Messages can overtake each other: an Update or Cancel of this one may already be here.
    const referrer = displayable ? await earlierReferrer(tx, source.id, alert.status, alert) : undefined;
    const fresh = expiresAt === null || expiresAt > now.toISOString();
    if (referrer) {
      await endAlert(tx, id, {
        at: now.toISOString(),
        by: referrer.id,
        reason: referrer.msg_type === 'Update' ? 'superseded' : 'cancelled',
      });
    } else if (displayable && !fresh) {
      await endAlert(tx, id, { at: now.toISOString(), by: null, reason: 'expired' });
    } else if (displayable && targets.length > 0) {
      seq = await appendChange(
        tx,
        {
          entity: 'alert',
          id,
          op: 'upsert',
          data: deviceAlertOf(id, alert),
          targets,
        },
        now,
      );
      await markDelivered(tx, id);
    }
    await writeAudit(
      tx,
      {
        actor: `alert-source:${source.id}`,
        action: 'alert.receive',
        target: { type: 'alert', id, orgId: null, orgPath: null },
        from,
        outcome: 'ok',
        after: {
          source: source.name,
          sender: alert.sender,
          identifier: alert.identifier,
          sent: alert.sent,
          status: alert.status,
          msgType: alert.msgType,
          scope: alert.scope,
          orgIds: covered.map((node) => node.id),
          deviceIds: located.map((device) => device.id),
          ended,
        },
      },
      now,
    );
    const row = (await findAlert(tx, id))!;
    return { seq, receipt: { duplicate: false, alert: viewOf(row, names, now), ended } };
  };

  return {
    async receive(source, body, from) {
      const alert = readAlertDocument(body);
      const xml = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
      const { seq, receipt } = await db.transaction((tx) => accept(tx, source, alert, xml, from));
      if (seq > 0) hub.publish(seq);
      return receipt;
    },

    issueWithin: (tx, source, xml, from) => accept(tx, source, readCapAlert(xml), xml, from),

    async locationsChangedWithin(tx) {
      const now = clock();
      let seq = 0;
      for (const row of await openAlerts(tx, now.toISOString())) {
        const alert = JSON.parse(row.data) as CapAlert;
        if (!hasGeometry(alert)) continue;
        const { covered, located, targets } = await reachOf(tx, alert);
        const deviceIds = located.map((device) => device.id);
        if (JSON.stringify(deviceIds) === row.device_ids) continue;
        await setAlertReach(tx, row.id, {
          orgIds: covered.map((node) => node.id),
          orgPaths: listedUnder(covered, located),
          deviceIds,
        });
        // Devices that held it and are no longer reached receive its tombstone (the entry's reach).
        seq = await appendChange(
          tx,
          { entity: 'alert', id: row.id, op: 'upsert', data: deviceAlertOf(row.id, alert), targets },
          now,
        );
        await markDelivered(tx, row.id);
      }
      return seq;
    },

    announce(seq) {
      if (seq > 0) hub.publish(seq);
    },

    async list(actor, { limit = 50 }) {
      if (!can(actor.role, 'content.view'))
        await deps.audit.deny(actor, 'alert.list', {
          type: 'alert',
          id: '*',
          orgId: actor.orgId,
          orgPath: actor.orgPath,
        });
      await sweep();
      const now = clock();
      const since = new Date(now.getTime() - RECENT_ALERT_DAYS * 86_400_000).toISOString();
      const rows = await recentAlerts(db, since, 1000);
      const sources = await sourceNames(db);
      const visible = rows.filter((row) => {
        const paths = parsePaths(row.org_paths);
        if (paths.length === 0) return actor.role === 'system-admin';
        // Covering part of the actor's subtree, or a node above it (which covers all of it).
        return paths.some((path) => inScope(actor, path) || actor.orgPath.startsWith(path));
      });
      const views = visible.map((row) => viewOf(row, sources, now));
      const active = views.filter((view) => view.state === 'active');
      const rest = views.filter((view) => view.state !== 'active');
      return { alerts: [...active, ...rest].slice(0, limit) };
    },

    sweep,
  };
}
