/**
 * A service hall's day compressed into a minute or two, against a real admin-server process over
 * HTTP: 20 windows, each serving every business, work 2,000 tickets that kiosks (device
 * credentials) keep taking meanwhile; each window calls the next ticket and finishes it as fast as
 * the server answers, so "call next" is pressed at many windows at the same instant all day.
 *
 * - call → on display: from the moment a window presses 叫号 to the moment a calling display (a
 *   signage player's stream of the hall's calls) holds a state with that call in it; beside it, a display that polls the
 *   hall's state once a second (what a screen without a push channel would do);
 * - double calls: every ticket must be called once (a recall is not a call) and finished once;
 * - the server's memory (resident, with its children) at the end of the day.
 *
 * On SQLite (what `npm start` runs) and on PostgreSQL (a district's server).
 */
import { randomUUID } from 'node:crypto';
import { type QueueHall, type QueueHallInput, type QueueHallState, type QueueTicket } from '@linli/protocol';
import { apiAs, enrolledDevice, enrollmentCode, type AdminApi } from '../build/scripts/admin-api';
import { benchPgServer, withBenchAdminServer, type BenchDatabase } from './bench-server';
import { latencyStats, nowMs, round, treeRssMB, type LatencyStats } from './machine';

/** An enrolled device calling the device API (here: a signage player). */
type Device = Awaited<ReturnType<typeof enrolledDevice>>;

const WINDOWS = 20;
const TICKETS = 2_000;
const KIOSKS = 4;
const POLL_MS = 1_000;
const ADMIN_PASSWORD = 'Bench2026queue';
const GOAL_DISPLAY_P95_MS = 500;

const BUSINESSES = ['social-security', 'civil-affairs', 'household', 'medical', 'general'];

/** A 综合窗口 hall (every window serves every business), open at every hour. */
function hallInput(orgId: number): QueueHallInput {
  return {
    orgId,
    name: '基准测试服务大厅',
    resetTime: '00:00',
    elderAge: 70,
    hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ from: '00:00', to: '23:59' }] }],
    followsWorkCalendar: false,
    businesses: BUSINESSES.map((id, n) => ({
      id,
      name: `业务${n + 1}`,
      prefix: 'ABCDE'[n]!,
      maxPerDay: 999,
      open: true,
      serviceMinutes: 5,
    })),
    windows: Array.from({ length: WINDOWS }, (_, n) => ({ number: n + 1, businesses: BUSINESSES })),
  };
}

/** The newest call a state holds (its calls are newest first). */
const newestSeq = (state: QueueHallState) => state.calls[0]?.seq ?? 0;

/**
 * A display: told the newest call seq each time it gets a state, with the time it got it. The
 * caller matches calls to the first state that holds them (a burst of calls may fold into one).
 */
interface Display {
  seen: { seq: number; at: number }[];
  /** Resolves when the display gets its next state. */
  next(): Promise<void>;
  close(): void;
}

/** The seen list with a way to wait for its next entry. */
function displayLog(): Pick<Display, 'seen' | 'next'> & { add(seq: number): void } {
  const seen: Display['seen'] = [];
  let waiting: (() => void)[] = [];
  return {
    seen,
    next: () => new Promise<void>((resolve) => waiting.push(resolve)),
    add(seq) {
      seen.push({ seq, at: nowMs() });
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    },
  };
}

/** A calling display: a signage player on the hall's calls stream (`event: state`, pushed after every change). */
async function followingDisplay(player: Device, hallId: number): Promise<Display> {
  const reply = await player.call('GET', `/api/v1/queue/halls/${hallId}/calls`);
  if (reply.status !== 200 || !reply.body) throw new Error(`calls stream: ${reply.status}`);
  const log = displayLog();
  const reader = reply.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data: '));
        if (event.startsWith('event: state') && data) log.add(newestSeq(JSON.parse(data.slice(6)) as QueueHallState));
      }
    }
  })();
  return { seen: log.seen, next: log.next, close: () => void reader.cancel() };
}

/** A display that asks for the hall's state every POLL_MS. */
function pollingDisplay(api: AdminApi, hallId: number): Display {
  const log = displayLog();
  let open = true;
  void (async () => {
    while (open) {
      const asked = nowMs();
      const state = (await api('GET', `/queue/halls/${hallId}/state`)).json as unknown as QueueHallState;
      log.add(newestSeq(state));
      // The poll's own period, not a wait for something: a display that polls does just this.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, POLL_MS - (nowMs() - asked))));
    }
  })();
  return {
    seen: log.seen,
    next: log.next,
    close: () => {
      open = false;
    },
  };
}

/** For each call (its seq and when 叫号 was pressed), how long until the display held it. */
function displayLatency(calls: { seq: number; pressedAt: number }[], display: Display): LatencyStats {
  return latencyStats(
    calls.map((call) => {
      const shown = display.seen.find((state) => state.seq >= call.seq && state.at >= call.pressedAt);
      if (!shown) throw new Error(`call ${call.seq} never reached the display`);
      return shown.at - call.pressedAt;
    }),
  );
}

interface DayResult {
  tickets: number;
  calls: number;
  doubleCalls: number;
  notFinished: number;
  wallSec: number;
  actionLatency: LatencyStats;
  display: LatencyStats;
  pollingDisplay: LatencyStats;
  serverRssMB: number;
}

