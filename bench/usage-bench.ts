/**
 * Service usage (使用统计) at a district's scale: 500 kiosks in 100 communities of 10 streets, a
 * year of synthetic use (about 200 events a kiosk a day: visits, searches and their misses, guides
 * opened, prints, card reads, bills, cases, tickets, language, elder mode, uptime), on SQLite and
 * on PostgreSQL, in-process (the admin server's services and routes, no HTTP socket):
 *
 * - ingestion: the year's last days (about a million events) through `usage.record` in the
 *   kiosks' batches of 500, as uploads arrive — raw events kept once each, facts counted in the
 *   same transaction: events per second and the batch's latency;
 * - the rest of the year's facts written by the same code (usage.addCounts: the same increments),
 *   from each kiosk's day counted in memory — the facts a year of uploads leaves;
 * - the dashboard's queries through the routes (session checked, the reply validated): a
 *   district, a street and a community over the whole year, and the district's search gaps;
 * - beside them, the query a plain design would run: summing the raw events of the subtree (here
 *   only the ingested days; a year holds about 36× as many rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CSRF_HEADER,
  GUIDE_FILE_FORMAT,
  USAGE_UPLOAD_MAX,
  seededRandom,
  uuidV7,
  type UsageEvent,
} from '@linli/protocol';
import { buildApp } from '../admin-server/src/app';
import type { Database } from '../admin-server/src/db/database';
import { openDatabase } from '../admin-server/src/db/open';
import { systemActor } from '../admin-server/src/domain/actor';
import { countedDay, syntheticDay, type DayUse } from '../admin-server/src/demo-usage';
import type { CountedEvent } from '../admin-server/src/domain/usage-facts';
import { openBlobStore } from '../admin-server/src/media/blob-store';
import { createChangeHub } from '../admin-server/src/push/change-hub';
import { createServices } from '../admin-server/src/services';
import { benchPgDatabase, benchPgServer } from './bench-server';
import { syntheticGuides } from './synthetic-guides';
import { latencyStats, nowMs, round } from './machine';

const STREETS = 10;
const COMMUNITIES_PER_STREET = 10;
const KIOSKS_PER_COMMUNITY = 5;
const YEAR = 2026;
const DAYS = 365;
/** The year's last days go through the upload path; the others are written as facts directly. */
const INGESTED_DAYS = 10;
const QUERY_RUNS = 30;
const GOAL_P95_MS = 200;
const PASSWORD = 'Bench2026usage';
const DAY_MS = 86_400_000;
/** The district's published guides: the ones residents open (and the least opened) are among them. */
const SYNTHETIC_GUIDES = syntheticGuides(170);
const GUIDES = SYNTHETIC_GUIDES.map((guide) => guide.id);
/** A kiosk's weekday visits (half at weekends): about 200 events a day with its searches and uptime. */
const VISITS = 28;

const kioskDay = (random: () => number, weekday: boolean) =>
  syntheticDay(random, { weekday, visits: VISITS, guides: GUIDES });

const dayStart = (day: number) => Date.UTC(YEAR, 0, 1) - 8 * 3600_000 + day * DAY_MS;
const isWeekday = (day: number) => {
  const weekday = new Date(Date.UTC(YEAR, 0, 1) + day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** A day's uses as the events a kiosk sends (uptime every ten minutes), at times within its hours. */
function eventsOf(uses: DayUse[], day: number, random: () => number): UsageEvent[] {
  const opens = dayStart(day) + 8 * 3600_000;
  const events: UsageEvent[] = [];
  for (const use of uses) {
    const pieces = use.kind === 'uptime-minutes' ? use.count / 10 : use.count;
    for (let n = 0; n < pieces; n++) {
      const at = opens + Math.floor(random() * 10 * 3600_000);
      events.push({
        id: uuidV7(at),
        kind: use.kind,
        at: new Date(at).toISOString(),
        ...(use.subject !== undefined && { subject: use.subject }),
        ...(use.kind === 'uptime-minutes' && { value: 10 }),
      });
    }
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : 1));
}

async function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'linli-usage-bench-'));
    const db = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'admin.sqlite') });
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await benchPgDatabase();
  const db = await openDatabase({ kind: 'postgres', url: database.url });
  return {
    db,
    drop: async () => {
      await db.close();
      await database.drop();
    },
  };
}

