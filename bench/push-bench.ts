/**
 * How many enrolled kiosks the admin server keeps on the push channel while each sends a heartbeat
 * every 30 s (and, under load, pulls its feed), and how long a publish takes to reach every one of
 * them. One process on SQLite (`push`), or several on one PostgreSQL database with the devices
 * spread over them and publishes sent to each in turn, for ten minutes (`fleet-load`): then a
 * publish reaches the other instance's devices through LISTEN/NOTIFY. The servers run as their own
 * processes; this process plays the kiosks over real TCP.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSRF_HEADER, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, deviceAuthorization } from '@linli/protocol';
import { startAdminServer, type LinliProcess } from '../build/scripts/processes';
import { latencyStats, nowMs, round, treeRssMB } from './machine';

const PASSWORD = 'Bench2026push';

export interface PushOptions {
  devices: number;
  heartbeatSec: number;
  publishes: number;
  /** Admin-server processes the devices are spread over (1; more need `databaseUrl`). */
  instances?: number;
  /** The PostgreSQL database they share; SQLite in the data folder when absent. */
  databaseUrl?: string;
  /** How long the load runs, publishes spread evenly over it; one heartbeat interval, then one publish every 2 s, when absent. */
  loadSec?: number;
  /** Each device also pulls its feed this often, spread evenly (no pulls when absent). */
  pullSec?: number;
  /** A runtime built by `npm run build` to run the servers from, as deployed (from source when absent). */
  runtimeDir?: string;
}

export interface PushFigures {
  /** `built`: the servers ran the deployed runtime (`runtimeDir`); `source`: through tsx. */
  runsFrom: 'built' | 'source';
  instances: number;
  database: 'sqlite' | 'postgres';
  loadSec: number;
  devices: number;
  connected: number;
  heartbeatSec: number;
  heartbeatsSent: number;
  heartbeatFailures: number;
  pullsSent: number;
  pullFailures: number;
  /** Push streams that ended while the run went on. */
  streamsDropped: number;
  enrollMs: number;
  connectMs: number;
  publishes: number;
  publishToAllNotifiedMs: ReturnType<typeof latencyStats>;
  perDeviceNotifyMs: ReturnType<typeof latencyStats>;
  missedNotifications: number;
  /** The first server's process tree (tsx launcher included) with every stream open. */
  serverRssMB: number;
  /** Each instance's process tree, the highest of the samples taken every 10 s. */
  instanceRssMB: number[];
  goal: string;
  goalMet: boolean;
  pollingAlternative: string;
}

