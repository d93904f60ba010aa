/**
 * What the load balancer and the monitoring system read: /health, /ready (503 while draining or
 * when the database does not answer) and /metrics in Prometheus' text format, behind its token,
 * with requests counted by route pattern, the fleet online, the sync lag and the queues' depths.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, type LinliError } from '@linli/protocol';
import { installErrorHandler } from '../src/http/error-handler';
import { registerOpsRoutes } from '../src/http/ops-routes';
import { prometheusText } from '../src/ops/prometheus-text';
import { createRequestMetrics } from '../src/ops/request-metrics';
import { createServerReadings } from '../src/ops/server-readings';
import { backends } from './backends';
import { startApp } from './app-harness';
import { guideInput } from './fixtures';

const TOKEN = 'scrape-token-0123456789';

/** The samples of a scrape, `name{labels}` → value (our reader for the format's sample lines). */
function samples(text: string): Map<string, number> {
  return new Map(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => {
        const at = line.lastIndexOf(' ');
        const value = line.slice(at + 1);
        return [line.slice(0, at), value === '+Inf' ? Infinity : Number(value)] as const;
      }),
  );
}

test('the text format: help and type once per family, labels escaped, infinity by name', () => {
  const text = prometheusText([
    {
      name: 'linli_example',
      help: 'An example\nover two lines',
      type: 'gauge',
      samples: [{ labels: { path: 'a "quoted" \\ back\nslash' }, value: 1.5 }, { value: Infinity }],
    },
  ]);
  assert.equal(
    text,
    [
      '# HELP linli_example An example\\nover two lines',
      '# TYPE linli_example gauge',
      'linli_example{path="a \\"quoted\\" \\\\ back\\nslash"} 1.5',
      'linli_example +Inf',
      '',
    ].join('\n'),
  );
});

test('request timings fill cumulative buckets by route; a request that matched no route counts as unmatched', () => {
  const metrics = createRequestMetrics();
  metrics.record({ method: 'GET', route: '/guides/:id', status: 200, seconds: 0.003 });
  metrics.record({ method: 'GET', route: '/guides/:id', status: 200, seconds: 0.2 });
  metrics.record({ method: 'GET', route: '/guides/:id', status: 404, seconds: 30 });
  metrics.record({ method: 'POST', route: undefined, status: 404, seconds: 0.001 });
  const scrape = samples(prometheusText(metrics.families()));
  assert.equal(scrape.get('linli_http_requests_total{method="GET",route="/guides/:id",status="200"}'), 2);
  assert.equal(scrape.get('linli_http_requests_total{method="POST",route="unmatched",status="404"}'), 1);
  const bucket = (le: string) =>
    scrape.get(`linli_http_request_duration_seconds_bucket{route="/guides/:id",le="${le}"}`);
  assert.deepEqual([bucket('0.005'), bucket('0.1'), bucket('0.25'), bucket('10'), bucket('+Inf')], [1, 1, 2, 2, 3]);
  assert.equal(scrape.get('linli_http_request_duration_seconds_count{route="/guides/:id"}'), 3);
  assert.equal(scrape.get('linli_http_request_duration_seconds_sum{route="/guides/:id"}'), 30.203);
});

test('/ready answers 503 with database unreachable when the database fails, and does not wait past 2 s', async (t) => {
  const app = Fastify();
  installErrorHandler(app);
  const failing = {
    get: () => Promise.reject(new Error('connection refused')),
    all: () => Promise.reject(new Error('connection refused')),
    run: () => Promise.reject(new Error('connection refused')),
  };
  const readings = createServerReadings({ db: failing, clock: () => new Date(), openPushStreams: () => 0 });
  t.after(() => readings.stop());
  registerOpsRoutes(app, {
    db: failing,
    draining: () => false,
    requestMetrics: createRequestMetrics(),
    readings,
    metricsToken: undefined,
  });
  t.after(() => app.close());
  const reply = await app.inject({ url: '/ready' });
  assert.equal(reply.statusCode, 503);
  assert.deepEqual(reply.json(), { ready: false, database: 'unreachable', draining: false });
});