async function benchOn(kind: 'sqlite' | 'postgres') {
  const { db, drop } = await freshDatabase(kind);
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'linli-usage-bench-media-'));
  try {
    // Uploads arrive on the year's next morning: every event of the year is recent enough to count.
    const clock = () => new Date(Date.UTC(YEAR + 1, 0, 1, 4));
    const services = createServices({ db, hub: createChangeHub(), clock, blobs: await openBlobStore(mediaDir) });
    const root = await services.orgs.ensureRoot({ level: 'district', name: '临江市安和区', code: '330188' });
    await services.signIn.ensureFirstAdmin(PASSWORD);
    const system = systemActor(root, 'system');
    await services.guides.importFile(system, {
      format: GUIDE_FILE_FORMAT,
      formatVersion: 1,
      guides: SYNTHETIC_GUIDES.map((guide) => ({ ...guide, published: true })),
    });
    const app = await buildApp({ db, services, clock });

    // The district: streets, communities, kiosks enrolled at their community.
    const kiosks: Array<{ deviceId: string; node: { id: number; path: string } }> = [];
    const streets: number[] = [];
    const communities: number[] = [];
    for (let s = 1; s <= STREETS; s++) {
      const street = await services.orgs.create(system, {
        parentId: root.id,
        name: `第${s}街道`,
        code: `330188${String(s).padStart(3, '0')}000`,
      });
      streets.push(street.id);
      for (let c = 1; c <= COMMUNITIES_PER_STREET; c++) {
        const community = await services.orgs.create(system, {
          parentId: street.id,
          name: `第${s}街道第${c}社区`,
          code: `330188${String(s).padStart(3, '0')}${String(c).padStart(3, '0')}`,
        });
        communities.push(community.id);
        const code = await services.enrollmentCodes.create(system, {
          orgId: community.id,
          validDays: 1,
          maxUses: KIOSKS_PER_COMMUNITY,
        });
        for (let k = 1; k <= KIOSKS_PER_COMMUNITY; k++) {
          const { deviceId } = await services.devices.enroll(code.code, `${community.name}${k}号机`, 'bench');
          kiosks.push({ deviceId, node: community });
        }
      }
    }

    // The year's first days as facts, from each kiosk's day counted in memory.
    const random = seededRandom(2026);
    let yearEvents = 0;
    const factsStart = nowMs();
    for (const kiosk of kiosks) {
      for (let from = 0; from < DAYS - INGESTED_DAYS; from += 31) {
        const counted: CountedEvent[] = [];
        for (let day = from; day < Math.min(from + 31, DAYS - INGESTED_DAYS); day++) {
          const uses = kioskDay(random, isWeekday(day));
          counted.push(...countedDay(uses, dayStart(day)));
          for (const use of uses) yearEvents += use.kind === 'uptime-minutes' ? use.count / 10 : use.count;
        }
        await services.usage.addCounts(kiosk.deviceId, kiosk.node, counted);
      }
    }
    const factsSec = (nowMs() - factsStart) / 1000;

    // The last days through the upload path, batch by batch as kiosks send them.
    const batchMs: number[] = [];
    let ingested = 0;
    const ingestStart = nowMs();
    for (const kiosk of kiosks) {
      const events: UsageEvent[] = [];
      for (let day = DAYS - INGESTED_DAYS; day < DAYS; day++)
        events.push(...eventsOf(kioskDay(random, isWeekday(day)), day, random));
      for (let at = 0; at < events.length; at += USAGE_UPLOAD_MAX) {
        const batch = events.slice(at, at + USAGE_UPLOAD_MAX);
        const start = nowMs();
        const reply = await services.usage.record(kiosk.deviceId, batch);
        batchMs.push(nowMs() - start);
        if (reply.stored !== batch.length) throw new Error(`a batch stored ${reply.stored} of ${batch.length}`);
        ingested += batch.length;
      }
    }
    const ingestSec = (nowMs() - ingestStart) / 1000;
    yearEvents += ingested;

    // The dashboard's queries through the routes, as the district's administrator.
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const year = `from=${YEAR}-01-01&to=${YEAR}-12-31`;
    const timedRoute = async (url: string) => {
      const samples: number[] = [];
      for (let run = -2; run < QUERY_RUNS; run++) {
        const start = nowMs();
        const reply = await app.inject({ method: 'GET', url, headers: { cookie } });
        if (reply.statusCode !== 200) throw new Error(`${url}: HTTP ${reply.statusCode} ${reply.body}`);
        if (run >= 0) samples.push(nowMs() - start);
      }
      return latencyStats(samples);
    };
    const district = await timedRoute(`/api/v1/admin/usage/summary?${year}`);
    const districtVisits = (
      (await app.inject({ method: 'GET', url: `/api/v1/admin/usage/summary?${year}`, headers: { cookie } })).json() as {
        totals: { visit: number };
      }
    ).totals.visit;
    const street = await timedRoute(`/api/v1/admin/usage/summary?${year}&orgId=${streets[0]}`);
    const community = await timedRoute(`/api/v1/admin/usage/summary?${year}&orgId=${communities[0]}`);
    const gaps = await timedRoute(`/api/v1/admin/usage/search-gaps?${year}`);

    // 统计报表 over the same year: run as a preview (by street, by month), and downloaded as PDFs.
    const timedPost = async (url: string, payload: object) => {
      const samples: number[] = [];
      for (let run = -2; run < QUERY_RUNS; run++) {
        const start = nowMs();
        const reply = await app.inject({ method: 'POST', url, headers: { cookie, [CSRF_HEADER]: csrf }, payload });
        if (reply.statusCode !== 200) throw new Error(`${url}: HTTP ${reply.statusCode} ${reply.body}`);
        if (run >= 0) samples.push(nowMs() - start);
      }
      return latencyStats(samples);
    };
    const csrf = String((login.json() as { csrfToken: string }).csrfToken);
    const yearReport = (rows: 'units' | 'time') => ({
      definition: {
        name: '全区服务情况',
        source: 'usage',
        measures: ['visit', 'search', 'guide-view', 'form-print'],
        rows,
        period: 'custom',
        from: `${YEAR}-01-01`,
        to: `${YEAR}-12-31`,
        filters: {},
        sort: 'natural',
        chart: rows === 'units' ? 'bar' : 'line',
        monthly: false,
      },
    });
    const reportByStreet = await timedPost('/api/v1/admin/reports/preview', yearReport('units'));
    const reportByMonth = await timedPost('/api/v1/admin/reports/preview', yearReport('time'));
    const saved = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/reports',
      headers: { cookie, [CSRF_HEADER]: csrf },
      payload: { ...yearReport('units'), baseVersion: 0 },
    });
    const reportId = (saved.json() as { id: number }).id;
    const reportPdf = await timedRoute(`/api/v1/admin/reports/${reportId}/export?format=pdf`);
    const monthlyPdf = await timedRoute(
      `/api/v1/admin/reports/monthly?month=${YEAR}-12&orgId=${streets[0]}&format=pdf`,
    );

    // What a plain design would ask: the raw events of the subtree, summed at query time.
    const rawSamples: number[] = [];
    for (let run = 0; run < 5; run++) {
      const start = nowMs();
      await db.all(
        `SELECT e.kind, SUM(e.value) AS count FROM usage_events e JOIN org_nodes o ON o.id = e.org_id
          WHERE o.path LIKE ? AND e.at >= ? AND e.at < ? GROUP BY e.kind`,
        [root.path + '%', `${YEAR}-01-01`, `${YEAR + 1}-01-01`],
      );
      rawSamples.push(nowMs() - start);
    }
    const factRows = Number((await db.get<{ n: unknown }>('SELECT COUNT(*) AS n FROM usage_node_days'))!.n);
    await app.close();
    return {
      kiosks: kiosks.length,
      yearEvents,
      ingestion: {
        events: ingested,
        eventsPerSecond: Math.round(ingested / ingestSec),
        batchMs: latencyStats(batchMs),
      },
      factsFromCountsSec: round(factsSec, 1),
      nodeDayRows: factRows,
      districtYearVisits: districtVisits,
      queries: { district, street, community, searchGaps: gaps, reportByStreet, reportByMonth },
      pdfs: { yearByStreet: reportPdf, streetMonthly: monthlyPdf },
      rawSumOfIngestedDays: { rows: ingested, ...latencyStats(rawSamples) },
      goalMet: [district, street, community, gaps, reportByStreet, reportByMonth].every(
        (stats) => stats.p95Ms < GOAL_P95_MS,
      ),
    };
  } finally {
    rmSync(mediaDir, { recursive: true, force: true });
    await drop();
  }
}

export async function runUsageBench() {
  const sqlite = await benchOn('sqlite');
  let postgres: Awaited<ReturnType<typeof benchOn>> | { skipped: string };
  try {
    postgres = await benchOn('postgres');
  } catch (error) {
    postgres = { skipped: `PostgreSQL at ${benchPgServer()}: ${(error as Error).message}` };
  }
  return {
    shape: {
      streets: STREETS,
      communities: STREETS * COMMUNITIES_PER_STREET,
      kiosks: STREETS * COMMUNITIES_PER_STREET * KIOSKS_PER_COMMUNITY,
      days: DAYS,
      ingestedDays: INGESTED_DAYS,
      batch: USAGE_UPLOAD_MAX,
    },
    goal: `dashboard and report queries over a district's year p95 < ${GOAL_P95_MS} ms on SQLite and PostgreSQL`,
    sqlite,
    postgres,
  };
}
