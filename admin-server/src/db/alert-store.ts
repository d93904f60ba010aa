/**
 * SQL for emergency alerts: the alert sources (their keys only as SHA-256) and the feeds polled for
 * them (with the index links already taken), the CAP messages received (one row each, unique by
 * sender, identifier and sent instant, with the parsed message and the document as sent) and the
 * references each Update or Cancel names.
 */
import type { Queryable } from './database';

export interface AlertSourceRow {
  id: string;
  name: string;
  key_hash: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  [column: string]: unknown;
}

export interface AlertRow {
  id: string;
  source_id: string;
  sender: string;
  identifier: string;
  sent: string;
  sent_at: string;
  status: string;
  msg_type: string;
  scope: string;
  received_at: string;
  expires_at: string | null;
  displayable: number;
  delivered: number;
  ended_at: string | null;
  ended_by: string | null;
  end_reason: 'superseded' | 'cancelled' | 'expired' | null;
  /** JSON: the ids of the topmost nodes covered. */
  org_ids: string;
  /** JSON: their materialised paths, and those of the nodes of the devices in `device_ids`: whose staff see it. */
  org_paths: string;
  /** JSON: the devices its polygons and circles reached by their location when it arrived. */
  device_ids: string;
  /** JSON: the parsed CapAlert. */
  data: string;
  [column: string]: unknown;
}

type NewAlertColumn =
  | 'id'
  | 'source_id'
  | 'sender'
  | 'identifier'
  | 'sent'
  | 'sent_at'
  | 'status'
  | 'msg_type'
  | 'scope'
  | 'received_at'
  | 'expires_at'
  | 'displayable'
  | 'org_ids'
  | 'org_paths'
  | 'device_ids'
  | 'data';

/** Every column but the document as sent (only kept for the record). */
const ALERT_COLUMNS =
  'a.id, a.source_id, a.sender, a.identifier, a.sent, a.sent_at, a.status, a.msg_type, a.scope, a.received_at, a.expires_at, a.displayable, a.delivered, a.ended_at, a.ended_by, a.end_reason, a.org_ids, a.org_paths, a.device_ids, a.data';

export async function insertAlertSource(
  db: Queryable,
  source: { id: string; name: string; keyHash: string; createdAt: string; createdBy: string },
): Promise<void> {
  await db.run('INSERT INTO alert_sources (id, name, key_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?)', [
    source.id,
    source.name,
    source.keyHash,
    source.createdAt,
    source.createdBy,
  ]);
}

export async function findAlertSource(db: Queryable, id: string): Promise<AlertSourceRow | undefined> {
  return db.get<AlertSourceRow>('SELECT * FROM alert_sources WHERE id = ?', [id]);
}

export async function findAlertSourceByKeyHash(db: Queryable, keyHash: string): Promise<AlertSourceRow | undefined> {
  return db.get<AlertSourceRow>('SELECT * FROM alert_sources WHERE key_hash = ?', [keyHash]);
}

export async function listAlertSources(db: Queryable): Promise<AlertSourceRow[]> {
  return db.all<AlertSourceRow>('SELECT * FROM alert_sources ORDER BY created_at, id');
}

