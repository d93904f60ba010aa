/**
 * Residents' cases (诉求) from kiosks to a real admin-server process, over HTTP with device
 * credentials through the kiosk's own case client (which checks every reply against the protocol):
 *
 * - the kiosk's durable outbox: a submission written to cases.sqlite (synchronous = FULL, so a
 *   power cut keeps it) — what the resident waits for before the screen says 已提交 — beside
 *   sending it straight to the server, what a kiosk without an outbox would make them wait for;
 * - intake with many kiosks sending at once (idempotent by clientId, deadlines from the calendar,
 *   the grid placed, audited), on SQLite (what `npm start` runs) and on PostgreSQL (a district);
 * - a resident's status lookup (tracking number + last 4 digits of the phone) from the kiosk and
 *   the public /case-status page, and an Open311 app's GET requests, with the database holding
 *   every case the burst wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uuidV7, type CaseInput, type CaseReceipt } from '@linli/protocol';
import { createCaseClient, type CaseClient } from '../kiosk-app/host/cases/case-client';
import { openCaseOutbox } from '../kiosk-app/host/cases/case-outbox';
import { enrollDevice } from '../kiosk-app/host/sync/server-client';
import { apiAs } from '../build/scripts/admin-api';
import { benchPgServer, withBenchAdminServer, type BenchDatabase } from './bench-server';
import { latencyStats, nowMs, round } from './machine';

const OUTBOX_WRITES = 300;
const DIRECT_SENDS = 300;
const KIOSKS = 50;
const CASES_PER_KIOSK = 20;
const LOOKUPS = 300;
const OPEN311_POSTS = 200;
const OPEN311_PAGES = 100;
const ADMIN_PASSWORD = 'Bench2026cases';
const GOAL_OUTBOX_P95_MS = 50;
const GOAL_INTAKE_P95_MS = 300;

const CATEGORIES = ['sanitation/garbage', 'property/leaks', 'traffic/street-lights', 'environment/noise'] as const;

/** A resident's case as the kiosk sends it: a phone for the status lookup, the place in words. */
function caseInput(n: number): CaseInput {
  return {
    clientId: uuidV7(),
    nature: n % 3 === 0 ? 'consultation' : 'complaint',
    category: CATEGORIES[n % CATEGORIES.length]!,
    description: `第 ${n} 号诉求：小区南门路灯不亮，晚上出行不便，请尽快维修。`,
    location: { text: `${(n % 12) + 1}号楼${(n % 3) + 1}单元` },
    contact: { name: '张三', phone: `1380000${String(n % 10_000).padStart(4, '0')}` },
  };
}

interface CaseServer {
  url: string;
  kiosk(name: string): Promise<CaseClient>;
  /** An Open311 API key issued by the system administrator, for the district. */
  open311Key(): Promise<string>;
}

