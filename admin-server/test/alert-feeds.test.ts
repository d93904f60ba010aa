/**
 * Alert feeds polled on every backend: a warning centre that publishes (a CAP document, an Atom or
 * RSS index of them) on a real local HTTP server, the poller driven by its injected clock and
 * timers, and kiosks that pull the sync feed like devices. Also the admin API that sets the feed.
 */
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertSourceView } from '@linli/protocol';
import {
  createAlertFeedPoller,
  type AlertFeedPoller,
  type FeedLimits,
  type FeedPollOutcome,
  type FeedTimers,
} from '../src/domain/alert-feed-poller';
import { district } from './alert-district';
import { backends } from './backends';
import { DURING, LINJIANG_AREA, cancelXml, capXml } from './cap-fixtures';

const MINUTE = 60_000;
const HEADLINE = '临江市气象台发布暴雨红色预警信号';

interface Served {
  body: string | Buffer;
  /** Another status than 200, or `hang` for a server that never answers. */
  status?: number | 'hang';
}

/** A warning centre's web server on a free local port: what it serves, and every request it got. */
async function startCentre(t: TestContext) {
  const files = new Map<string, Served>();
  const requests: { path: string; ifNoneMatch: string | undefined; status: number | 'hang' }[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    const file = files.get(path);
    const record = (status: number | 'hang') =>
      requests.push({ path, ifNoneMatch: request.headers['if-none-match'], status });
    if (!file) {
      record(404);
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
    if (file.status === 'hang') return void record('hang');
    if (file.status) {
      record(file.status);
      return void response.writeHead(file.status, { 'content-type': 'text/plain' }).end('busy');
    }
    const etag = `"${createHash('sha256').update(file.body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) {
      record(304);
      return void response.writeHead(304, { etag }).end();
    }
    record(200);
    response.writeHead(200, { 'content-type': 'application/xml; charset=utf-8', etag }).end(file.body);
  });
  await listen(server);
  t.after(() => close(server));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** The requests since the last call. */
  let seen = 0;
  const newRequests = () => requests.slice(seen, (seen = requests.length));
  return { base, files, requests, newRequests };
}

const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** The CAP 1.2 Atom profile: each entry links to its document (typed) and to a web page. */
function atom(entries: { href: string; updated: string }[]): string {
  const items = entries.map(
    (entry) => `<entry>
    <id>${entry.href}</id>
    <title>临江市预警信息</title>
    <updated>${entry.updated}</updated>
    <link rel="alternate" type="text/html" href="https://qx.linjiang.gov.cn/yj/page.html"/>
    <link rel="related" type="application/cap+xml" href="${entry.href}"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>临江市突发事件预警信息</title>
  <updated>2026-07-01T10:00:00+08:00</updated>
  ${items.join('\n  ')}
</feed>`;
}

function rss(items: { link: string; pubDate?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>预警信息</title>
${items.map((item) => `<item><title>预警</title><link>${item.link}</link>${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}</item>`).join('\n')}
</channel></rss>`;
}

/** Timers run by the test: `advance` moves the shared clock on and runs the timers then due. */
function manualTimers(
  time: { now: Date },
  setNow: (instant: Date) => void,
): FeedTimers & { advance(ms: number): void } {
  const pending = new Set<{ due: number; run: () => void }>();
  return {
    after(ms, run) {
      const timer = { due: time.now.getTime() + ms, run };
      pending.add(timer);
      return () => void pending.delete(timer);
    },
    advance(ms) {
      time.now = new Date(time.now.getTime() + ms);
      setNow(time.now);
      const due = [...pending].filter((timer) => timer.due <= time.now.getTime()).sort((a, b) => a.due - b.due);
      for (const timer of due) {
        pending.delete(timer);
        timer.run();
      }
    },
  };
}

/** The district with a warning centre's server, and a poller of its source's feed on test time. */
async function feedDistrict(t: TestContext, backend: (typeof backends)[number], limits: Partial<FeedLimits> = {}) {
  const place = await district(t, backend);
  const centre = await startCentre(t);
  const time = { now: DURING };
  const timers = manualTimers(time, place.setNow);
  const outcomes: FeedPollOutcome[] = [];
  const warnings: unknown[] = [];
  const pollers: AlertFeedPoller[] = [];
  const startPoller = async () => {
    const poller = createAlertFeedPoller({
      db: place.db,
      alerts: place.services.alerts,
      sources: place.services.alertSources,
      clock: () => time.now,
      timers,
      log: { warn: (details, message) => warnings.push({ details, message }) },
      limits,
    });
    poller.onPolled((outcome) => outcomes.push(outcome));
    pollers.push(poller);
    await poller.start();
    return poller;
  };
  t.after(() => Promise.all(pollers.map((poller) => poller.stop())));
  const setFeed = async (body: object, id = place.feedSource.id) => {
    const reply = await place.call(place.admin, 'PUT', `/alert-sources/${id}/feed`, body);
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json() as AlertSourceView;
  };
  const viewOf = async (id = place.feedSource.id) => {
    const sources = (await place.call(place.admin, 'GET', '/alert-sources')).json().sources as AlertSourceView[];
    return sources.find((source) => source.id === id)!;
  };
  return { ...place, centre, time, timers, outcomes, warnings, startPoller, setFeed, viewOf };
}

for (const backend of backends) {
  describe(`alert feeds on ${backend.name}`, { skip: backend.skip }, () => {
    test('Atom: a new entry reaches the kiosk it covers, the Cancel added later ends it, an unchanged feed costs one 304', async (t) => {
      const { centre, kiosks, setFeed, startPoller, timers, outcomes, viewOf, call, admin, feedSource, time } =
        await feedDistrict(t, backend);
      centre.files.set('/cap/alert-1.xml', { body: capXml({ area: LINJIANG_AREA }) });
      centre.files.set('/feed.atom', {
        body: atom([{ href: 'cap/alert-1.xml', updated: '2026-07-01T08:30:00+08:00' }]),
      });
      const set = await setFeed({ feedUrl: `${centre.base}/feed.atom`, pollSec: 60 });
      assert.deepEqual(set.feed, {
        url: `${centre.base}/feed.atom`,
        pollSec: 60,
        lastPolledAt: null,
        lastError: null,
        lastTaken: null,
        nextPollAt: DURING.toISOString(),
      });
      const poller = await startPoller();

      timers.advance(0);
      await poller.settled();
      assert.deepEqual(outcomes.at(-1), {
        sourceId: feedSource.id,
        kind: 'index',
        taken: 1,
        deferred: 0,
        error: null,
        nextPollAt: new Date(time.now.getTime() + MINUTE).toISOString(),
      });
      assert.deepEqual(
        centre.newRequests().map((request) => request.path),
        ['/feed.atom', '/cap/alert-1.xml'],
        'the web page the entry also links to is not fetched',
      );
      assert.deepEqual(Object.values(await kiosks.linjiang.sync()), [HEADLINE]);
      assert.deepEqual(await kiosks.chunhui.sync(), {}, 'a community the alert does not cover');

      // The centre adds the all-clear; the alert already taken is not fetched again.
      centre.files.set('/cap/cancel-3.xml', { body: cancelXml() });
      centre.files.set('/feed.atom', {
        body: atom([
          { href: 'cap/cancel-3.xml', updated: '2026-07-01T11:30:00+08:00' },
          { href: 'cap/alert-1.xml', updated: '2026-07-01T08:30:00+08:00' },
        ]),
      });
      timers.advance(MINUTE);
      await poller.settled();
      assert.equal(outcomes.at(-1)!.taken, 1);
      const second = centre.newRequests();
      assert.deepEqual(
        second.map((request) => [request.path, request.status]),
        [
          ['/feed.atom', 200],
          ['/cap/cancel-3.xml', 200],
        ],
      );
      assert.ok(second[0]!.ifNoneMatch, 'the feed is asked for conditionally');
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'the Cancel took it off the kiosk');

      timers.advance(MINUTE);
      await poller.settled();
      assert.equal(outcomes.at(-1)!.kind, 'unchanged');
      assert.deepEqual(
        centre.newRequests().map((request) => [request.path, request.status]),
        [['/feed.atom', 304]],
        'nothing but the 304',
      );
      const view = await viewOf();
      assert.deepEqual(
        { ...view.feed, lastPolledAt: view.feed?.lastPolledAt?.slice(0, 16) },
        {
          url: `${centre.base}/feed.atom`,
          pollSec: 60,
          lastPolledAt: time.now.toISOString().slice(0, 16),
          lastError: null,
          lastTaken: 0,
          nextPollAt: new Date(time.now.getTime() + MINUTE).toISOString(),
        },
      );

      const audit = (await call(admin, 'GET', '/audit?limit=50')).json().entries as {
        action: string;
        actor: string;
        from: string;
      }[];
      const received = audit.filter((entry) => entry.action === 'alert.receive');
      assert.equal(received.length, 2);
      assert.ok(received.every((entry) => entry.actor === `alert-source:${feedSource.id}`));
      assert.ok(received.some((entry) => entry.from === `${centre.base}/cap/cancel-3.xml`));

      // A restart remembers what it took: the changed index costs one request.
      await poller.stop();
      centre.files.set('/feed.atom', {
        body: atom([
          { href: 'cap/cancel-3.xml', updated: '2026-07-01T11:30:00+08:00' },
          { href: 'cap/alert-1.xml', updated: '2026-07-01T08:30:00+08:00' },
        ]).replace('<title>临江市突发事件预警信息</title>', '<title>临江市预警</title>'),
      });
      const restarted = await startPoller();
      timers.advance(MINUTE);
      await restarted.settled();
      assert.deepEqual(
        centre.newRequests().map((request) => [request.path, request.status]),
        [['/feed.atom', 200]],
      );
      assert.equal(outcomes.at(-1)!.taken, 0);
    });

    test('a feed that is one CAP document is received as is; RSS with relative links, other schemes ignored, at most N a poll, newest first', async (t) => {
      const { centre, kiosks, setFeed, startPoller, timers, outcomes } = await feedDistrict(t, backend, {
        documentsPerPoll: 2,
      });
      centre.files.set('/now.xml', { body: capXml({ area: LINJIANG_AREA }) });
      await setFeed({ feedUrl: `${centre.base}/now.xml` });
      const poller = await startPoller();
      timers.advance(0);
      await poller.settled();
      assert.deepEqual([outcomes.at(-1)!.kind, outcomes.at(-1)!.taken], ['alert', 1]);
      assert.deepEqual(Object.values(await kiosks.linjiang.sync()), [HEADLINE]);
      timers.advance(MINUTE);
      await poller.settled();
      assert.equal(outcomes.at(-1)!.kind, 'unchanged');

      const warning = (n: number, hour: number) =>
        capXml({
          identifier: `33018841600000_202607010${hour}0000_${n}`,
          sent: `2026-07-01T0${hour}:00:00+08:00`,
          area: LINJIANG_AREA,
        });
      centre.files.set('/yj/cap/w1.xml', { body: warning(1, 6) });
      centre.files.set('/yj/cap/w2.xml', { body: warning(2, 7) });
      centre.files.set('/yj/cap/w3.xml', { body: warning(3, 8) });
      centre.files.set('/yj/rss.xml', {
        body: rss([
          { link: 'cap/w1.xml', pubDate: 'Wed, 01 Jul 2026 06:00:00 +0800' },
          { link: 'ftp://127.0.0.1/yj/cap/w4.xml', pubDate: 'Wed, 01 Jul 2026 09:00:00 +0800' },
          { link: 'javascript:alert(1)', pubDate: 'Wed, 01 Jul 2026 09:00:00 +0800' },
          { link: 'file:///etc/passwd', pubDate: 'Wed, 01 Jul 2026 09:00:00 +0800' },
          { link: '/yj/cap/w3.xml', pubDate: 'Wed, 01 Jul 2026 08:00:00 +0800' },
          { link: 'cap/w2.xml', pubDate: 'Wed, 01 Jul 2026 07:00:00 +0800' },
        ]),
      });
      await setFeed({ feedUrl: `${centre.base}/yj/rss.xml`, pollSec: 300 });
      await poller.settled();
      centre.newRequests();
      timers.advance(0);
      await poller.settled();
      assert.deepEqual([outcomes.at(-1)!.taken, outcomes.at(-1)!.deferred], [2, 1]);
      assert.deepEqual(
        centre.newRequests().map((request) => request.path),
        ['/yj/rss.xml', '/yj/cap/w3.xml', '/yj/cap/w2.xml'],
        'the newest two; nothing but http',
      );
      // What was left waits for the next poll, which asks for the whole index again.
      timers.advance(300_000);
      await poller.settled();
      assert.deepEqual([outcomes.at(-1)!.taken, outcomes.at(-1)!.deferred], [1, 0]);
      const third = centre.newRequests();
      assert.deepEqual(
        third.map((request) => [request.path, request.ifNoneMatch]),
        [
          ['/yj/rss.xml', undefined],
          ['/yj/cap/w1.xml', undefined],
        ],
      );
      timers.advance(300_000);
      await poller.settled();
      assert.deepEqual(
        centre.newRequests().map((request) => [request.path, request.status]),
        [['/yj/rss.xml', 304]],
      );
      assert.equal(Object.keys(await kiosks.linjiang.sync()).length, 4);
    });

    test('a feed that is down or serves garbage records a coded lastError, backs off, and the next good poll clears it', async (t) => {
      const { centre, setFeed, startPoller, timers, outcomes, viewOf, time, warnings, feedSource } = await feedDistrict(
        t,
        backend,
      );
      const gone = createServer();
      await listen(gone);
      const closedPort = (gone.address() as AddressInfo).port;
      await close(gone);

      await setFeed({ feedUrl: `http://127.0.0.1:${closedPort}/feed.atom` });
      const poller = await startPoller();
      timers.advance(0);
      await poller.settled();
      const refused = outcomes.at(-1)!;
      assert.equal(refused.error?.code, 'FEED_UNREACHABLE');
      assert.match(
        refused.error!.message,
        /^http:\/\/127\.0\.0\.1:\d+\/feed\.atom: cannot be reached \(ECONNREFUSED\)$/,
      );
      assert.equal(refused.nextPollAt, new Date(time.now.getTime() + MINUTE).toISOString());

      centre.files.set('/feed.atom', { body: '', status: 503 });
      await setFeed({ feedUrl: `${centre.base}/feed.atom` });
      await poller.settled();
      timers.advance(0);
      await poller.settled();
      assert.deepEqual(outcomes.at(-1)!.error, {
        code: 'FEED_UNREACHABLE',
        message: `${centre.base}/feed.atom: answered HTTP 503`,
      });

      centre.files.set('/feed.atom', { body: '<html><body>系统维护中' });
      timers.advance(MINUTE);
      await poller.settled();
      const garbage = outcomes.at(-1)!;
      assert.equal(garbage.error?.code, 'FEED_INVALID');
      assert.equal(
        garbage.nextPollAt,
        new Date(time.now.getTime() + 2 * MINUTE).toISOString(),
        'the second failure in a row waits twice as long',
      );
      assert.deepEqual((await viewOf()).feed?.lastError?.code, 'FEED_INVALID');

      // An index whose one document is not valid CAP: said, and fetched again by the next poll.
      centre.files.set('/cap/bad.xml', {
        body: capXml({ identifier: 'bad-1' }).replace('<severity>Extreme</severity>', '<severity>红色</severity>'),
      });
      centre.files.set('/cap/good.xml', { body: capXml({ area: LINJIANG_AREA }) });
      centre.files.set('/feed.atom', {
        body: atom([
          { href: 'cap/bad.xml', updated: '2026-07-01T09:00:00+08:00' },
          { href: 'cap/good.xml', updated: '2026-07-01T08:30:00+08:00' },
        ]),
      });
      centre.newRequests();
      timers.advance(2 * MINUTE);
      await poller.settled();
      const bad = outcomes.at(-1)!;
      assert.equal(bad.taken, 1);
      assert.equal(bad.error?.code, 'CAP_INVALID');
      assert.match(bad.error!.message, /\/cap\/bad\.xml: \/alert\/info\[1\]\/severity: must be one of/);
      assert.equal(bad.nextPollAt, new Date(time.now.getTime() + 4 * MINUTE).toISOString());
      timers.advance(4 * MINUTE);
      await poller.settled();
      assert.equal(outcomes.at(-1)!.error?.code, 'CAP_INVALID');

      centre.files.set('/cap/bad.xml', { body: capXml({ identifier: 'bad-1', area: LINJIANG_AREA }) });
      centre.newRequests();
      timers.advance(8 * MINUTE);
      await poller.settled();
      const good = outcomes.at(-1)!;
      assert.deepEqual([good.taken, good.error], [1, null]);
      assert.equal(good.nextPollAt, new Date(time.now.getTime() + MINUTE).toISOString(), 'back to the interval');
      assert.deepEqual(
        centre.newRequests().map((request) => request.path),
        ['/feed.atom', '/cap/bad.xml'],
        'the document taken before is not fetched again',
      );
      assert.equal((await viewOf()).feed?.lastError, null);

      // The log says which source and which code, never the alert or the address.
      assert.ok(warnings.length >= 5);
      const logged = JSON.stringify(warnings);
      assert.ok(!/暴雨|severity|127\.0\.0\.1/.test(logged), logged);
      assert.ok(logged.includes(feedSource.id));
    });

    test('limits: an index too large, a document larger than CAP_MAX_BYTES, a feed that never answers', async (t) => {
      const { centre, setFeed, startPoller, timers, outcomes } = await feedDistrict(t, backend, {
        timeoutMs: 300,
        indexBytes: 4096,
      });
      centre.files.set('/big.atom', {
        body: atom(
          Array.from({ length: 40 }, (_, n) => ({ href: `cap/${n}.xml`, updated: '2026-07-01T08:30:00+08:00' })),
        ),
      });
      await setFeed({ feedUrl: `${centre.base}/big.atom` });
      const poller = await startPoller();
      timers.advance(0);
      await poller.settled();
      assert.deepEqual(outcomes.at(-1)!.error, {
        code: 'FEED_INVALID',
        message: `${centre.base}/big.atom: is larger than 4 KiB`,
      });

      centre.files.set('/huge.xml', { body: capXml().replace('</alert>', `<!--${'x'.repeat(300 * 1024)}--></alert>`) });
      centre.files.set('/small.atom', { body: atom([{ href: 'huge.xml', updated: '2026-07-01T08:30:00+08:00' }]) });
      await setFeed({ feedUrl: `${centre.base}/small.atom` });
      await poller.settled();
      timers.advance(0);
      await poller.settled();
      assert.deepEqual(outcomes.at(-1)!.error, {
        code: 'CAP_INVALID',
        message: `${centre.base}/huge.xml: /alert: is larger than 256 KiB`,
      });

      centre.files.set('/slow.atom', { body: '', status: 'hang' });
      await setFeed({ feedUrl: `${centre.base}/slow.atom` });
      await poller.settled();
      timers.advance(0);
      await poller.settled();
      assert.deepEqual(outcomes.at(-1)!.error, {
        code: 'FEED_UNREACHABLE',
        message: `${centre.base}/slow.atom: no complete answer within 0.3 s`,
      });
    });

    test('a revoked source is not polled; a cleared feed neither', async (t) => {
      const { centre, setFeed, startPoller, timers, viewOf, call, admin, feedSource, source } = await feedDistrict(
        t,
        backend,
      );
      centre.files.set('/feed.atom', { body: atom([]) });
      await setFeed({ feedUrl: `${centre.base}/feed.atom` });
      const other = await source('省预警信息发布中心');
      await setFeed({ feedUrl: `${centre.base}/feed.atom?province=1` }, other.id);
      const poller = await startPoller();
      timers.advance(0);
      await poller.settled();
      assert.equal(centre.newRequests().length, 2);

      assert.equal((await call(admin, 'POST', `/alert-sources/${feedSource.id}/revoke`)).statusCode, 200);
      await setFeed({ feedUrl: null }, other.id);
      await poller.settled();
      timers.advance(10 * MINUTE);
      await poller.settled();
      assert.deepEqual(centre.newRequests(), []);
      assert.equal((await viewOf()).feed?.nextPollAt, null, 'a revoked source has no next poll');
      assert.equal((await viewOf(other.id)).feed, null);
      const again = await call(admin, 'PUT', `/alert-sources/${feedSource.id}/feed`, { feedUrl: `${centre.base}/x` });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'REVIEW_STATE_INVALID');
    });

    test('the admin API: feed addresses and intervals checked by field, credentials never shown, audited, system administrators only', async (t) => {
      const { call, admin, db, user, anhe, feedSource } = await district(t, backend);
      const create = (body: object) => call(admin, 'POST', '/alert-sources', { name: '省预警信息发布中心', ...body });
      const put = (body: object, id = feedSource.id) => call(admin, 'PUT', `/alert-sources/${id}/feed`, body);
      const problem = async (reply: Awaited<ReturnType<typeof put>>) => {
        assert.equal(reply.statusCode, 400, reply.body);
        const { error } = reply.json() as { error: { code: string; details: { path: string; message: string }[] } };
        assert.equal(error.code, 'VALIDATION_FAILED');
        return error.details[0]!;
      };
      assert.deepEqual(await problem(await put({ feedUrl: 'ftp://qx.linjiang.gov.cn/feed.atom' })), {
        path: '/feedUrl',
        message: 'must be an http or https address',
      });
      assert.deepEqual(await problem(await put({ feedUrl: 'https://qx.linjiang.gov.cn/a', pollSec: 5 })), {
        path: 'body/pollSec',
        message: 'must be >= 15',
      });
      assert.equal((await problem(await put({ feedUrl: 'https://h/a', pollSec: 7200 }))).path, 'body/pollSec');
      assert.equal((await problem(await put({ feedUrl: 'https://h/a', pollSec: 1.5 }))).path, 'body/pollSec');
      assert.equal((await problem(await put({ pollSec: 60 }))).path, 'body');
      assert.deepEqual(await problem(await create({ feedUrl: 'javascript:alert(1)' })), {
        path: '/feedUrl',
        message: 'must be an http or https address',
      });
      assert.equal((await problem(await create({ feedUrl: 'https://h/a', pollSec: 3601 }))).path, 'body/pollSec');
      assert.equal((await put({ feedUrl: 'https://h/a' }, 'src-nope')).statusCode, 404);
      const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);
      const refused = await call(streetAdmin, 'PUT', `/alert-sources/${feedSource.id}/feed`, {
        feedUrl: 'https://h/a',
      });
      assert.equal(refused.statusCode, 403);

      const secret = 'https://yjzx:s3cret@qx.linjiang.gov.cn/cap/feed.atom?area=330188&token=t0ken';
      const set = await put({ feedUrl: secret });
      assert.equal(set.statusCode, 200, set.body);
      const shown = 'https://***@qx.linjiang.gov.cn/cap/feed.atom?area=330188&token=***';
      assert.deepEqual((set.json() as AlertSourceView).feed?.url, shown);
      assert.equal((set.json() as AlertSourceView).feed?.pollSec, 60);
      // The address as shown, sent back with another interval, keeps the credentials stored.
      const retimed = (await put({ feedUrl: shown, pollSec: 120 })).json() as AlertSourceView;
      assert.deepEqual([retimed.feed?.url, retimed.feed?.pollSec], [shown, 120]);
      const stored = await db.get<{ url: string }>('SELECT url FROM alert_feeds WHERE source_id = ?', [feedSource.id]);
      assert.equal(stored?.url, secret);
      const cleared = (await put({ feedUrl: null })).json() as AlertSourceView;
      assert.equal(cleared.feed, null);

      const created = await create({ feedUrl: 'https://qx.linjiang.gov.cn/cap/latest.xml' });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(
        [created.json().feed.url, created.json().feed.pollSec],
        ['https://qx.linjiang.gov.cn/cap/latest.xml', 60],
      );

      const audit = (await call(admin, 'GET', '/audit?limit=100')).json().entries as {
        action: string;
        outcome: string;
        after: unknown;
      }[];
      const feedSteps = audit.filter((entry) => entry.action === 'alert-source.feed');
      assert.deepEqual(feedSteps.map((entry) => entry.outcome).sort(), ['denied', 'ok', 'ok', 'ok']);
      assert.ok(
        feedSteps.some((entry) => JSON.stringify(entry.after).includes('"pollSec":120')),
        JSON.stringify(feedSteps),
      );
      const written = JSON.stringify(audit);
      assert.ok(!written.includes('s3cret') && !written.includes('t0ken'), 'no credentials in the audit trail');
    });
  });
}