export async function revokeAlertSource(db: Queryable, id: string, at: string): Promise<void> {
  await db.run('UPDATE alert_sources SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
}

/** A source's feed: where and how often it is polled, when next, and how the last poll went. */
export interface AlertFeedRow {
  source_id: string;
  /** As configured, credentials and all: never shown or logged as it is. */
  url: string;
  poll_sec: number;
  next_poll_at: string;
  polled_at: string | null;
  /** Documents the last poll fetched and received. */
  taken: number | null;
  error_code: string | null;
  error_message: string | null;
  /** Polls in a row that ended with an error (for the backoff). */
  failures: number;
  etag: string | null;
  last_modified: string | null;
  [column: string]: unknown;
}

/** What a poll leaves behind: its outcome, the validators for the next request, and when to poll next. */
export interface AlertFeedPollRecord {
  polledAt: string;
  taken: number;
  error: { code: string; message: string } | null;
  failures: number;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string;
}

const feedRow = (row: AlertFeedRow): AlertFeedRow => ({
  ...row,
  poll_sec: Number(row.poll_sec),
  failures: Number(row.failures),
  taken: row.taken === null ? null : Number(row.taken),
});

export async function findAlertFeed(db: Queryable, sourceId: string): Promise<AlertFeedRow | undefined> {
  const row = await db.get<AlertFeedRow>('SELECT * FROM alert_feeds WHERE source_id = ?', [sourceId]);
  return row && feedRow(row);
}

export async function listAlertFeeds(db: Queryable): Promise<AlertFeedRow[]> {
  return (await db.all<AlertFeedRow>('SELECT * FROM alert_feeds ORDER BY source_id')).map(feedRow);
}

/** The feeds of sources still in use, with the source's name: what the poller polls. */
export async function activeAlertFeeds(db: Queryable): Promise<(AlertFeedRow & { name: string })[]> {
  const rows = await db.all<AlertFeedRow & { name: string }>(
    'SELECT f.*, s.name FROM alert_feeds f JOIN alert_sources s ON s.id = f.source_id WHERE s.revoked_at IS NULL ORDER BY f.source_id',
  );
  return rows.map((row) => ({ ...feedRow(row), name: row.name }));
}

/** Sets a new feed address: whatever was learnt about the old one (outcome, validators, links taken) goes. */
export async function replaceAlertFeed(
  db: Queryable,
  feed: { sourceId: string; url: string; pollSec: number; nextPollAt: string },
): Promise<void> {
  await deleteAlertFeed(db, feed.sourceId);
  await db.run('INSERT INTO alert_feeds (source_id, url, poll_sec, next_poll_at) VALUES (?, ?, ?, ?)', [
    feed.sourceId,
    feed.url,
    feed.pollSec,
    feed.nextPollAt,
  ]);
}

/** Changes how often the same address is polled, keeping what was learnt about it. */
export async function retimeAlertFeed(
  db: Queryable,
  feed: { sourceId: string; pollSec: number; nextPollAt: string },
): Promise<void> {
  await db.run('UPDATE alert_feeds SET poll_sec = ?, next_poll_at = ? WHERE source_id = ?', [
    feed.pollSec,
    feed.nextPollAt,
    feed.sourceId,
  ]);
}

export async function deleteAlertFeed(db: Queryable, sourceId: string): Promise<void> {
  await db.run('DELETE FROM alert_feed_links WHERE source_id = ?', [sourceId]);
  await db.run('DELETE FROM alert_feeds WHERE source_id = ?', [sourceId]);
}

/**
 * Takes the poll that is due for one process (several may share a PostgreSQL database): moves the
 * next poll to `until` while it runs, if the poll was due at `now` and the source is not revoked.
 */
export async function claimAlertFeedPoll(
  db: Queryable,
  sourceId: string,
  now: string,
  until: string,
): Promise<boolean> {
  const { changes } = await db.run(
    'UPDATE alert_feeds SET next_poll_at = ? WHERE source_id = ? AND next_poll_at <= ? AND source_id IN (SELECT id FROM alert_sources WHERE revoked_at IS NULL)',
    [until, sourceId, now],
  );
  return changes === 1;
}

/** Stores a poll's outcome, unless the address changed while it ran (then the new one's state stands). */
export async function recordAlertFeedPoll(
  db: Queryable,
  sourceId: string,
  url: string,
  poll: AlertFeedPollRecord,
): Promise<boolean> {
  const { changes } = await db.run(
    'UPDATE alert_feeds SET polled_at = ?, taken = ?, error_code = ?, error_message = ?, failures = ?, etag = ?, last_modified = ?, next_poll_at = ? WHERE source_id = ? AND url = ?',
    [
      poll.polledAt,
      poll.taken,
      poll.error?.code ?? null,
      poll.error?.message ?? null,
      poll.failures,
      poll.etag,
      poll.lastModified,
      poll.nextPollAt,
      sourceId,
      url,
    ],
  );
  return changes === 1;
}

/** Gives a claimed poll back (the process stopped while it ran), so it is due at `at`. */
export async function releaseAlertFeedPoll(db: Queryable, sourceId: string, url: string, at: string): Promise<void> {
  await db.run('UPDATE alert_feeds SET next_poll_at = ? WHERE source_id = ? AND url = ?', [at, sourceId, url]);
}

/** The links of a source's index already taken. */
export async function takenFeedLinks(db: Queryable, sourceId: string): Promise<Set<string>> {
  const rows = await db.all<{ url: string }>('SELECT url FROM alert_feed_links WHERE source_id = ?', [sourceId]);
  return new Set(rows.map((row) => row.url));
}

export async function rememberFeedLink(db: Queryable, sourceId: string, url: string, at: string): Promise<void> {
  await db.run(
    'INSERT INTO alert_feed_links (source_id, url, taken_at) VALUES (?, ?, ?) ON CONFLICT (source_id, url) DO NOTHING',
    [sourceId, url, at],
  );
}

/** Forgets links the index no longer lists, so the table stays as small as the index. */
export async function forgetFeedLinks(db: Queryable, sourceId: string, urls: string[]): Promise<void> {
  for (const url of urls) await db.run('DELETE FROM alert_feed_links WHERE source_id = ? AND url = ?', [sourceId, url]);
}

/** Stores a message unless one with its key is already there; true when this call stored it. */
export async function insertAlert(
  db: Queryable,
  row: { [K in NewAlertColumn]: AlertRow[K] } & { xml: string },
): Promise<boolean> {
  const inserted = await db.get<{ id: string }>(
    `INSERT INTO cap_alerts (id, source_id, sender, identifier, sent, sent_at, status, msg_type, scope, received_at, expires_at, displayable, org_ids, org_paths, device_ids, data, xml)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sender, identifier, sent_at) DO NOTHING RETURNING id`,
    [
      row.id,
      row.source_id,
      row.sender,
      row.identifier,
      row.sent,
      row.sent_at,
      row.status,
      row.msg_type,
      row.scope,
      row.received_at,
      row.expires_at,
      row.displayable,
      row.org_ids,
      row.org_paths,
      row.device_ids,
      row.data,
      row.xml,
    ],
  );
  return inserted !== undefined;
}

export async function insertReferences(
  db: Queryable,
  alertId: string,
  references: { sender: string; identifier: string; sentAt: string }[],
): Promise<void> {
  for (const reference of references)
    await db.run('INSERT INTO cap_alert_references (alert_id, sender, identifier, sent_at) VALUES (?, ?, ?, ?)', [
      alertId,
      reference.sender,
      reference.identifier,
      reference.sentAt,
    ]);
}

export async function findAlert(db: Queryable, id: string): Promise<AlertRow | undefined> {
  return db.get<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM cap_alerts a WHERE a.id = ?`, [id]);
}

export async function findAlertByKey(
  db: Queryable,
  key: { sender: string; identifier: string; sentAt: string },
): Promise<AlertRow | undefined> {
  return db.get<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM cap_alerts a WHERE a.sender = ? AND a.identifier = ? AND a.sent_at = ?`,
    [key.sender, key.identifier, key.sentAt],
  );
}