async function hallDay(database: BenchDatabase): Promise<DayResult> {
  return withBenchAdminServer(database, { LINLI_ADMIN_PASSWORD: ADMIN_PASSWORD }, async (admin, url) => {
    const api = await apiAs(url, 'admin', ADMIN_PASSWORD);
    const { rootId } = (await api('GET', '/orgs')).json as { rootId: number };
    const created = await api('POST', '/queue/halls', hallInput(rootId));
    if (created.status !== 201) throw new Error(`hall: ${JSON.stringify(created.json)}`);
    const hall = created.json as unknown as QueueHall;
    const kiosks = await Promise.all(
      Array.from({ length: KIOSKS }, async (_, n) =>
        enrolledDevice(url, await enrollmentCode(api, rootId), `取号机 ${n + 1}`, 'kiosk'),
      ),
    );
    const player = await enrolledDevice(url, await enrollmentCode(api, rootId), '大厅叫号屏', 'player');
    const following = await followingDisplay(player, hall.id);
    const polling = pollingDisplay(api, hall.id);
    try {
      // Kiosks take tickets all day; a window with nobody to call waits for the next ticket given.
      let asked = 0;
      let given = 0;
      let ticketGiven: () => void = () => {};
      let nextTicket = new Promise<void>((resolve) => (ticketGiven = resolve));
      const takeTickets = async (kiosk: (typeof kiosks)[number]) => {
        while (asked < TICKETS) {
          asked += 1;
          const business = BUSINESSES[asked % BUSINESSES.length]!;
          const priority = asked % 10 === 0 ? 'elder' : 'none';
          const reply = await kiosk.call('POST', '/api/v1/queue/tickets', {
            clientId: randomUUID(),
            business,
            priority,
          });
          if (reply.status !== 201) throw new Error(`ticket: ${await reply.text()}`);
          given += 1;
          ticketGiven();
          nextTicket = new Promise<void>((resolve) => (ticketGiven = resolve));
        }
      };

      const called: string[] = [];
      const calls: { seq: number; pressedAt: number }[] = [];
      const actionMs: number[] = [];
      let finished = 0;
      const act = async (window: number, action: 'call-next' | 'finish') => {
        const pressedAt = nowMs();
        const reply = await api('POST', `/queue/halls/${hall.id}/windows/${window}/actions`, { action });
        actionMs.push(nowMs() - pressedAt);
        return { reply, pressedAt };
      };
      const serve = async (window: number) => {
        for (;;) {
          const ticketMeanwhile = nextTicket;
          const everyTicketGiven = given >= TICKETS;
          const { reply, pressedAt } = await act(window, 'call-next');
          if (reply.status !== 200) {
            if ((reply.json as { error?: { code?: string } }).error?.code !== 'QUEUE_EMPTY')
              throw new Error(JSON.stringify(reply.json));
            if (everyTicketGiven) return;
            await ticketMeanwhile;
            continue;
          }
          const { ticket, state } = reply.json as unknown as { ticket: QueueTicket; state: QueueHallState };
          called.push(ticket.label);
          const call = state.calls.find((entry) => entry.label === ticket.label && entry.window === window)!;
          calls.push({ seq: call.seq, pressedAt });
          const done = await act(window, 'finish');
          if (done.reply.status !== 200) throw new Error(JSON.stringify(done.reply.json));
          finished += 1;
        }
      };

      const started = nowMs();
      await Promise.all([
        ...kiosks.map((kiosk) => takeTickets(kiosk)),
        ...Array.from({ length: WINDOWS }, (_, n) => serve(n + 1)),
      ]);
      const wallSec = round((nowMs() - started) / 1000, 1);
      // The displays hold the last call once the server has pushed it (and the poll has asked again).
      const lastSeq = Math.max(...calls.map((call) => call.seq));
      for (const display of [following, polling])
        while (!display.seen.some((state) => state.seq >= lastSeq)) await display.next();
      const state = (await api('GET', `/queue/halls/${hall.id}/state`)).json as unknown as QueueHallState;
      return {
        tickets: given,
        calls: called.length,
        doubleCalls: called.length - new Set(called).size,
        notFinished: TICKETS - finished + state.waiting.length,
        wallSec,
        actionLatency: latencyStats(actionMs),
        display: displayLatency(calls, following),
        pollingDisplay: displayLatency(calls, polling),
        serverRssMB: treeRssMB(admin.child.pid!),
      };
    } finally {
      following.close();
      polling.close();
    }
  });
}

export async function runQueueBench() {
  const sqlite = await hallDay('sqlite');
  let postgres: DayResult | { skipped: string };
  try {
    postgres = await hallDay('postgres');
  } catch (error) {
    postgres = { skipped: `PostgreSQL at ${benchPgServer()}: ${(error as Error).message}` };
  }
  const goalMet = [sqlite, postgres].every(
    (day) =>
      'skipped' in day || (day.display.p95Ms < GOAL_DISPLAY_P95_MS && day.doubleCalls === 0 && day.notFinished === 0),
  );
  return {
    windows: WINDOWS,
    tickets: TICKETS,
    kiosks: KIOSKS,
    pollEverySec: POLL_MS / 1000,
    sqlite,
    postgres,
    goal: `call → on display p95 < ${GOAL_DISPLAY_P95_MS} ms with ${WINDOWS} windows and ${TICKETS} tickets; 0 double calls; every ticket finished`,
    goalMet,
  };
}