export async function runPushBench(options: PushOptions): Promise<PushFigures> {
  const instanceCount = options.instances ?? 1;
  if (instanceCount > 1 && !options.databaseUrl) throw new Error('Several instances share a PostgreSQL database');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-push-bench-'));
  // One after the other: the first migrates the database; all take the same enrollment code.
  const servers: LinliProcess[] = [];
  for (let index = 0; index < instanceCount; index++)
    servers.push(
      await startAdminServer({
        ...process.env,
        LINLI_DATA_DIR: path.join(dataDir, `instance-${index}`),
        LINLI_ADMIN_PORT: '0',
        LINLI_LOG_LEVEL: 'error',
        LINLI_DEMO_CONTENT: 'off',
        LINLI_ADMIN_PASSWORD: PASSWORD,
        ...(options.databaseUrl && { LINLI_DATABASE_URL: options.databaseUrl }),
        ...(options.runtimeDir && { LINLI_RUNTIME_DIR: options.runtimeDir }),
        ...(servers[0] && { LINLI_ENROLLMENT_CODE: servers[0].ready.enrollmentCode }),
        // One instance encodes TV channels for all (none here either way).
        ...(index > 0 && { LINLI_TV_STREAMS: 'off' }),
      }),
    );
  const server = servers[0]!;
  const bases = servers.map((each) => new URL(each.ready.url!));
  // Requests (enrollment, heartbeats) share a small pool, as kiosks behind one hall router would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const request = (
    method: string,
    route: string,
    headers: Record<string, string>,
    body?: unknown,
    base: URL = bases[0]!,
  ) =>
    new Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          path: route,
          method,
          agent,
          headers: {
            ...headers,
            ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          let text = '';
          res
            .setEncoding('utf8')
            .on('data', (chunk: string) => (text += chunk))
            .on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const sockets: http.ClientRequest[] = [];
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let memoryTimer: NodeJS.Timeout | undefined;
  let finished = false;
  /** Where device `index` is connected: the instances take turns, as a balancer spreads them. */
  const instanceOf = (index: number) => bases[index % bases.length]!;
  try {
    const login = await request('POST', '/api/v1/admin/login', {}, { username: 'admin', password: PASSWORD });
    const admin = {
      cookie: String(login.headers['set-cookie']).split(';')[0]!,
      [CSRF_HEADER]: (JSON.parse(login.text) as { csrfToken: string }).csrfToken,
    };

    let start = nowMs();
    const devices: { authorization: string }[] = [];
    for (let next = 0; next < options.devices; next += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, options.devices - next) }, (_, i) =>
          request(
            'POST',
            '/api/v1/devices/enroll',
            {},
            { code: server.ready.enrollmentCode, name: `基准终端 ${next + i + 1}` },
          ),
        ),
      );
      for (const reply of batch) {
        const { deviceId, secret } = JSON.parse(reply.text) as { deviceId: string; secret: string };
        devices.push({ authorization: deviceAuthorization(deviceId, secret) });
      }
    }
    const enrollMs = nowMs() - start;

    // Each kiosk keeps one push stream open on its own socket and notes when it hears each seq.
    const heard: Map<number, number>[] = devices.map(() => new Map());
    let connected = 0;
    let streamsDropped = 0;
    start = nowMs();
    for (let next = 0; next < devices.length; next += 500) {
      await Promise.all(
        devices.slice(next, next + 500).map(
          (device, offset) =>
            new Promise<void>((resolve, reject) => {
              const index = next + offset;
              const base = instanceOf(index);
              const req = http.get(
                {
                  host: base.hostname,
                  port: base.port,
                  path: '/api/v1/sync/events',
                  agent: false,
                  headers: { authorization: device.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
                },
                (res) => {
                  if (res.statusCode !== 200) return reject(new Error(`push stream ${res.statusCode}`));
                  connected++;
                  res.on('close', () => {
                    if (!finished) streamsDropped++;
                  });
                  let buffer = '';
                  res.setEncoding('utf8').on('data', (chunk: string) => {
                    buffer += chunk;
                    let end: number;
                    while ((end = buffer.indexOf('\n\n')) >= 0) {
                      const event = buffer.slice(0, end);
                      buffer = buffer.slice(end + 2);
                      const data = /^data: (.*)$/m.exec(event)?.[1];
                      if (data) heard[index]!.set((JSON.parse(data) as { latestSeq: number }).latestSeq, nowMs());
                    }
                    resolve();
                  });
                },
              );
              req.on('error', reject);
              sockets.push(req);
            }),
        ),
      );
    }
    const connectMs = nowMs() - start;

    // Heartbeats spread evenly over the interval, as kiosks switched on at different times send them.
    let heartbeatsSent = 0;
    let heartbeatFailures = 0;
    let pullsSent = 0;
    let pullFailures = 0;
    const perTick = Math.ceil(devices.length / (options.heartbeatSec * 10));
    const pullsPerTick = options.pullSec ? Math.ceil(devices.length / (options.pullSec * 10)) : 0;
    let cursor = 0;
    let pullCursor = 0;
    heartbeatTimer = setInterval(() => {
      for (let i = 0; i < perTick; i++) {
        const index = cursor++ % devices.length;
        const device = devices[index]!;
        request(
          'POST',
          '/api/v1/devices/heartbeat',
          { authorization: device.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
          { appVersion: 'bench', cursor: Math.max(0, ...heard[index]!.keys()), uptimeSec: 1 },
          instanceOf(index),
        ).then(
          (reply) => (reply.status === 204 ? heartbeatsSent++ : heartbeatFailures++),
          () => heartbeatFailures++,
        );
      }
      // Feed pulls from where each kiosk is, as its fallback timer makes them.
      for (let i = 0; i < pullsPerTick; i++) {
        const index = pullCursor++ % devices.length;
        request(
          'GET',
          `/api/v1/sync/changes?cursor=${Math.max(0, ...heard[index]!.keys())}&limit=500`,
          { authorization: devices[index]!.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
          undefined,
          instanceOf(index),
        ).then(
          (reply) => (reply.status === 200 ? pullsSent++ : pullFailures++),
          () => pullFailures++,
        );
      }
    }, 100);
    const instanceRssMB = servers.map(() => 0);
    const sampleMemory = () =>
      servers.forEach((each, index) => {
        instanceRssMB[index] = Math.max(instanceRssMB[index]!, treeRssMB(each.child.pid!));
      });
    memoryTimer = setInterval(sampleMemory, 10_000);
    // One whole interval first, so every kiosk has sent a heartbeat before publishing starts.
    await new Promise((resolve) => setTimeout(resolve, options.heartbeatSec * 1000));
    const loadStart = nowMs();

    // Publishes: each a guide saved as published; measured from sending the request.
    const toAll: number[] = [];
    const perDevice: number[] = [];
    let missed = 0;
    for (let n = 0; n < options.publishes; n++) {
      const sentAt = nowMs();
      // Each instance in turn: the others' devices hear of it through the database.
      const reply = await request('POST', '/api/v1/admin/guides', admin, benchGuide(n), bases[n % bases.length]);
      if (reply.status !== 201) throw new Error(`publish failed: ${reply.status} ${reply.text}`);
      const deadline = sentAt + 10_000;
      let seq = 0;
      // The new seq is the highest any kiosk hears after sending; wait until all have it.
      while (nowMs() < deadline) {
        seq = Math.max(...heard.map((times) => Math.max(0, ...times.keys())));
        if (
          seq > 0 &&
          heard.every((times) =>
            [...times.keys()].some((heardSeq) => heardSeq >= seq && times.get(heardSeq)! >= sentAt),
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const times = heard.map(
        (entries) =>
          [...entries].filter(([heardSeq, at]) => heardSeq >= seq && at >= sentAt).map(([, at]) => at - sentAt)[0],
      );
      missed += times.filter((time) => time === undefined).length;
      const got = times.filter((time): time is number => time !== undefined);
      perDevice.push(...got);
      toAll.push(Math.max(...got));
      // Under load the publishes are spread over its time; else one every 2 s.
      const nextAt = options.loadSec
        ? loadStart + ((n + 1) * options.loadSec * 1000) / options.publishes
        : nowMs() + 2000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - nowMs())));
    }
    sampleMemory();
    finished = true;
    const serverRssMB = treeRssMB(server.child.pid!);
    const allNotified = latencyStats(toAll);
    const errors = heartbeatFailures + pullFailures + missed + streamsDropped + (options.devices - connected);
    return {
      runsFrom: options.runtimeDir ? 'built' : 'source',
      instances: servers.length,
      database: options.databaseUrl ? 'postgres' : 'sqlite',
      loadSec: options.loadSec ?? 0,
      devices: devices.length,
      connected,
      heartbeatSec: options.heartbeatSec,
      heartbeatsSent,
      heartbeatFailures,
      pullsSent,
      pullFailures,
      streamsDropped,
      enrollMs: round(enrollMs, 0),
      connectMs: round(connectMs, 0),
      publishes: options.publishes,
      publishToAllNotifiedMs: allNotified,
      perDeviceNotifyMs: latencyStats(perDevice),
      missedNotifications: missed,
      serverRssMB,
      instanceRssMB,
      goal:
        servers.length > 1
          ? `${options.devices} kiosks across ${servers.length} instances on PostgreSQL for ${round((options.loadSec ?? 0) / 60, 1)} min, heartbeats every ${options.heartbeatSec} s and feed pulls every ${options.pullSec ?? 0} s; 0 errors; p95 publish → every kiosk notified < 2000 ms`
          : `${options.devices} kiosks connected with heartbeats every ${options.heartbeatSec} s; p95 publish → every kiosk notified < 2000 ms`,
      goalMet: errors === 0 && allNotified.p95Ms < 2000,
      pollingAlternative: `Polling instead of push (Xibo's default collect interval is 300 s): a change waits on average half the interval, p95 ≈ 0.95 × interval — ${round(0.95 * options.heartbeatSec, 1)} s at ${options.heartbeatSec} s, 285 s at 300 s`,
    };
  } finally {
    finished = true;
    clearInterval(heartbeatTimer);
    clearInterval(memoryTimer);
    for (const socket of sockets) socket.destroy();
    agent.destroy();
    for (const each of servers) await each.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function benchGuide(n: number) {
  return {
    id: `push-bench-${n}`,
    category: 'social-security',
    title: `推送测试 ${n}`,
    summary: '基准测试',
    audience: '全体',
    materials: [],
    steps: [{ title: '无', detail: '' }],
    office: { name: '安和街道便民服务中心', address: '安和路88号', hours: '9:00-17:00', phone: '0571-86000001' },
    fees: '不收费',
    timeLimit: '即时',
    legalBasis: [],
    forms: [],
    keywords: [],
    aliases: [],
    published: true,
  };
}
