/**
 * The kiosk's content cache (SQLite, WAL). Disposable: it can always be rebuilt from the server.
 * Every sync page is applied in one transaction together with its cursor, so an interrupted
 * sync leaves the cache on its last complete state. Pushed settings are kept here too (they come
 * on the same feed); remote commands are not: they are run once, never stored.
 */
import BetterSqlite3 from 'better-sqlite3';
import {
  LinliError,
  PROTOCOL_VERSION,
  type Change,
  type DeviceAlert,
  type DeviceForm,
  type DeviceNotice,
  type DeviceSettingsPayload,
  type Guide,
  type SignagePublication,
  type SignedKeySet,
  type SignedSignage,
  type SignedTvChannel,
} from '@linli/protocol';

/** One entry per schema version, applied in order and recorded in PRAGMA user_version. */
const MIGRATIONS = [
  `CREATE TABLE guides (id TEXT PRIMARY KEY, category TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX guides_category ON guides (category);
   CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  `CREATE TABLE notices (id TEXT PRIMARY KEY, data TEXT NOT NULL);`,
  // Notices stored before they could carry files carry none.
  `UPDATE notices SET data = json_set(data, '$.attachments', json('[]')) WHERE json_type(data, '$.attachments') IS NULL;`,
  `CREATE TABLE forms (id TEXT PRIMARY KEY, data TEXT NOT NULL);`,
  // How often each guide was opened here: 热门事项 and the search's popularity prior. Kept across
  // resyncs (a count, no personal data).
  `CREATE TABLE guide_views (id TEXT PRIMARY KEY, views INTEGER NOT NULL);`,
  // Emergency alerts. Kiosks before this one skipped the alert changes they were sent, so their
  // cache holds what an app of protocol 2 keeps: recorded as such, the sync engine reads the whole
  // feed again once from cursor 0 and swaps it in at once (the stored cursor is replaced then; until
  // that download completes, the content held is still served).
  `CREATE TABLE alerts (id TEXT PRIMARY KEY, data TEXT NOT NULL);
   UPDATE sync_state SET value = '2' WHERE key = 'protocol' AND CAST(value AS INTEGER) > 2;`,
  // Signage publications as received (signed envelopes, checked when chosen for the screen). Players
  // are new with protocol 4, and kiosks are sent none: the protocol change alone makes a cache of
  // protocol 3 read the feed again once.
  `CREATE TABLE signage (id TEXT PRIMARY KEY, data TEXT NOT NULL);`,
  // TV channels as received (signed envelopes, checked before a box shows them). New with protocol
  // 5: the protocol change alone makes a cache of protocol 4 read the feed again once.
  `CREATE TABLE tv_channels (id TEXT PRIMARY KEY, data TEXT NOT NULL);`,
];

/** Everything the server sends a kiosk to keep, as a resync downloads it. */
export interface CachedContent {
  guides: Guide[];
  notices: DeviceNotice[];
  forms: DeviceForm[];
  alerts: DeviceAlert[];
  /** Null when the server pushes no settings for this kiosk. */
  settings: DeviceSettingsPayload | null;
  /** Signage publications for a player, as signed. */
  signage: SignedSignage[];
  /** The signed key set the server sent last (players only). */
  signageKeys: SignedKeySet | null;
  /** TV channels for a player, as signed. */
  tvChannels: SignedTvChannel[];
}

export const NO_CACHED_CONTENT: CachedContent = {
  guides: [],
  notices: [],
  forms: [],
  alerts: [],
  settings: null,
  signage: [],
  signageKeys: null,
  tvChannels: [],
};

export interface CacheDb {
  cursor(): number;
  /**
   * The protocol version of the app that filled the cache from the start (1 when not recorded).
   * An app of an older protocol was not sent what it did not understand, so a newer app resyncs.
   */
  protocol(): number;
  lastSyncAt(): string | null;
  /** The server's clock minus this device's, as last learnt (0 when never): a restart offline keeps it. */
  serverOffsetMs(): number;
  setServerOffsetMs(offsetMs: number): void;
  /** Applies one page of changes and stores its cursor atomically. */
  applyPage(changes: Change[], nextCursor: number, at: Date): void;
  /** Replaces the whole catalog (after a resync) atomically. */
  replaceAll(content: CachedContent, cursor: number, at: Date): void;
  markSynced(at: Date): void;
  allGuides(): Guide[];
  /** Every notice held, shown now or not: the bridge decides by the clock. */
  allNotices(): DeviceNotice[];
  /** Every form held; the form library offers those whose template is stored. */
  allForms(): DeviceForm[];
  /** Every alert held, shown now or not: the alert board decides by the clock. */
  allAlerts(): DeviceAlert[];
  guide(id: string): Guide | undefined;
  /** The latest settings the admin server pushed, or null. */
  settings(): DeviceSettingsPayload | null;
  /** Every signage publication held, as signed: the player checks each before it plays it. */
  allSignage(): SignedSignage[];
  /** The last key set the server sent, as signed, or null. */
  signageKeys(): SignedKeySet | null;
  /** Every TV channel held, as signed: the player checks each before a box shows it. */
  allTvChannels(): SignedTvChannel[];
  /**
   * The publication on screen (checked, every file stored), kept apart from the feed's mirror: a
   * newer version that is refused or still downloading replaces the envelope above, and the screen
   * keeps playing this one meanwhile, across restarts too.
   */
  playingSignage(): SignagePublication | null;
  setPlayingSignage(publication: SignagePublication | null): void;
  /** Counts one opening of a guide; returns its count now. */
  countView(id: string): number;
  /** How often each guide was opened here. */
  guideViews(): Map<string, number>;
  close(): void;
}

/**
 * A write that finds the disk full is STORAGE_FULL; its transaction was rolled back whole, so the
 * cache is as it was before it (kiosk-app/test/full-disk.test.ts).
 */
function storageFull<A extends unknown[]>(write: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      write(...args);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_FULL')
        throw new LinliError('STORAGE_FULL', `The kiosk's disk is full: ${(error as Error).message}`);
      throw error;
    }
  };
}

