/**
 * The schema, one entry per version, written once for both backends: each entry receives the
 * few type names that differ between SQLite and PostgreSQL. Forward-only: never edit a released
 * entry, add one.
 */
import type { Migration } from './migrate';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'guides, change log, admin users, sessions, devices, settings',
    sql: (types) => `
      CREATE TABLE guides (
        id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        published INTEGER NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX guides_category ON guides (category);
      CREATE TABLE change_log (
        seq ${types.serialKey},
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
        payload TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX change_log_entity ON change_log (entity, entity_id);
      CREATE TABLE admin_users (
        username TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE admin_sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL REFERENCES admin_users (username) ON DELETE CASCADE,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        enrolled_at TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        last_seen_at TEXT,
        app_version TEXT,
        cursor ${types.bigint},
        uptime_sec ${types.bigint}
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'device peripherals health from heartbeats',
    sql: () => `ALTER TABLE devices ADD COLUMN peripherals TEXT;`,
  },
  {
    version: 3,
    name: 'organisation tree, scoped users, sessions with CSRF tokens, audit log',
    sql: (types) => `
      CREATE TABLE org_nodes (
        id ${types.serialKey},
        parent_id ${types.bigint} REFERENCES org_nodes (id),
        level TEXT NOT NULL,
        name TEXT NOT NULL,
        code TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX org_nodes_path ON org_nodes (path);
      ALTER TABLE admin_users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE admin_users ADD COLUMN role TEXT NOT NULL DEFAULT 'system-admin';
      ALTER TABLE admin_users ADD COLUMN org_id ${types.bigint} REFERENCES org_nodes (id);
      ALTER TABLE admin_users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE admin_users ADD COLUMN failed_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE admin_users ADD COLUMN locked_until TEXT;
      ALTER TABLE admin_users ADD COLUMN totp_secret TEXT;
      ALTER TABLE admin_users ADD COLUMN totp_pending TEXT;
      ALTER TABLE admin_users ADD COLUMN totp_last_step ${types.bigint};
      ALTER TABLE admin_users ADD COLUMN last_sign_in_at TEXT;
      ALTER TABLE admin_sessions ADD COLUMN csrf_token TEXT NOT NULL DEFAULT '';
      ALTER TABLE admin_sessions ADD COLUMN last_active_at TEXT NOT NULL DEFAULT '';
      ALTER TABLE devices ADD COLUMN org_id ${types.bigint} REFERENCES org_nodes (id);
      ALTER TABLE guides ADD COLUMN org_id ${types.bigint} REFERENCES org_nodes (id);
      CREATE TABLE audit_log (
        id ${types.serialKey},
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL,
        target_id TEXT NOT NULL,
        org_path TEXT,
        org_id ${types.bigint},
        from_addr TEXT NOT NULL,
        outcome TEXT NOT NULL,
        before_state TEXT,
        after_state TEXT
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_org_path ON audit_log (org_path);
    `,
  },
  {
    version: 4,
    name: 'notices with versions and review, targeted feed entries, enrollment codes per org node, device groups',
    sql: (types) => `
      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        live_version INTEGER,
        author TEXT NOT NULL,
        editor TEXT NOT NULL,
        reviewer TEXT,
        review_comment TEXT,
        title TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX notices_org ON notices (org_id);
      CREATE TABLE notice_versions (
        notice_id TEXT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (notice_id, version)
      );
      ALTER TABLE change_log ADD COLUMN targets TEXT;
      ALTER TABLE change_log ADD COLUMN reach TEXT;
      CREATE TABLE enrollment_codes (
        code TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        expires_at TEXT NOT NULL,
        max_uses INTEGER,
        uses INTEGER NOT NULL DEFAULT 0,
        revoked INTEGER NOT NULL DEFAULT 0,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE device_groups (
        id ${types.serialKey},
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE device_group_members (
        group_id ${types.bigint} NOT NULL REFERENCES device_groups (id) ON DELETE CASCADE,
        device_id TEXT NOT NULL REFERENCES devices (id),
        PRIMARY KEY (group_id, device_id)
      );
    `,
  },
  {
    version: 5,
    name: 'device settings per group and device, remote commands',
    sql: () => `
      CREATE TABLE device_settings (
        scope TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE device_commands (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices (id),
        kind TEXT NOT NULL,
        state TEXT NOT NULL,
        issued_by TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        finished_at TEXT,
        detail TEXT,
        screenshot TEXT
      );
      CREATE INDEX device_commands_device ON device_commands (device_id, issued_at);
    `,
  },
  {
    version: 6,
    name: 'media library: blobs by SHA-256 and the items that name them',
    sql: (types) => `
      CREATE TABLE media_blobs (
        sha256 TEXT PRIMARY KEY,
        bytes ${types.bigint} NOT NULL,
        mime TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        thumbnail INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE media_items (
        id ${types.serialKey},
        sha256 TEXT NOT NULL REFERENCES media_blobs (sha256),
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        name TEXT NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL
      );
      CREATE INDEX media_items_sha ON media_items (sha256);
      CREATE INDEX media_items_org ON media_items (org_id);
    `,
  },
  {
    version: 7,
    name: 'guides follow the review workflow: saved versions, a live version, review state',
    sql: () => `
      ALTER TABLE guides ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';
      ALTER TABLE guides ADD COLUMN live_version INTEGER;
      ALTER TABLE guides ADD COLUMN editor TEXT NOT NULL DEFAULT 'system';
      ALTER TABLE guides ADD COLUMN reviewer TEXT;
      ALTER TABLE guides ADD COLUMN review_comment TEXT;
      UPDATE guides SET state = 'approved', live_version = version WHERE published = 1;
      CREATE TABLE guide_versions (
        guide_id TEXT NOT NULL REFERENCES guides (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (guide_id, version)
      );
      INSERT INTO guide_versions (guide_id, version, saved_at, saved_by, data) SELECT id, version, updated_at, 'system', data FROM guides;
    `,
  },
  {
    version: 8,
    name: 'printable forms (a field definition and a PDF from the media library) with versions and review, like guides',
    sql: (types) => `
      CREATE TABLE forms (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        published INTEGER NOT NULL,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        live_version INTEGER,
        editor TEXT NOT NULL,
        reviewer TEXT,
        review_comment TEXT,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX forms_org ON forms (org_id);
      CREATE TABLE form_versions (
        form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (form_id, version)
      );
    `,
  },
  {
    version: 9,
    name: 'media items have a category',
    sql: () => `ALTER TABLE media_items ADD COLUMN category TEXT NOT NULL DEFAULT '';`,
  },
  {
    version: 10,
    name: 'notices are reviewed content like guides and forms: a category (the notice kind) and a published flag; every item keeps its author',
    sql: () => `
      ALTER TABLE notices ADD COLUMN category TEXT NOT NULL DEFAULT 'announcement';
      UPDATE notices SET category = 'open-government' WHERE data LIKE '%"kind":"open-government"%';
      ALTER TABLE notices ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
      UPDATE notices SET published = 1 WHERE live_version IS NOT NULL;
      ALTER TABLE guides ADD COLUMN author TEXT NOT NULL DEFAULT '';
      UPDATE guides SET author = COALESCE((SELECT v.saved_by FROM guide_versions v WHERE v.guide_id = guides.id ORDER BY v.version LIMIT 1), editor);
      ALTER TABLE forms ADD COLUMN author TEXT NOT NULL DEFAULT '';
      UPDATE forms SET author = COALESCE((SELECT v.saved_by FROM form_versions v WHERE v.form_id = forms.id ORDER BY v.version LIMIT 1), editor);
      CREATE INDEX notices_updated ON notices (updated_at);
    `,
  },
  {
    version: 11,
    name: 'a password set by someone else must be changed at first sign-in',
    sql: () => `ALTER TABLE admin_users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 12,
    name: 'emergency alerts: alert sources (keys stored hashed), CAP messages received, the references between them',
    sql: () => `
      CREATE TABLE alert_sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE cap_alerts (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES alert_sources (id),
        sender TEXT NOT NULL,
        identifier TEXT NOT NULL,
        sent TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        status TEXT NOT NULL,
        msg_type TEXT NOT NULL,
        scope TEXT NOT NULL,
        received_at TEXT NOT NULL,
        expires_at TEXT,
        displayable INTEGER NOT NULL,
        delivered INTEGER NOT NULL DEFAULT 0,
        ended_at TEXT,
        ended_by TEXT,
        end_reason TEXT,
        org_ids TEXT NOT NULL,
        org_paths TEXT NOT NULL,
        data TEXT NOT NULL,
        xml TEXT NOT NULL
      );
      CREATE UNIQUE INDEX cap_alerts_key ON cap_alerts (sender, identifier, sent_at);
      CREATE INDEX cap_alerts_received ON cap_alerts (received_at);
      CREATE TABLE cap_alert_references (
        alert_id TEXT NOT NULL REFERENCES cap_alerts (id),
        sender TEXT NOT NULL,
        identifier TEXT NOT NULL,
        sent_at TEXT NOT NULL
      );
      CREATE INDEX cap_alert_references_key ON cap_alert_references (sender, identifier, sent_at);
    `,
  },
  {
    version: 13,
    name: 'device kinds (kiosk or signage player), signage publications with versions and review, signage signing keys',
    sql: (types) => `
      ALTER TABLE devices ADD COLUMN kind TEXT NOT NULL DEFAULT 'kiosk';
      CREATE TABLE signage_publications (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        published INTEGER NOT NULL,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        live_version INTEGER,
        author TEXT NOT NULL,
        editor TEXT NOT NULL,
        reviewer TEXT,
        review_comment TEXT,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX signage_publications_org ON signage_publications (org_id);
      CREATE INDEX signage_publications_updated ON signage_publications (updated_at);
      CREATE TABLE signage_publication_versions (
        publication_id TEXT NOT NULL REFERENCES signage_publications (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (publication_id, version)
      );
      CREATE TABLE signage_keys (
        id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        signing INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 14,
    name: "proof of play: each play a signage player reported, once per device and play id; a player's screen report",
    sql: () => `
      ALTER TABLE devices ADD COLUMN screen TEXT;
      CREATE TABLE proof_of_play (
        device_id TEXT NOT NULL REFERENCES devices (id),
        play_id TEXT NOT NULL,
        publication_id TEXT NOT NULL,
        layout_id TEXT NOT NULL,
        zone_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (device_id, play_id)
      );
      CREATE INDEX proof_of_play_started ON proof_of_play (started_at);
    `,
  },
  {
    version: 15,
    name: 'manual alerts written from templates, approved by a second person and issued as CAP messages of the built-in source "manual"',
    sql: (types) => `
      INSERT INTO alert_sources (id, name, key_hash, created_at, created_by)
        VALUES ('manual', '人工发布', 'no key: issued by the server itself', '2026-12-04T00:00:00.000Z', 'system');
      CREATE TABLE manual_alerts (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        state TEXT NOT NULL,
        data TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        reviewer TEXT,
        reviewed_at TEXT,
        review_comment TEXT,
        cancelled_by TEXT,
        cancelled_at TEXT,
        sent TEXT,
        alert_id TEXT REFERENCES cap_alerts (id)
      );
      CREATE INDEX manual_alerts_created ON manual_alerts (created_at);
    `,
  },
  {
    version: 16,
    name: "where each device stands (WGS 84), and the devices an alert's polygons and circles reached",
    sql: () => `
      ALTER TABLE devices ADD COLUMN latitude REAL;
      ALTER TABLE devices ADD COLUMN longitude REAL;
      ALTER TABLE cap_alerts ADD COLUMN device_ids TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 17,
    name: "alert sources' feeds the server polls (address, interval, schedule, last outcome, HTTP validators) and the links of an index already taken",
    sql: () => `
      CREATE TABLE alert_feeds (
        source_id TEXT PRIMARY KEY REFERENCES alert_sources (id),
        url TEXT NOT NULL,
        poll_sec INTEGER NOT NULL,
        next_poll_at TEXT NOT NULL,
        polled_at TEXT,
        taken INTEGER,
        error_code TEXT,
        error_message TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        etag TEXT,
        last_modified TEXT
      );
      CREATE TABLE alert_feed_links (
        source_id TEXT NOT NULL REFERENCES alert_sources (id),
        url TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (source_id, url)
      );
    `,
  },
  {
    version: 18,
    name: 'bill payments by QR code: the order, its state, the transaction, and the utility write-off (the account number is kept only until the utility confirms)',
    sql: (types) => `
      CREATE TABLE bill_payments (
        order_id TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        org_id ${types.bigint} NOT NULL,
        org_path TEXT NOT NULL,
        provider_id TEXT NOT NULL,
        utility TEXT NOT NULL,
        account_number TEXT,
        account_masked TEXT NOT NULL,
        period TEXT,
        amount_fen INTEGER NOT NULL,
        state TEXT NOT NULL,
        qr_payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        transaction_id TEXT UNIQUE,
        paid_at TEXT,
        failure TEXT,
        receipt_number TEXT,
        settled_at TEXT,
        settle_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX bill_payments_unsettled ON bill_payments (state, settled_at);
    `,
  },
  {
    version: 19,
    name: 'utilities connected by a configuration file (计费机构), each serving the subtree of one node',
    sql: (types) => `
      CREATE TABLE bill_providers (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        config TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
    `,
  },
  {
    version: 20,
    name: 'the clerk desk: the 咨询台账 (consultations, the resident masked) and the forms printed at desks, each by clerk, node and Beijing day',
    sql: (types) => `
      CREATE TABLE consultations (
        id ${types.serialKey},
        org_id ${types.bigint} NOT NULL,
        org_path TEXT NOT NULL,
        device_id TEXT NOT NULL,
        clerk TEXT NOT NULL,
        at TEXT NOT NULL,
        day TEXT NOT NULL,
        topic TEXT NOT NULL,
        category TEXT NOT NULL,
        outcome TEXT NOT NULL,
        forwarded_to TEXT,
        resident_masked TEXT,
        phone_masked TEXT
      );
      CREATE INDEX consultations_by_day ON consultations (org_path, day);
      CREATE TABLE desk_prints (
        id ${types.serialKey},
        org_id ${types.bigint} NOT NULL,
        org_path TEXT NOT NULL,
        device_id TEXT NOT NULL,
        clerk TEXT NOT NULL,
        form_id TEXT NOT NULL,
        at TEXT NOT NULL,
        day TEXT NOT NULL
      );
      CREATE INDEX desk_prints_by_day ON desk_prints (org_path, day);
    `,
  },
  {
    version: 21,
    name: "residents' cases (诉求) from every channel and each step of their workflow; the desk's 咨询台账 entries become cases taken at the desk",
    sql: (types) => `
      CREATE TABLE cases (
        id ${types.serialKey},
        tracking TEXT NOT NULL UNIQUE,
        client_id TEXT UNIQUE,
        version INTEGER NOT NULL,
        channel TEXT NOT NULL,
        nature TEXT NOT NULL,
        category TEXT NOT NULL,
        urgency TEXT NOT NULL,
        description TEXT NOT NULL,
        location TEXT,
        org_id ${types.bigint} NOT NULL,
        org_path TEXT NOT NULL,
        device_id TEXT,
        created_by TEXT NOT NULL,
        state TEXT NOT NULL,
        assignee_org_id ${types.bigint},
        assignee_org_path TEXT,
        assignee_user TEXT,
        received_at TEXT NOT NULL,
        day TEXT NOT NULL,
        dispatch_by TEXT NOT NULL,
        sign_by TEXT NOT NULL,
        reply_by TEXT NOT NULL,
        close_by TEXT NOT NULL,
        extension_latest TEXT NOT NULL,
        warn_days INTEGER NOT NULL,
        anonymous INTEGER NOT NULL,
        contact_name TEXT,
        contact_phone TEXT,
        name_masked TEXT,
        phone_masked TEXT,
        contact_purged_at TEXT,
        call_number TEXT,
        call_at TEXT,
        call_seconds INTEGER,
        call_recording TEXT,
        reply TEXT,
        replied_at TEXT,
        satisfaction TEXT,
        closed_at TEXT,
        answered_on_spot INTEGER NOT NULL,
        extension_state TEXT,
        extension_days INTEGER,
        waiting_since TEXT,
        supervisions INTEGER NOT NULL,
        reopens INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX cases_by_org ON cases (org_path, state);
      CREATE INDEX cases_by_assignee ON cases (assignee_org_path, state);
      CREATE INDEX cases_by_day ON cases (org_path, day);
      CREATE INDEX cases_closed ON cases (closed_at);
      CREATE TABLE case_steps (
        id ${types.serialKey},
        case_id ${types.bigint} NOT NULL REFERENCES cases (id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX case_steps_by_case ON case_steps (case_id, id);
      INSERT INTO cases (tracking, version, channel, nature, category, urgency, description, org_id, org_path,
          device_id, created_by, state, received_at, day, dispatch_by, sign_by, reply_by, close_by,
          extension_latest, warn_days, anonymous, name_masked, phone_masked, closed_at, answered_on_spot,
          supervisions, reopens, updated_at)
        SELECT CAST(CAST(replace(substr(day, 3), '-', '') AS ${types.bigint}) * 1000000 + id AS TEXT), 1, 'desk',
          CASE WHEN category = 'complaint' THEN 'complaint' ELSE 'consultation' END,
          CASE WHEN category = 'bills' THEN 'utilities/bills'
               WHEN category IN ('complaint', 'other') THEN 'other'
               ELSE 'affairs/' || category END,
          'normal', topic, org_id, org_path, device_id, clerk, 'closed', at, day, at, day, day, day, day, 0,
          CASE WHEN resident_masked IS NULL AND phone_masked IS NULL THEN 1 ELSE 0 END,
          resident_masked, phone_masked, at, CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END, 0, 0, at
        FROM consultations ORDER BY id;
      INSERT INTO case_steps (case_id, at, actor, action, to_state, note)
        SELECT id, received_at, created_by, 'register', 'closed',
          (SELECT forwarded_to FROM consultations
            WHERE CAST(CAST(replace(substr(consultations.day, 3), '-', '') AS ${types.bigint}) * 1000000 + consultations.id AS TEXT) = cases.tracking)
        FROM cases;
      DROP TABLE consultations;
    `,
  },
  {
    version: 22,
    name: 'Open311 API keys: each for a node, stored as a hash',
    sql: (types) => `
      CREATE TABLE open311_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    version: 23,
    name: 'cases forwarded to the city platform: sent from this table (retried until the platform has them), its id kept for its updates',
    sql: (types) => `
      CREATE TABLE case_forwards (
        case_id ${types.bigint} PRIMARY KEY REFERENCES cases (id),
        platform TEXT NOT NULL,
        state TEXT NOT NULL,
        external_id TEXT,
        attempts INTEGER NOT NULL,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        sent_at TEXT
      );
      CREATE INDEX case_forwards_due ON case_forwards (state, next_attempt_at);
    `,
  },
  {
    version: 24,
    name: 'a case merged into another (the same matter told twice) points to it',
    sql: (types) => `
      ALTER TABLE cases ADD COLUMN merged_into ${types.bigint} REFERENCES cases (id);
      CREATE INDEX cases_by_category ON cases (category, received_at);
    `,
  },
  {
    version: 25,
    name: "grids' boundaries and address lists; a case placed in the grid where it happened",
    sql: (types) => `
      CREATE TABLE grid_areas (
        org_id ${types.bigint} PRIMARY KEY REFERENCES org_nodes (id),
        boundary TEXT NOT NULL,
        addresses TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
      ALTER TABLE cases ADD COLUMN grid_org_id ${types.bigint} REFERENCES org_nodes (id);
      CREATE INDEX cases_by_grid ON cases (grid_org_id, state);
    `,
  },
  {
    version: 26,
    name: "photos of cases (the staff app's, a step's): kept by hash beside the media files, shown only through the cases they belong to",
    sql: (types) => `
      CREATE TABLE case_photo_blobs (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        bytes ${types.bigint} NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL
      );
      CREATE TABLE case_photos (
        case_id ${types.bigint} NOT NULL REFERENCES cases (id),
        sha256 TEXT NOT NULL REFERENCES case_photo_blobs (sha256),
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        PRIMARY KEY (case_id, sha256)
      );
      CREATE INDEX case_photos_by_blob ON case_photos (sha256);
    `,
  },
  {
    version: 27,
    name: 'working-day calendars edited in the admin UI (they override the shipped year files)',
    sql: () => `
      CREATE TABLE work_calendars (
        year INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
    `,
  },
  {
    version: 28,
    name: "reminders of cases' limits to the staff who must act and their supervisors",
    sql: (types) => `
      CREATE TABLE case_reminders (
        id ${types.serialKey},
        case_id ${types.bigint} NOT NULL REFERENCES cases (id),
        username TEXT NOT NULL,
        limit_kind TEXT NOT NULL,
        due TEXT NOT NULL,
        light TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        read_at TEXT,
        UNIQUE (case_id, username, limit_kind, due, light)
      );
      CREATE INDEX case_reminders_by_user ON case_reminders (username, created_at);
    `,
  },
  {
    version: 29,
    name: 'grids edited one at a time on the map (a version for If-Match); basemap images a node lays under its map',
    sql: (types) => `
      ALTER TABLE grid_areas ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      CREATE TABLE basemap_overlays (
        org_id ${types.bigint} PRIMARY KEY REFERENCES org_nodes (id),
        sha256 TEXT NOT NULL,
        mime TEXT NOT NULL,
        bytes ${types.bigint} NOT NULL,
        south DOUBLE PRECISION NOT NULL,
        west DOUBLE PRECISION NOT NULL,
        north DOUBLE PRECISION NOT NULL,
        east DOUBLE PRECISION NOT NULL,
        uploaded_at TEXT NOT NULL,
        uploaded_by TEXT NOT NULL
      );
      CREATE INDEX basemap_overlays_by_blob ON basemap_overlays (sha256);
    `,
  },
  {
    version: 30,
    name: "service halls' queues (排队叫号): halls, tickets numbered per business and service day, windows, and the counters' actions",
    sql: (types) => `
      CREATE TABLE queue_halls (
        id ${types.serialKey},
        org_id ${types.bigint} NOT NULL UNIQUE REFERENCES org_nodes (id),
        org_path TEXT NOT NULL,
        name TEXT NOT NULL,
        config TEXT NOT NULL,
        version INTEGER NOT NULL,
        day TEXT NOT NULL,
        call_seq ${types.bigint} NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
      CREATE TABLE queue_counters (
        hall_id ${types.bigint} NOT NULL REFERENCES queue_halls (id),
        day TEXT NOT NULL,
        business TEXT NOT NULL,
        last_number INTEGER NOT NULL,
        PRIMARY KEY (hall_id, day, business)
      );
      CREATE TABLE queue_tickets (
        id ${types.serialKey},
        hall_id ${types.bigint} NOT NULL REFERENCES queue_halls (id),
        day TEXT NOT NULL,
        business TEXT NOT NULL,
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        queue_business TEXT NOT NULL,
        priority TEXT NOT NULL,
        state TEXT NOT NULL,
        calls INTEGER NOT NULL,
        window_no INTEGER,
        taken_at TEXT NOT NULL,
        called_at TEXT,
        finished_at TEXT,
        follow_token TEXT NOT NULL UNIQUE,
        device_id TEXT,
        client_id TEXT,
        waiting_before INTEGER NOT NULL,
        estimated_minutes INTEGER NOT NULL,
        served_by TEXT,
        transfer_from INTEGER,
        transfer_to_window INTEGER,
        transfer_note TEXT,
        UNIQUE (hall_id, day, business, number),
        UNIQUE (device_id, client_id)
      );
      CREATE INDEX queue_tickets_by_state ON queue_tickets (hall_id, state, day);
      CREATE TABLE queue_windows (
        hall_id ${types.bigint} NOT NULL REFERENCES queue_halls (id),
        number INTEGER NOT NULL,
        paused INTEGER NOT NULL,
        current_ticket ${types.bigint} UNIQUE REFERENCES queue_tickets (id),
        PRIMARY KEY (hall_id, number)
      );
      CREATE TABLE queue_events (
        id ${types.serialKey},
        hall_id ${types.bigint} NOT NULL,
        org_path TEXT NOT NULL,
        day TEXT NOT NULL,
        ticket_id ${types.bigint},
        business TEXT,
        action TEXT NOT NULL,
        window_no INTEGER,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        seq ${types.bigint}
      );
      CREATE INDEX queue_events_by_hall ON queue_events (hall_id, day, at);
      CREATE INDEX queue_events_calls ON queue_events (hall_id, seq);
    `,
  },
  {
    version: 31,
    name: "residents' ratings (好差评) of tickets finished at a window, each with a 差评's follow-up case",
    // No reference to queue_tickets: like the counters' events, ratings outlive a hall's removal for the statistics.
    sql: (types) => `
      CREATE TABLE queue_ratings (
        id ${types.serialKey},
        hall_id ${types.bigint} NOT NULL,
        org_path TEXT NOT NULL,
        day TEXT NOT NULL,
        ticket_id ${types.bigint} NOT NULL UNIQUE,
        business TEXT NOT NULL,
        window_no INTEGER NOT NULL,
        staff TEXT NOT NULL,
        level TEXT NOT NULL,
        reasons TEXT NOT NULL,
        case_tracking TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX queue_ratings_by_hall ON queue_ratings (hall_id, day);
    `,
  },
  {
    version: 32,
    name: "预约: booked slots of a hall's businesses, checked in at a kiosk for a ticket",
    // Nothing personal: the phone's last four digits to find a booking again, and a keyed hash of
    // the ID number (key in settings) to check in by card. The ticket is the kiosk's (device, client id).
    sql: (types) => `
      CREATE TABLE queue_appointments (
        id ${types.serialKey},
        hall_id ${types.bigint} NOT NULL REFERENCES queue_halls (id),
        business TEXT NOT NULL,
        day TEXT NOT NULL,
        slot_from TEXT NOT NULL,
        slot_to TEXT NOT NULL,
        code TEXT NOT NULL UNIQUE,
        phone_last4 TEXT NOT NULL,
        id_hash TEXT,
        state TEXT NOT NULL,
        booked_at TEXT NOT NULL,
        checked_in_at TEXT,
        device_id TEXT,
        client_id TEXT
      );
      CREATE INDEX queue_appointments_by_slot ON queue_appointments (hall_id, day, business, slot_from);
      CREATE INDEX queue_appointments_by_id ON queue_appointments (id_hash, day);
    `,
  },
  {
    version: 33,
    name: 'TV channels with versions and review; the keys IPTV platforms read private channels with',
    sql: (types) => `
      CREATE TABLE tv_channels (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        category TEXT NOT NULL,
        title TEXT NOT NULL,
        published INTEGER NOT NULL,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        live_version INTEGER,
        author TEXT NOT NULL,
        editor TEXT NOT NULL,
        reviewer TEXT,
        review_comment TEXT,
        updated_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX tv_channels_org ON tv_channels (org_id);
      CREATE TABLE tv_channel_versions (
        channel_id TEXT NOT NULL REFERENCES tv_channels (id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (channel_id, version)
      );
      CREATE TABLE tv_feed_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    version: 34,
    name: 'Service usage: raw events from devices (kept for a while) and the daily facts they add to',
    // Facts per device and day, and per node and day for the device's node and every node above it
    // (a subtree's figures are its top node's rows); subjects (guides, forms, searches that found
    // nothing …) per node and month. Nothing personal: an event names what was used, not who.
    sql: (types) => `
      CREATE TABLE usage_events (
        device_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        org_id ${types.bigint} NOT NULL,
        subject TEXT,
        value INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (device_id, event_id)
      );
      CREATE INDEX usage_events_received ON usage_events (received_at);
      CREATE TABLE usage_device_days (
        device_id TEXT NOT NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        org_id ${types.bigint} NOT NULL,
        count ${types.bigint} NOT NULL,
        PRIMARY KEY (device_id, day, kind)
      );
      CREATE TABLE usage_node_days (
        org_id ${types.bigint} NOT NULL,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        count ${types.bigint} NOT NULL,
        PRIMARY KEY (org_id, day, kind)
      );
      CREATE TABLE usage_node_subjects (
        org_id ${types.bigint} NOT NULL,
        month TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        count ${types.bigint} NOT NULL,
        PRIMARY KEY (org_id, month, kind, subject)
      );
    `,
  },
  {
    version: 35,
    name: "Community statistics: the district's indicator catalogue and the figures nodes report per period",
    // Only aggregate figures (numbers per indicator), never a person. A report keeps the figures
    // last approved apart from the version being edited, so the statistics count the approved ones.
    sql: (types) => `
      CREATE TABLE indicator_catalogues (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
      CREATE TABLE indicator_reports (
        id TEXT PRIMARY KEY,
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        period TEXT NOT NULL,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        report_values TEXT NOT NULL,
        approved_values TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        reviewed_by TEXT,
        review_comment TEXT
      );
      CREATE UNIQUE INDEX indicator_reports_node_period ON indicator_reports (org_id, period);
      CREATE INDEX indicator_reports_period ON indicator_reports (period);
    `,
  },
  {
    version: 36,
    name: 'Saved reports (统计报表) and the months each monthly report keeps',
    // A run keeps the document as it was computed that month: later corrections to figures show in
    // a new run, never by rewriting one already handed on.
    sql: (types) => `
      CREATE TABLE saved_reports (
        id ${types.serialKey},
        org_id ${types.bigint} NOT NULL REFERENCES org_nodes (id),
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        monthly INTEGER NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );
      CREATE INDEX saved_reports_org ON saved_reports (org_id);
      CREATE TABLE report_runs (
        report_id ${types.bigint} NOT NULL REFERENCES saved_reports (id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        document TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (report_id, period)
      );
    `,
  },
  {
    version: 37,
    name: 'failed attempts (sign-in, enrollment, case lookups) by address, shared by every server instance',
    // Kept in the database, not in each process: behind a load balancer an address would otherwise
    // get its allowance once per instance.
    sql: () => `
      CREATE TABLE failed_attempts (
        scope TEXT NOT NULL,
        attempt_key TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX failed_attempts_key ON failed_attempts (scope, attempt_key, at);
      CREATE INDEX failed_attempts_at ON failed_attempts (scope, at);
    `,
  },
  {
    version: 38,
    name: 'app releases and their staged rollout; the release channel and update step of each device',
    sql: (types) => `
      ALTER TABLE devices ADD COLUMN update_channel TEXT NOT NULL DEFAULT 'stable';
      ALTER TABLE devices ADD COLUMN update_report TEXT;
      CREATE TABLE releases (
        id ${types.serialKey},
        app TEXT NOT NULL,
        channel TEXT NOT NULL,
        version TEXT NOT NULL,
        notes TEXT NOT NULL,
        state TEXT NOT NULL,
        percent INTEGER NOT NULL,
        group_ids TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (app, version)
      );
      CREATE TABLE release_files (
        release_id ${types.bigint} NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        size ${types.bigint} NOT NULL,
        sha256 TEXT NOT NULL,
        sha512 TEXT NOT NULL,
        signature TEXT,
        uploaded_at TEXT NOT NULL,
        PRIMARY KEY (release_id, platform)
      );
    `,
  },
  {
    version: 39,
    name: 'the key an upload is sent under, so its retries make no second media item',
    sql: () => `
      ALTER TABLE media_items ADD COLUMN upload_key TEXT;
      CREATE UNIQUE INDEX media_items_upload_key ON media_items (uploaded_by, upload_key);
    `,
  },
  {
    version: 40,
    name: 'media kept in the database, in parts, for instances that share no folder (LINLI_MEDIA_STORE=database)',
    sql: (types) => `
      CREATE TABLE stored_files (
        name TEXT PRIMARY KEY,
        bytes ${types.bigint} NOT NULL,
        part_bytes INTEGER NOT NULL,
        stored_at TEXT NOT NULL
      );
      CREATE TABLE stored_file_parts (
        name TEXT NOT NULL REFERENCES stored_files (name) ON DELETE CASCADE,
        part INTEGER NOT NULL,
        data ${types.binary} NOT NULL,
        PRIMARY KEY (name, part)
      );
    `,
  },
  {
    version: 41,
    name: "whether a device's disk had no room for new content, as its last heartbeat said",
    sql: () => `ALTER TABLE devices ADD COLUMN storage_full INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 42,
    name: 'sign-in failures of names no account has, counted and locked as accounts are, shared by every instance',
    // Kept like an account's count (failed_count, locked_until), so a lock tells nothing about
    // whether the name exists, whichever instance answers.
    sql: () => `
      CREATE TABLE unknown_sign_in_names (
        username TEXT PRIMARY KEY,
        failed_count INTEGER NOT NULL,
        locked_until TEXT,
        last_at TEXT NOT NULL
      );
      CREATE INDEX unknown_sign_in_names_last_at ON unknown_sign_in_names (last_at);
    `,
  },
];
