/**
 * TV channels on every backend: approved by a second person and delivered signed (in the channel
 * context) to the targeted boxes only, guides as spotlights; refused with the field at fault; the
 * line-up (M3U) and programme guide (XMLTV, valid against the XMLTV DTD) for IPTV players, private
 * channels by a key; re-signed through a key rotation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TvChannelSchedule, parseWith, type ErrorDetail, type TvChannelInput, type TvProgramme } from '@linli/protocol';
import { backends } from './backends';
import { guideInput } from './fixtures';
import { hall, ofEntity, published, signedBy } from './player-street';
import { startApp } from './app-harness';
import { createDemoNotices, createDemoTvChannel, readDemoGuides } from '../src/demo-content';
import { systemActor } from '../src/domain/actor';
import { guideSpotlight, type LiveTvChannel } from '../src/domain/tv-channels';
import type { ChannelStreams } from '../src/tv/channel-streams';
import { lineupM3u } from '../src/tv/lineup-m3u';
import { xmltvDocument, xmltvTime } from '../src/tv/xmltv-guide';

const XMLTV_DTD = '/usr/share/xmltv/xmltv.dtd';

const programme = (id: string, start: string, durationMin: number, extra: Partial<TvProgramme> = {}): TvProgramme => ({
  id,
  title: id === 'news' ? '社区新闻' : '办事指南',
  description: '本周社区要闻 & 通知 <重要>',
  category: '新闻',
  start,
  durationMin,
  repeat: { every: 'day' },
  items: [{ id: `${id}-card`, kind: 'card', text: '欢迎收看', durationSec: 60 }],
  ...extra,
});

const channelInput = (overrides: Partial<TvChannelInput> = {}): TvChannelInput => ({
  number: 8,
  name: '安和社区频道',
  group: '社区',
  public: true,
  timeZone: 'Asia/Shanghai',
  programmes: [programme('news', '19:00', 30), programme('guides', '19:30', 30)],
  filler: [{ id: 'ident', kind: 'card', text: '安和社区频道', durationSec: 30 }],
  targets: { orgIds: [], groupIds: [] },
  ...overrides,
});

/** A channel as boxes receive it (id tv-1), checked against its schema. */
function scheduleOf(input: TvChannelInput): TvChannelSchedule {
  const { targets: _targets, ...fields } = input;
  return parseWith(TvChannelSchedule, { id: 'tv-1', version: 1, ...fields, spotlights: [] });
}

