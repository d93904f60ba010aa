/**
 * Alert sources (预警信息源): the parties allowed to send CAP alerts, such as the city's 预警信息发布中心.
 * A system administrator registers one and gets its key once; only the key's SHA-256 is stored
 * (keys are long and random). A source may also have a feed the server polls (alert-feed-poller.ts),
 * set when it is registered or later; its address is never shown with the credentials it may hold.
 * Registering, setting the feed and revoking are audited; a revoked key is refused and its feed
 * no longer polled.
 */
import {
  ALERT_FEED_POLL_SEC,
  LinliError,
  type AlertFeedInput,
  type AlertFeedView,
  type AlertSourceCreated,
  type AlertSourceInput,
  type AlertSourceView,
  type ErrorDetail,
} from '@linli/protocol';
import { randomUUID } from 'node:crypto';
import {
  deleteAlertFeed,
  findAlertFeed,
  findAlertSource,
  findAlertSourceByKeyHash,
  insertAlertSource,
  listAlertFeeds,
  listAlertSources,
  replaceAlertFeed,
  retimeAlertFeed,
  revokeAlertSource,
  type AlertFeedRow,
  type AlertSourceRow,
} from '../db/alert-store';
import type { Database } from '../db/database';
import type { Actor } from './actor';
import { readFeedUrl, shownFeedUrl } from './alert-feed';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { randomToken, sha256 } from './secrets';

/** What a key authenticates. */
export interface AlertSource {
  id: string;
  name: string;
}

export interface AlertSources {
  /** Registers a source (system administrators only); the key is in the reply and nowhere else. */
  create(actor: Actor, input: AlertSourceInput): Promise<AlertSourceCreated>;
  list(actor: Actor): Promise<AlertSourceView[]>;
  /** Revokes a source's key for good (NOT_FOUND for an unknown id; revoking twice changes nothing). */
  revoke(actor: Actor, id: string): Promise<AlertSourceView>;
  /**
   * Sets the feed polled for a source (polled at once, then every `pollSec`), or clears it with a
   * null `feedUrl`; the address as shown keeps the stored one. A revoked source takes no new feed.
   */
  setFeed(actor: Actor, id: string, input: AlertFeedInput): Promise<AlertSourceView>;
  /** Told, after commit, whenever a feed is set, changed or cleared, or its source revoked; returns the unsubscribe. */
  onFeedsChanged(listener: () => void): () => void;
  /** The source of an `Authorization: Bearer <key>` header, or ALERT_SOURCE_UNKNOWN (401). */
  authenticate(authorization: string | undefined): Promise<AlertSource>;
}

const KEY_PREFIX = 'cap_';

/**
 * The server itself, issuing the manual alerts offices approve (a row of its own, migration 15):
 * it has no key, and is neither listed nor revoked with the sources people register.
 */
export const MANUAL_ALERT_SOURCE: AlertSource = { id: 'manual', name: '人工发布' };

function feedView(feed: AlertFeedRow, revoked: boolean): AlertFeedView {
  return {
    url: shownFeedUrl(feed.url),
    pollSec: feed.poll_sec,
    lastPolledAt: feed.polled_at,
    lastError: feed.error_code ? { code: feed.error_code, message: feed.error_message ?? '' } : null,
    lastTaken: feed.taken,
    nextPollAt: revoked ? null : feed.next_poll_at,
  };
}

function view(row: AlertSourceRow, feed: AlertFeedRow | undefined): AlertSourceView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    feed: feed ? feedView(feed, row.revoked_at !== null) : null,
  };
}

const sourceTarget = (id: string) => ({ type: 'alert-source', id, orgId: null, orgPath: null });

/** A feed as the audit trail keeps it: never with its credentials. */
const auditedFeed = (feed: { url: string; poll_sec: number } | undefined) =>
  feed ? { feedUrl: shownFeedUrl(feed.url), pollSec: feed.poll_sec } : { feedUrl: null, pollSec: null };

/** VALIDATION_FAILED listing `problems`, the first in the message. */
function invalid(problems: ErrorDetail[]): LinliError {
  return new LinliError('VALIDATION_FAILED', `${problems[0]!.path}: ${problems[0]!.message}`, problems);
}