export function openCacheDb(file: string): CacheDb {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(
      `kiosk cache ${file} has schema ${version}, newer than this app (${MIGRATIONS.length}); delete it to rebuild`,
    );
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }

  const readState = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const writeState = db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const deleteState = db.prepare('DELETE FROM sync_state WHERE key = ?');
  const upsertGuide = db.prepare(
    'INSERT INTO guides (id, category, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET category = excluded.category, data = excluded.data',
  );
  const upsertNotice = db.prepare(
    'INSERT INTO notices (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  );
  const upsertForm = db.prepare(
    'INSERT INTO forms (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  );
  const upsertAlert = db.prepare(
    'INSERT INTO alerts (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  );
  const upsertSignage = db.prepare(
    'INSERT INTO signage (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  );
  const upsertTvChannel = db.prepare(
    'INSERT INTO tv_channels (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
  );
  const removeFrom = {
    guide: db.prepare('DELETE FROM guides WHERE id = ?'),
    notice: db.prepare('DELETE FROM notices WHERE id = ?'),
    form: db.prepare('DELETE FROM forms WHERE id = ?'),
    alert: db.prepare('DELETE FROM alerts WHERE id = ?'),
    signage: db.prepare('DELETE FROM signage WHERE id = ?'),
    'tv-channel': db.prepare('DELETE FROM tv_channels WHERE id = ?'),
  };
  const selectOne = db.prepare<[string], { data: string }>('SELECT data FROM guides WHERE id = ?');
  const countView = db.prepare<[string], { views: number }>(
    'INSERT INTO guide_views (id, views) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET views = views + 1 RETURNING views',
  );
  const selectViews = db.prepare<[], { id: string; views: number }>('SELECT id, views FROM guide_views');
  const selectGuides = db.prepare<[], { data: string }>('SELECT data FROM guides ORDER BY id');
  const selectNotices = db.prepare<[], { data: string }>('SELECT data FROM notices ORDER BY id');
  const selectForms = db.prepare<[], { data: string }>('SELECT data FROM forms ORDER BY id');
  const selectAlerts = db.prepare<[], { data: string }>('SELECT data FROM alerts ORDER BY id');
  const selectSignage = db.prepare<[], { data: string }>('SELECT data FROM signage ORDER BY id');
  const selectTvChannels = db.prepare<[], { data: string }>('SELECT data FROM tv_channels ORDER BY id');

  const putGuide = (guide: Guide) => upsertGuide.run(guide.id, guide.category, JSON.stringify(guide));
  const putNotice = (notice: DeviceNotice) => upsertNotice.run(notice.id, JSON.stringify(notice));
  const putForm = (form: DeviceForm) => upsertForm.run(form.id, JSON.stringify(form));
  const putAlert = (alert: DeviceAlert) => upsertAlert.run(alert.id, JSON.stringify(alert));
  const putSignage = (signage: SignedSignage) => upsertSignage.run(signage.id, JSON.stringify(signage));
  const putTvChannel = (channel: SignedTvChannel) => upsertTvChannel.run(channel.id, JSON.stringify(channel));
  // Single values live in a row of sync_state each, replaced whole.
  const putState = (key: string, value: object | null) =>
    value ? writeState.run(key, JSON.stringify(value)) : deleteState.run(key);
  const readJsonState = <T>(key: string): T | null => {
    const value = readState.get(key)?.value;
    return value === undefined ? null : (JSON.parse(value) as T);
  };
  const putSettings = (settings: DeviceSettingsPayload | null) => putState('settings', settings);
  const putSignageKeys = (keys: SignedKeySet | null) => putState('signage_keys', keys);
  const applyChange = (change: Change) => {
    if (change.op === 'delete') removeFrom[change.entity].run(change.id);
    else if (change.entity === 'guide') putGuide(change.data);
    else if (change.entity === 'notice') putNotice(change.data);
    else if (change.entity === 'form') putForm(change.data);
    else if (change.entity === 'alert') putAlert(change.data);
    else if (change.entity === 'settings') putSettings(change.data);
    else if (change.entity === 'signage') putSignage(change.data);
    else if (change.entity === 'signage-keys') putSignageKeys(change.data);
    else if (change.entity === 'tv-channel') putTvChannel(change.data);
    // A command is not kept: the sync engine hands it on to be run once.
  };

  const cursorNow = () => Number(readState.get('cursor')?.value ?? 0);
  /** `fromStart`: the cache now holds the feed read from its start, so all this app's protocol carries. */
  const saveCursor = (cursor: number, at: Date, fromStart: boolean) => {
    if (fromStart) writeState.run('protocol', String(PROTOCOL_VERSION));
    writeState.run('cursor', String(cursor));
    writeState.run('last_sync_at', at.toISOString());
  };

  return {
    cursor: cursorNow,
    protocol: () => Number(readState.get('protocol')?.value ?? 1),
    lastSyncAt: () => readState.get('last_sync_at')?.value ?? null,
    serverOffsetMs: () => Number(readState.get('server_offset_ms')?.value ?? 0),
    setServerOffsetMs: storageFull((offsetMs: number) => void writeState.run('server_offset_ms', String(offsetMs))),
    applyPage: storageFull(
      db.transaction((changes: Change[], nextCursor: number, at: Date) => {
        changes.forEach(applyChange);
        saveCursor(nextCursor, at, cursorNow() === 0);
      }),
    ),
    replaceAll: storageFull(
      db.transaction(
        (
          { guides, notices, forms, alerts, settings, signage, signageKeys, tvChannels }: CachedContent,
          cursor: number,
          at: Date,
        ) => {
          db.exec(
            'DELETE FROM guides; DELETE FROM notices; DELETE FROM forms; DELETE FROM alerts; DELETE FROM signage; DELETE FROM tv_channels',
          );
          guides.forEach(putGuide);
          notices.forEach(putNotice);
          forms.forEach(putForm);
          alerts.forEach(putAlert);
          signage.forEach(putSignage);
          tvChannels.forEach(putTvChannel);
          putSettings(settings);
          putSignageKeys(signageKeys);
          saveCursor(cursor, at, true);
        },
      ),
    ),
    markSynced: (at) => void writeState.run('last_sync_at', at.toISOString()),
    allGuides: () => selectGuides.all().map((row) => JSON.parse(row.data) as Guide),
    allNotices: () => selectNotices.all().map((row) => JSON.parse(row.data) as DeviceNotice),
    allForms: () => selectForms.all().map((row) => JSON.parse(row.data) as DeviceForm),
    allAlerts: () => selectAlerts.all().map((row) => JSON.parse(row.data) as DeviceAlert),
    guide: (id) => {
      const row = selectOne.get(id);
      return row && (JSON.parse(row.data) as Guide);
    },
    settings: () => readJsonState<DeviceSettingsPayload>('settings'),
    allSignage: () => selectSignage.all().map((row) => JSON.parse(row.data) as SignedSignage),
    signageKeys: () => readJsonState<SignedKeySet>('signage_keys'),
    allTvChannels: () => selectTvChannels.all().map((row) => JSON.parse(row.data) as SignedTvChannel),
    playingSignage: () => readJsonState<SignagePublication>('signage_playing'),
    setPlayingSignage: (publication) => void putState('signage_playing', publication),
    countView: (id) => countView.get(id)!.views,
    guideViews: () => new Map(selectViews.all().map((row) => [row.id, row.views])),
    close: () => db.close(),
  };
}
