/**
 * How many enrolled kiosks one admin-server process (SQLite) keeps on the push channel while
 * each sends a heartbeat every 30 s, and how long a publish takes to reach every one of them.
 * The server runs as its own process; this process plays the kiosks over real TCP.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CSRF_HEADER, PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, deviceAuthorization } from '@linli/protocol';
import { startAdminServer } from '../build/scripts/processes';
import { latencyStats, nowMs, round, treeRssMB } from './machine';

const PASSWORD = 'Bench2026push';

export interface PushFigures {
  devices: number;
  connected: number;
  heartbeatSec: number;
  heartbeatsSent: number;
  heartbeatFailures: number;
  enrollMs: number;
  connectMs: number;
  publishes: number;
  publishToAllNotifiedMs: ReturnType<typeof latencyStats>;
  perDeviceNotifyMs: ReturnType<typeof latencyStats>;
  missedNotifications: number;
  /** The server process tree (tsx launcher included) with every stream open. */
  serverRssMB: number;
  goal: string;
  goalMet: boolean;
  pollingAlternative: string;
}

export async function runPushBench(options: {
  devices: number;
  heartbeatSec: number;
  publishes: number;
}): Promise<PushFigures> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-push-bench-'));
  const server = await startAdminServer({
    ...process.env,
    LINLI_DATA_DIR: dataDir,
    LINLI_ADMIN_PORT: '0',
    LINLI_LOG_LEVEL: 'error',
    LINLI_DEMO_CONTENT: 'off',
    LINLI_ADMIN_PASSWORD: PASSWORD,
  });
  const base = new URL(server.ready.url!);
  // Requests (enrollment, heartbeats) share a small pool, as kiosks behind one hall router would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const request = (method: string, route: string, headers: Record<string, string>, body?: unknown) =>
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
    start = nowMs();
    for (let next = 0; next < devices.length; next += 500) {
      await Promise.all(
        devices.slice(next, next + 500).map(
          (device, offset) =>
            new Promise<void>((resolve, reject) => {
              const index = next + offset;
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
    const perTick = Math.ceil(devices.length / (options.heartbeatSec * 10));
    let cursor = 0;
    heartbeatTimer = setInterval(() => {
      for (let i = 0; i < perTick; i++) {
        const device = devices[cursor++ % devices.length]!;
        request(
          'POST',
          '/api/v1/devices/heartbeat',
          { authorization: device.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
          { appVersion: 'bench', cursor: 0, uptimeSec: 1 },
        ).then(
          (reply) => (reply.status === 204 ? heartbeatsSent++ : heartbeatFailures++),
          () => heartbeatFailures++,
        );
      }
    }, 100);
    // One whole interval first, so every kiosk has sent a heartbeat before publishing starts.
    await new Promise((resolve) => setTimeout(resolve, options.heartbeatSec * 1000));

    // Publishes: each a guide saved as published; measured from sending the request.
    const toAll: number[] = [];
    const perDevice: number[] = [];
    let missed = 0;
    for (let n = 0; n < options.publishes; n++) {
      const sentAt = nowMs();
      const reply = await request('POST', '/api/v1/admin/guides', admin, benchGuide(n));
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
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const serverRssMB = treeRssMB(server.child.pid!);
    const allNotified = latencyStats(toAll);
    return {
      devices: devices.length,
      connected,
      heartbeatSec: options.heartbeatSec,
      heartbeatsSent,
      heartbeatFailures,
      enrollMs: round(enrollMs, 0),
      connectMs: round(connectMs, 0),
      publishes: options.publishes,
      publishToAllNotifiedMs: allNotified,
      perDeviceNotifyMs: latencyStats(perDevice),
      missedNotifications: missed,
      serverRssMB,
      goal: `${options.devices} kiosks connected with heartbeats every ${options.heartbeatSec} s; p95 publish → every kiosk notified < 2000 ms`,
      goalMet: connected === options.devices && missed === 0 && heartbeatFailures === 0 && allNotified.p95Ms < 2000,
      pollingAlternative: `Polling instead of push (Xibo's default collect interval is 300 s): a change waits on average half the interval, p95 ≈ 0.95 × interval — ${round(0.95 * options.heartbeatSec, 1)} s at ${options.heartbeatSec} s, 285 s at 300 s`,
    };
  } finally {
    clearInterval(heartbeatTimer);
    for (const socket of sockets) socket.destroy();
    agent.destroy();
    await server.stop();
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