/**
 * Messages of `sourceId` with `status` and this key that nothing has ended yet; a key without a
 * sent instant ('': a GB/T 35965.1 reference by identifier alone) matches any.
 */
export async function openAlertsByKey(
  db: Queryable,
  sourceId: string,
  status: string,
  key: { sender: string; identifier: string; sentAt: string },
): Promise<AlertRow[]> {
  const sent = key.sentAt === '' ? '' : ' AND a.sent_at = ?';
  return db.all<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM cap_alerts a WHERE a.sender = ? AND a.identifier = ?${sent} AND a.source_id = ? AND a.status = ? AND a.ended_at IS NULL`,
    [key.sender, key.identifier, ...(sent ? [key.sentAt] : []), sourceId, status],
  );
}

/**
 * An Update or Cancel of the same source and status received earlier that names `key` (messages
 * can arrive out of order), by its sent instant or by identifier alone ('').
 */
export async function earlierReferrer(
  db: Queryable,
  sourceId: string,
  status: string,
  key: { sender: string; identifier: string; sentAt: string },
): Promise<{ id: string; msg_type: string } | undefined> {
  return db.get<{ id: string; msg_type: string }>(
    `SELECT a.id, a.msg_type FROM cap_alert_references r JOIN cap_alerts a ON a.id = r.alert_id
     WHERE r.sender = ? AND r.identifier = ? AND (r.sent_at = ? OR r.sent_at = '') AND a.source_id = ? AND a.status = ? AND a.msg_type IN ('Update', 'Cancel')
     ORDER BY a.received_at LIMIT 1`,
    [key.sender, key.identifier, key.sentAt, sourceId, status],
  );
}

export async function endAlert(
  db: Queryable,
  id: string,
  end: { at: string; by: string | null; reason: 'superseded' | 'cancelled' | 'expired' },
): Promise<void> {
  await db.run('UPDATE cap_alerts SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL', [
    end.at,
    end.by,
    end.reason,
    id,
  ]);
}

export async function markDelivered(db: Queryable, id: string): Promise<void> {
  await db.run('UPDATE cap_alerts SET delivered = 1 WHERE id = ?', [id]);
}

/** Shown alerts nothing has ended and whose expiry has not come. */
export async function openAlerts(db: Queryable, now: string): Promise<AlertRow[]> {
  return db.all<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM cap_alerts a WHERE a.displayable = 1 AND a.ended_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > ?) ORDER BY a.id`,
    [now],
  );
}