/** xmllint's verdict on a document against the XMLTV DTD (the Debian xmltv-util package's copy). */
function validAgainstXmltvDtd(document: string): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-xmltv-'));
  try {
    const file = path.join(dir, 'guide.xml');
    writeFileSync(file, document);
    execFileSync('xmllint', ['--noout', '--dtdvalid', XMLTV_DTD, file], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const dtdMissing = existsSync(XMLTV_DTD)
  ? false
  : `the XMLTV DTD is not at ${XMLTV_DTD} (npm test installs xmltv-util)`;

describe('TV channels: guide, line-up and spotlight (pure)', () => {
  test('XMLTV times are the channel zone’s wall clock with its offset', () => {
    assert.equal(xmltvTime(Date.parse('2026-12-05T11:00:00Z'), 'Asia/Shanghai'), '20261205190000 +0800');
    assert.equal(xmltvTime(Date.parse('2026-07-01T10:30:05Z'), 'America/New_York'), '20260701063005 -0400');
  });

  test(
    'the programme guide is valid XMLTV, text escaped, cut programmes listed for their time on air',
    { skip: dtdMissing },
    () => {
      const special = programme('special', '19:30', 15, { repeat: { every: 'once', date: '2026-12-05' } });
      delete special.description;
      const schedule = scheduleOf(channelInput({ programmes: [programme('news', '19:00', 60), special] }));
      const document = xmltvDocument(
        [schedule],
        Date.parse('2026-12-05T00:00:00Z'),
        Date.parse('2026-12-06T00:00:00Z'),
        'http://example.test/tv/xmltv.xml',
      );
      validAgainstXmltvDtd(document);
      assert.match(document, /<channel id="tv-1\.linli">/);
      assert.match(document, /<desc lang="zh">本周社区要闻 &#38; 通知 &#60;重要&#62;<\/desc>/);
      const starts = [...document.matchAll(/<programme start="(\d+) \+0800" stop="(\d+) \+0800"/g)].map(
        (match) => `${match[1]!.slice(8, 12)}-${match[2]!.slice(8, 12)}`,
      );
      assert.deepEqual(starts, ['1900-1930', '1930-1945', '1945-2000']);
    },
  );

  test('the M3U line-up names each channel for IPTV players, attribute values kept whole', () => {
    const schedule = {
      id: 'tv-1',
      version: 1,
      ...channelInput({ name: '安和"频道",一', group: '社区' }),
      spotlights: [],
    };
    const m3u = lineupM3u([schedule], {
      guideUrl: 'http://hall.test/tv/xmltv.xml',
      streamUrl: (channel) => `http://hall.test/tv/streams/${channel.id}/index.m3u8`,
    });
    assert.equal(
      m3u,
      [
        '#EXTM3U x-tvg-url="http://hall.test/tv/xmltv.xml"',
        '#EXTINF:-1 tvg-id="tv-1.linli" tvg-name="安和 频道 ，一" tvg-chno="8" group-title="社区",安和"频道",一',
        'http://hall.test/tv/streams/tv-1/index.m3u8',
        '',
      ].join('\n'),
    );
  });

  test('a guide in the spotlight says what to bring, where and when', () => {
    const spotlight = guideSpotlight('shebao-card-loss', guideInput());
    assert.equal(spotlight.title, '社会保障卡挂失');
    assert.deepEqual(spotlight.lines.slice(1), [
      '需带材料：本人有效居民身份证',
      '办理地点：安和街道便民服务中心（临江市安和区安和路88号）',
      '办公时间：周一至周五 9:00-17:00',
      '咨询电话：0571-86000001',
    ]);
  });
});

for (const backend of backends) {
  describe(`TV channels on ${backend.name}`, { skip: backend.skip }, () => {
    test('approved by a second person, a channel reaches its boxes signed, guides as spotlights; kiosks get none', async (t) => {
      const { admin, call, streetAdmin, linjiang, linjiangPlayer, wanghuPlayer, linjiangKiosk } = await hall(
        t,
        backend,
      );
      assert.equal((await call(admin, 'POST', '/guides', guideInput())).statusCode, 201);
      const input = channelInput({
        targets: { orgIds: [linjiang.id], groupIds: [] },
        programmes: [
          programme('guides', '19:30', 30, {
            items: [{ id: 'spot', kind: 'guide', guideId: 'shebao-card-loss', durationSec: 40 }],
          }),
        ],
      });
      const draft = await call(streetAdmin, 'POST', '/tv-channels', input);
      assert.equal(draft.statusCode, 201, draft.body);
      const { id } = draft.json() as { id: string };
      const own = await call(streetAdmin, 'POST', `/tv-channels/${id}/review`, { approve: true }, 1);
      assert.equal(own.statusCode, 409, 'the author does not approve their own channel');
      assert.equal((await call(streetAdmin, 'POST', `/tv-channels/${id}/submit`)).statusCode, 200);
      assert.equal((await call(admin, 'POST', `/tv-channels/${id}/review`, { approve: true }, 1)).statusCode, 200);

      const [key] = linjiangPlayer.signageKeys!;
      const [change] = ofEntity(await linjiangPlayer.pull(), 'tv-channel');
      assert.ok(change?.entity === 'tv-channel' && change.op === 'upsert');
      assert.ok(signedBy(change.data, 'channel', key!), 'signed in the channel context');
      assert.equal(signedBy(change.data, 'bundle', key!), false, 'never taken for a signage bundle');
      const schedule = parseWith(TvChannelSchedule, JSON.parse(change.data.payload));
      assert.equal(schedule.number, 8);
      assert.deepEqual(
        schedule.spotlights.map((spotlight) => spotlight.title),
        ['社会保障卡挂失'],
      );
      assert.deepEqual(ofEntity(await wanghuPlayer.pull(), 'tv-channel'), [], 'another community’s box gets nothing');
      assert.deepEqual(ofEntity(await linjiangKiosk.pull(), 'tv-channel'), [], 'kiosks get no channels');

      const list = (await call(admin, 'GET', '/tv-channels')).json() as { channels: { name: string }[]; total: number };
      assert.deepEqual(
        list.channels.map((channel) => channel.name),
        ['安和社区频道'],
      );

      const withdrawn = await call(admin, 'POST', `/tv-channels/${id}/withdraw`);
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      const [tombstone] = ofEntity(await linjiangPlayer.pull(), 'tv-channel');
      assert.equal(tombstone?.op, 'delete');
    });

    test('a channel is refused with each field at fault: a taken number, unknown notices, guides and files, a bad zone', async (t) => {
      const { admin, call, streetAdmin } = await hall(t, backend);
      await published(call, streetAdmin, admin, channelInput(), 'tv-channels');
      const refused = await call(
        streetAdmin,
        'POST',
        '/tv-channels',
        channelInput({
          name: '第二频道',
          programmes: [
            programme('news', '19:00', 30, {
              items: [
                { id: 'n', kind: 'notice', noticeId: 'no-such-notice', durationSec: 20 },
                { id: 'g', kind: 'guide', guideId: 'no-such-guide', durationSec: 20 },
                {
                  id: 'v',
                  kind: 'video',
                  media: { sha256: 'f'.repeat(64), bytes: 10, mime: 'video/mp4', name: '宣传片.mp4' },
                  lengthSec: 12,
                },
              ],
            }),
          ],
        }),
      );
      assert.equal(refused.statusCode, 400, refused.body);
      const body = (refused.json() as { error: { code: string; details: ErrorDetail[] } }).error;
      assert.equal(body.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        body.details.map((detail) => detail.path),
        ['/number', '/programmes/0/items/2/media', '/programmes/0/items/0/noticeId', '/programmes/0/items/1/guideId'],
      );
      assert.match(body.details[0]!.message, /channel 8 is already 「安和社区频道」/);
      const badZone = await call(
        streetAdmin,
        'POST',
        '/tv-channels',
        channelInput({ number: 9, timeZone: 'Mars/Base' }),
      );
      assert.equal(badZone.statusCode, 400);
      assert.equal((badZone.json() as { error: { details: ErrorDetail[] } }).error.details[0]!.path, '/timeZone');
      const { total } = (await call(admin, 'GET', '/tv-channels')).json() as { total: number };
      assert.equal(total, 1, 'nothing refused was stored');
    });

    test('IPTV players read the line-up and guide without signing in; private channels need a line-up key', async (t) => {
      const { app, admin, call, streetAdmin, anhe, linjiang } = await hall(t, backend);
      const publicId = await published(call, streetAdmin, admin, channelInput(), 'tv-channels');
      const privateId = await published(
        call,
        streetAdmin,
        admin,
        channelInput({
          number: 12,
          name: '临江内部频道',
          public: false,
          targets: { orgIds: [linjiang.id], groupIds: [] },
        }),
        'tv-channels',
      );
      const open = await app.inject({ url: '/tv/channels.m3u', headers: { host: 'tv.anhe.test' } });
      assert.equal(open.statusCode, 200);
      assert.match(open.headers['content-type'] as string, /mpegurl/);
      assert.ok(open.body.includes(`http://tv.anhe.test/tv/streams/${publicId}/index.m3u8`), 'absolute stream URLs');
      assert.ok(!open.body.includes(privateId), 'private channels are not listed without a key');

      const issued = await call(admin, 'POST', '/tv-feed-keys', { name: '运营商IPTV平台', orgId: anhe.id });
      assert.equal(issued.statusCode, 201, issued.body);
      const { key, id: keyId } = issued.json() as { key: string; id: string };
      const withKey = await app.inject({ url: `/tv/channels.m3u?key=${key}`, headers: { host: 'tv.anhe.test' } });
      assert.equal(withKey.statusCode, 200);
      assert.ok(withKey.body.includes(`http://tv.anhe.test/tv/keys/${key}/streams/${privateId}/index.m3u8`));
      assert.ok(withKey.body.includes(`x-tvg-url="http://tv.anhe.test/tv/xmltv.xml?key=${key}"`));

      const guide = await app.inject({ url: `/tv/xmltv.xml?key=${key}` });
      assert.equal(guide.statusCode, 200);
      assert.match(guide.headers['content-type'] as string, /xml/);
      assert.equal([...guide.body.matchAll(/<channel id=/g)].length, 2);
      assert.ok(guide.body.includes('<title lang="zh">社区新闻</title>'));
      if (!dtdMissing) validAgainstXmltvDtd(guide.body);

      assert.equal((await call(admin, 'POST', `/tv-feed-keys/${keyId}/revoke`)).statusCode, 200);
      const revoked = await app.inject({ url: `/tv/channels.m3u?key=${key}` });
      assert.equal(revoked.statusCode, 401);
      assert.equal((revoked.json() as { error: { code: string } }).error.code, 'UNAUTHENTICATED');
      assert.equal((await app.inject({ url: '/tv/xmltv.xml?key=tvk_nonsense' })).statusCode, 401);
    });

    test('streams: a public channel to anyone, a private one only under a line-up key of its subtree, the admin preview signed in', async (t) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-tv-streams-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      // The worker as the routes see it: the channels it streams and their files (here written by the test).
      const streamed = new Map<string, LiveTvChannel>();
      const channelStreams: ChannelStreams = {
        start: async () => undefined,
        stop: async () => undefined,
        status: () => [],
        channel: (id) => streamed.get(id),
        fileOf: (id, file) =>
          streamed.has(id) && /^(index\.m3u8|seg-\d+\.ts)$/.test(file) ? path.join(dir, id, file) : undefined,
      };
      const { app, services, admin, call, streetAdmin, anhe } = await hall(t, backend, { channelStreams });
      const publicId = await published(call, streetAdmin, admin, channelInput(), 'tv-channels');
      const privateId = await published(
        call,
        streetAdmin,
        admin,
        channelInput({ number: 9, name: '内部频道', public: false }),
        'tv-channels',
      );
      for (const live of await services.tvChannels.live()) {
        streamed.set(live.schedule.id, live);
        mkdirSync(path.join(dir, live.schedule.id));
        writeFileSync(path.join(dir, live.schedule.id, 'index.m3u8'), '#EXTM3U\n');
        writeFileSync(path.join(dir, live.schedule.id, 'seg-7.ts'), Buffer.alloc(188, 0x47));
      }
      const get = (url: string) => app.inject({ url });
      const open = await get(`/tv/streams/${publicId}/index.m3u8`);
      assert.equal(open.statusCode, 200);
      assert.equal(open.headers['content-type'], 'application/vnd.apple.mpegurl');
      assert.equal((await get(`/tv/streams/${publicId}/seg-7.ts`)).headers['content-type'], 'video/mp2t');
      assert.equal(
        (await get(`/tv/streams/${privateId}/index.m3u8`)).statusCode,
        404,
        'a private channel is not public',
      );
      assert.equal((await get(`/tv/streams/${publicId}/..%2F..%2Fsecret`)).statusCode, 400, 'only our own file names');
      assert.equal((await get(`/tv/streams/${publicId}/seg-8.ts`)).statusCode, 404, 'a segment not written');
      const { key, id: keyId } = (
        await call(admin, 'POST', '/tv-feed-keys', { name: 'IPTV', orgId: anhe.id })
      ).json() as { key: string; id: string };
      assert.equal((await get(`/tv/keys/${key}/streams/${privateId}/index.m3u8`)).statusCode, 200);
      const lineup = await app.inject({ url: `/tv/channels.m3u?key=${key}`, headers: { host: 'tv.test' } });
      assert.ok(lineup.body.includes(`http://tv.test/tv/keys/${key}/streams/${privateId}/index.m3u8`));
      const preview = await app.inject({
        url: `/api/v1/admin/tv-channels/${privateId}/stream/index.m3u8`,
        headers: admin,
      });
      assert.equal(preview.statusCode, 200, 'staff preview any channel');
      assert.equal(
        (await app.inject({ url: `/api/v1/admin/tv-channels/${privateId}/stream/index.m3u8` })).statusCode,
        401,
      );
      assert.equal((await call(admin, 'POST', `/tv-feed-keys/${keyId}/revoke`)).statusCode, 200);
      assert.equal((await get(`/tv/keys/${key}/streams/${privateId}/index.m3u8`)).statusCode, 401);
    });

    test('the demo channel airs the demo notices and guides all day, public in the line-up', async (t) => {
      const { app, services, root } = await startApp(t, await backend.open(t));
      const system = systemActor(root, 'system');
      const demo = systemActor(root, 'demo');
      assert.equal((await services.guides.importFile(system, readDemoGuides())).created > 100, true);
      const noticeIds = await createDemoNotices(services.notices, system, demo);
      const live = await createDemoTvChannel(services.tvChannels, system, demo, noticeIds);
      assert.deepEqual([live.name, live.state], ['社区频道', 'approved']);
      const [channel] = await services.tvChannels.live();
      const played = [...channel!.schedule.programmes.flatMap((p) => p.items), ...channel!.schedule.filler];
      assert.deepEqual(
        new Set(played.flatMap((item) => (item.kind === 'notice' ? [item.noticeId] : []))),
        new Set(noticeIds.values()),
        'every demo notice, by the id the server gave it',
      );
      assert.equal(channel!.schedule.spotlights.length, 3, 'each guide it names, in the spotlight');
      assert.ok(channel!.schedule.filler.length > 0, 'between programmes the filler shows content, not a blank card');
      const m3u = await app.inject({ url: '/tv/channels.m3u' });
      assert.match(m3u.body, /tvg-chno="1" group-title="社区",社区频道/);
    });

    test('a key rotation signs the live channels again with the new key', async (t) => {
      const { services, root, call, streetAdmin, admin, linjiangPlayer } = await hall(t, backend);
      await published(call, streetAdmin, admin, channelInput(), 'tv-channels');
      await linjiangPlayer.pull();
      const rotated = await services.signageKeys.rotate(systemActor(root, 'cli'));
      assert.equal(rotated.resigned, 1);
      const changes = await linjiangPlayer.pull();
      const [channel] = ofEntity(changes, 'tv-channel');
      const newKey = rotated.keys.find((key) => key.signing)!;
      assert.equal(channel?.op === 'upsert' && channel.data.keyId, newKey.id);
    });
  });
}