for (const backend of backends) {
  describe(`ops endpoints on ${backend.name}`, { skip: backend.skip }, () => {
    test('/health and /ready for the load balancer; /ready turns 503 while the instance drains', async (t) => {
      let draining = false;
      const { app } = await startApp(t, await backend.open(t), undefined, { draining: () => draining });
      assert.deepEqual((await app.inject({ url: '/health' })).json(), { ok: true });
      const ready = await app.inject({ url: '/ready' });
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { ready: true, database: 'ok', draining: false });
      draining = true;
      const leaving = await app.inject({ url: '/ready' });
      assert.equal(leaving.statusCode, 503);
      assert.deepEqual(leaving.json(), { ready: false, database: 'ok', draining: true });
    });

    test('/metrics: off without a token, 401 without the right one, else the requests, fleet, sync lag and queues', async (t) => {
      const start = Date.parse('2026-12-06T08:00:00.000Z');
      let now = start;
      const clock = () => new Date(now);
      const off = await startApp(t, await backend.open(t), clock);
      assert.equal((await off.app.inject({ url: '/metrics' })).statusCode, 404);

      const { app, services, system, admin, call, enrollDevice } = await startApp(t, await backend.open(t), clock, {
        metricsToken: TOKEN,
      });
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', TOKEN]) {
        const refused = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
        assert.equal(refused.statusCode, 401);
        assert.equal((refused.json() as ReturnType<LinliError['toBody']>).error.code, 'METRICS_TOKEN_INVALID');
      }
      const scrape = async () => {
        const reply = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(reply.statusCode, 200);
        assert.equal(reply.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
        return samples(reply.body);
      };

      // A kiosk reports at cursor 0; a guide is published 30 s later: the kiosk is behind by it.
      const kiosk = await enrollDevice();
      const heartbeat = (cursor: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/devices/heartbeat',
          headers: { authorization: kiosk.authorization, [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
          payload: { appVersion: '1.0.0', cursor, uptimeSec: 5 },
        });
      assert.equal((await heartbeat(0)).statusCode, 204);
      now += 30_000;
      await services.guides.create(system, guideInput({ id: 'g-metrics' }));
      now += 12_000;
      await call(admin, 'GET', '/guides/g-metrics');
      await call(admin, 'GET', '/guides/no-such-guide');
      let metrics = await scrape();
      assert.equal(
        metrics.get('linli_http_requests_total{method="GET",route="/api/v1/admin/guides/:id",status="200"}'),
        1,
      );
      assert.equal(
        metrics.get('linli_http_requests_total{method="GET",route="/api/v1/admin/guides/:id",status="404"}'),
        1,
        'the pattern, not the id asked for',
      );
      assert.equal(metrics.get('linli_devices{kind="kiosk"}'), 1);
      assert.equal(metrics.get('linli_devices_online{kind="kiosk"}'), 1);
      assert.equal(metrics.get('linli_sync_devices_behind'), 1);
      assert.equal(metrics.get('linli_sync_lag_seconds'), 12);
      assert.equal(metrics.get('linli_push_streams_open'), 0);
      for (const queue of ['case-forwards', 'bill-settlements', 'device-commands'])
        assert.equal(metrics.get(`linli_queue_depth{queue="${queue}"}`), 0, queue);
      assert.ok(metrics.get('process_resident_memory_bytes')! > 0);

      // It takes the change and says so; four minutes of silence later it no longer counts as online.
      const latest = metrics.get('linli_sync_latest_seq')!;
      assert.equal((await heartbeat(latest)).statusCode, 204);
      metrics = await scrape();
      assert.equal(metrics.get('linli_sync_devices_behind'), 0);
      assert.equal(metrics.get('linli_sync_lag_seconds'), 0);
      now += 240_000;
      assert.equal((await scrape()).get('linli_devices_online{kind="kiosk"}'), 0);
    });
  });
}