/** A fresh admin server on `database` (see bench-server), with kiosks and an Open311 key on request. */
async function withCaseServer<T>(database: BenchDatabase, work: (server: CaseServer) => Promise<T>): Promise<T> {
  return withBenchAdminServer(database, { LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD }, (admin, url) => {
    const code = admin.ready.enrollmentCode!;
    return work({
      url,
      async kiosk(name) {
        const { deviceId, secret } = await enrollDevice(fetch, url, code, name, 'kiosk');
        return createCaseClient({ fetch, serverUrl: url, deviceId, secret });
      },
      async open311Key() {
        const api = await apiAs(url, 'admin', ADMIN_PASSWORD);
        const root = (await api('GET', '/orgs')).json as { rootId: number };
        const issued = await api('POST', '/open311-keys', { name: '基准测试应用', orgId: root.rootId });
        if (issued.status !== 201) throw new Error(`issuing an Open311 key: HTTP ${issued.status}`);
        return (issued.json as { key: string }).key;
      },
    });
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = nowMs();
  const value = await work();
  return { ms: nowMs() - start, value };
}

/** The resident's wait with the outbox: the durable write, nothing else. */
function measureOutbox() {
  const dir = mkdtempSync(path.join(tmpdir(), 'linli-cases-outbox-bench-'));
  try {
    const outbox = openCaseOutbox(path.join(dir, 'cases.sqlite'));
    const samples: number[] = [];
    for (let n = 0; n < OUTBOX_WRITES; n++) {
      const input = caseInput(n);
      const start = nowMs();
      outbox.add({ clientId: input.clientId!, input, queuedAt: new Date().toISOString() });
      samples.push(nowMs() - start);
    }
    outbox.close();
    return { writes: OUTBOX_WRITES, durableWriteMs: latencyStats(samples) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureServer(server: CaseServer) {
  const single = await server.kiosk('基准一号机');
  // Warm-up: the first requests compile the routes' checks and fill the caches.
  for (let n = 0; n < 20; n++) await single.submit(caseInput(1_000_000 + n));

  // One kiosk sending straight to the server, one case after the other.
  const direct: number[] = [];
  for (let n = 0; n < DIRECT_SENDS; n++) direct.push((await timed(() => single.submit(caseInput(n)))).ms);

  // Many kiosks at once, each sending its cases back to back (as outboxes do after an outage).
  const kiosks = await Promise.all(Array.from({ length: KIOSKS }, (_, k) => server.kiosk(`基准${k}号机`)));
  const burst: number[] = [];
  const receipts: { receipt: CaseReceipt; phone: string }[] = [];
  const started = nowMs();
  await Promise.all(
    kiosks.map(async (kiosk, k) => {
      for (let n = 0; n < CASES_PER_KIOSK; n++) {
        const input = caseInput(DIRECT_SENDS + k * CASES_PER_KIOSK + n);
        const { ms, value } = await timed(() => kiosk.submit(input));
        burst.push(ms);
        receipts.push({ receipt: value, phone: input.contact!.phone! });
      }
    }),
  );
  const burstMs = nowMs() - started;
  // Sent again (a kiosk that never heard the answer): the same case, not a second one.
  const again = caseInput(42);
  const first = await single.submit(again);
  const repeated = await single.submit(again);

  // Status lookups of the cases just written.
  const statusKiosk: number[] = [];
  const statusPage: number[] = [];
  for (let n = 0; n < LOOKUPS; n++) {
    const { receipt, phone } = receipts[(n * 7) % receipts.length]!;
    statusKiosk.push(
      (await timed(() => single.status({ tracking: receipt.tracking, phoneLast4: phone.slice(-4) }))).ms,
    );
    statusPage.push(
      (
        await timed(async () => {
          const reply = await fetch(`${server.url}/case-status?no=${receipt.tracking}&v=${receipt.code}`);
          if (!reply.ok) throw new Error(`status page: HTTP ${reply.status}`);
          await reply.text();
        })
      ).ms,
    );
  }
  // An Open311 app (随手拍) posting cases, then listing them: only cases taken through Open311 are public there.
  const key = await server.open311Key();
  const open311Posts: number[] = [];
  for (let n = 0; n < OPEN311_POSTS; n++) {
    const fields = new URLSearchParams({
      api_key: key,
      service_code: 'sanitation_garbage',
      lat: '30.2741',
      long: '120.1551',
      address_string: `临江小区${(n % 12) + 1}号楼北侧`,
      description: `第 ${n} 条：垃圾桶满了，三天没有清运`,
      phone: `1381234${String(n).padStart(4, '0')}`,
    });
    open311Posts.push(
      (
        await timed(async () => {
          const reply = await fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', body: fields });
          if (reply.status !== 201 && reply.status !== 200) throw new Error(`Open311 POST: HTTP ${reply.status}`);
          await reply.json();
        })
      ).ms,
    );
  }
  let listed = 0;
  const open311: number[] = [];
  for (let n = 0; n < OPEN311_PAGES; n++)
    open311.push(
      (
        await timed(async () => {
          const reply = await fetch(`${server.url}/open311/v2/requests.json?status=open`);
          if (!reply.ok) throw new Error(`Open311: HTTP ${reply.status}`);
          listed = ((await reply.json()) as unknown[]).length;
        })
      ).ms,
    );
  return {
    casesInDatabase: 20 + DIRECT_SENDS + KIOSKS * CASES_PER_KIOSK + 1 + OPEN311_POSTS,
    directSendMs: latencyStats(direct),
    burst: {
      kiosks: KIOSKS,
      casesPerKiosk: CASES_PER_KIOSK,
      totalMs: round(burstMs, 1),
      casesPerSecond: round((KIOSKS * CASES_PER_KIOSK) / (burstMs / 1000), 1),
      latency: latencyStats(burst),
    },
    repeatGaveSameCase: first.tracking === repeated.tracking && repeated.duplicate === true,
    statusLookupMs: latencyStats(statusKiosk),
    statusPageMs: latencyStats(statusPage),
    open311PostMs: latencyStats(open311Posts),
    open311Listed: listed,
    open311RequestsMs: latencyStats(open311),
  };
}

export async function runCasesBench() {
  const outbox = measureOutbox();
  const sqlite = await withCaseServer('sqlite', measureServer);
  let postgres: Awaited<ReturnType<typeof measureServer>> | { skipped: string };
  try {
    postgres = await withCaseServer('postgres', measureServer);
  } catch (error) {
    postgres = { skipped: `PostgreSQL at ${benchPgServer()}: ${(error as Error).message}` };
  }
  const goalMet =
    outbox.durableWriteMs.p95Ms < GOAL_OUTBOX_P95_MS &&
    sqlite.burst.latency.p95Ms < GOAL_INTAKE_P95_MS &&
    sqlite.repeatGaveSameCase;
  return {
    outbox,
    sqlite,
    postgres,
    goal: `the outbox write p95 < ${GOAL_OUTBOX_P95_MS} ms; intake with ${KIOSKS} kiosks at once p95 < ${GOAL_INTAKE_P95_MS} ms (SQLite); a repeat is the same case`,
    goalMet,
  };
}