export function createAlertSources(deps: { db: Database; clock: Clock; audit: AuditService }): AlertSources {
  const { db, clock, audit } = deps;
  const listeners = new Set<() => void>();
  const feedsChanged = () => {
    for (const listener of listeners) listener();
  };
  const onlySystemAdmins = async (actor: Actor, action: string, id: string) => {
    if (actor.role !== 'system-admin')
      await audit.deny(actor, action, sourceTarget(id), 'Only system administrators manage alert sources');
  };
  return {
    async create(actor, input) {
      const id = `src-${randomUUID().slice(0, 13)}`;
      await onlySystemAdmins(actor, 'alert-source.create', id);
      const key = `${KEY_PREFIX}${randomToken(32)}`;
      const name = input.name.trim();
      const problems: ErrorDetail[] = [];
      if (!name) problems.push({ path: '/name', message: 'must not be blank' });
      const feedUrl = input.feedUrl === undefined ? undefined : readFeedUrl(input.feedUrl);
      if (feedUrl && 'problem' in feedUrl) problems.push({ path: '/feedUrl', message: feedUrl.problem });
      if (problems.length > 0) throw invalid(problems);
      const createdAt = clock().toISOString();
      const feed =
        feedUrl && 'url' in feedUrl
          ? { url: feedUrl.url, poll_sec: input.pollSec ?? ALERT_FEED_POLL_SEC.default }
          : undefined;
      const created = await db.transaction(async (tx) => {
        await insertAlertSource(tx, { id, name, keyHash: sha256(key), createdAt, createdBy: actor.username });
        if (feed)
          await replaceAlertFeed(tx, { sourceId: id, url: feed.url, pollSec: feed.poll_sec, nextPollAt: createdAt });
        await audit.record(tx, actor, 'alert-source.create', sourceTarget(id), {
          after: feed ? { name, ...auditedFeed(feed) } : { name },
        });
        return view((await findAlertSource(tx, id))!, await findAlertFeed(tx, id));
      });
      if (feed) feedsChanged();
      return { ...created, key };
    },
    async list(actor) {
      await onlySystemAdmins(actor, 'alert-source.list', '*');
      const feeds = new Map((await listAlertFeeds(db)).map((feed) => [feed.source_id, feed]));
      return (await listAlertSources(db))
        .filter((row) => row.id !== MANUAL_ALERT_SOURCE.id)
        .map((row) => view(row, feeds.get(row.id)));
    },
    async revoke(actor, id) {
      await onlySystemAdmins(actor, 'alert-source.revoke', id);
      const { revoked, hadFeed } = await db.transaction(async (tx) => {
        const before = await findAlertSource(tx, id);
        if (!before || id === MANUAL_ALERT_SOURCE.id) throw new LinliError('NOT_FOUND', `No alert source '${id}'`);
        const feed = await findAlertFeed(tx, id);
        if (before.revoked_at) return { revoked: view(before, feed), hadFeed: false };
        await revokeAlertSource(tx, id, clock().toISOString());
        const after = (await findAlertSource(tx, id))!;
        await audit.record(tx, actor, 'alert-source.revoke', sourceTarget(id), {
          before: { name: before.name, revokedAt: null },
          after: { name: after.name, revokedAt: after.revoked_at },
        });
        return { revoked: view(after, feed), hadFeed: feed !== undefined };
      });
      if (hadFeed) feedsChanged();
      return revoked;
    },
    async setFeed(actor, id, input) {
      await onlySystemAdmins(actor, 'alert-source.feed', id);
      const read = input.feedUrl === null ? undefined : readFeedUrl(input.feedUrl);
      const { changed, after } = await db.transaction(async (tx) => {
        const source = await findAlertSource(tx, id);
        if (!source || id === MANUAL_ALERT_SOURCE.id) throw new LinliError('NOT_FOUND', `No alert source '${id}'`);
        const before = await findAlertFeed(tx, id);
        // The address as it is shown (credentials hidden) stands for the one stored.
        const kept = before && input.feedUrl?.trim() === shownFeedUrl(before.url) ? before.url : undefined;
        if (read && 'problem' in read && !kept) throw invalid([{ path: '/feedUrl', message: read.problem }]);
        if (input.feedUrl !== null && source.revoked_at)
          throw new LinliError('REVIEW_STATE_INVALID', `Alert source '${id}' is revoked: it takes no feed`);
        const url = kept ?? (read && 'url' in read ? read.url : undefined);
        const pollSec = input.pollSec ?? before?.poll_sec ?? ALERT_FEED_POLL_SEC.default;
        if (url === before?.url && (url === undefined || pollSec === before?.poll_sec))
          return { changed: false, after: view(source, before) };
        const now = clock().toISOString();
        if (url === undefined) await deleteAlertFeed(tx, id);
        else if (url === before?.url) await retimeAlertFeed(tx, { sourceId: id, pollSec, nextPollAt: now });
        else await replaceAlertFeed(tx, { sourceId: id, url, pollSec, nextPollAt: now });
        const feed = await findAlertFeed(tx, id);
        await audit.record(tx, actor, 'alert-source.feed', sourceTarget(id), {
          before: { name: source.name, ...auditedFeed(before) },
          after: { name: source.name, ...auditedFeed(feed) },
        });
        return { changed: true, after: view(source, feed) };
      });
      if (changed) feedsChanged();
      return after;
    },
    onFeedsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async authenticate(authorization) {
      const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? '');
      const key = match?.[1];
      const row = key?.startsWith(KEY_PREFIX) ? await findAlertSourceByKeyHash(db, sha256(key)) : undefined;
      if (!row || row.revoked_at) throw new LinliError('ALERT_SOURCE_UNKNOWN');
      return { id: row.id, name: row.name };
    },
  };
}