/** Whom an alert reaches: the nodes it covers, the located devices inside it, the paths it is listed under. */
export async function setAlertReach(
  db: Queryable,
  id: string,
  reach: { orgIds: number[]; orgPaths: string[]; deviceIds: string[] },
): Promise<void> {
  await db.run('UPDATE cap_alerts SET org_ids = ?, org_paths = ?, device_ids = ? WHERE id = ?', [
    JSON.stringify(reach.orgIds),
    JSON.stringify(reach.orgPaths),
    JSON.stringify(reach.deviceIds),
    id,
  ]);
}

/** Shown alerts nothing has ended whose expiry has come. */
export async function dueToExpire(db: Queryable, now: string): Promise<AlertRow[]> {
  return db.all<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM cap_alerts a WHERE a.displayable = 1 AND a.ended_at IS NULL AND a.expires_at IS NOT NULL AND a.expires_at <= ? ORDER BY a.expires_at`,
    [now],
  );
}

/** The next expiry still to come of a shown alert nothing has ended. */
export async function nextExpiry(db: Queryable, now: string): Promise<string | undefined> {
  const row = await db.get<{ at: string | null }>(
    'SELECT MIN(expires_at) AS at FROM cap_alerts WHERE displayable = 1 AND ended_at IS NULL AND expires_at > ?',
    [now],
  );
  return row?.at ?? undefined;
}

/** Messages other than heartbeats (status System): those still open, and those received since `since`, newest first. */
export async function recentAlerts(db: Queryable, since: string, limit: number): Promise<AlertRow[]> {
  return db.all<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM cap_alerts a WHERE a.status <> 'System' AND ((a.displayable = 1 AND a.ended_at IS NULL) OR a.received_at >= ?) ORDER BY a.received_at DESC, a.id LIMIT ?`,
    [since, limit],
  );
}

export async function sourceNames(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.all<{ id: string; name: string }>('SELECT id, name FROM alert_sources');
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Nodes whose division code starts with one of `prefixes` (id, code and path). */
export async function nodesByCodePrefix(
  db: Queryable,
  prefixes: string[],
): Promise<{ id: number; code: string; path: string }[]> {
  if (prefixes.length === 0) return [];
  const rows = await db.all<{ id: number; code: string; path: string }>(
    `SELECT id, code, path FROM org_nodes WHERE ${prefixes.map(() => 'code LIKE ?').join(' OR ')} ORDER BY path`,
    prefixes.map((prefix) => `${prefix}%`),
  );
  return rows.map((row) => ({ id: Number(row.id), code: row.code, path: row.path }));
}

/** Enrolled devices that have a location, with the path of their node (polygons and circles reach these). */
export async function locatedDevices(
  db: Queryable,
): Promise<{ id: string; latitude: number; longitude: number; path: string }[]> {
  const rows = await db.all<{ id: string; latitude: number; longitude: number; path: string }>(
    'SELECT d.id, d.latitude, d.longitude, o.path FROM devices d JOIN org_nodes o ON o.id = d.org_id WHERE d.revoked = 0 AND d.latitude IS NOT NULL AND d.longitude IS NOT NULL ORDER BY d.id',
  );
  return rows.map((row) => ({ ...row, latitude: Number(row.latitude), longitude: Number(row.longitude) }));
}
