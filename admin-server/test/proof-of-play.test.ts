/**
 * Proof of play on every backend: a player's upload is stored once per play id however often it
 * is sent; the report sums plays per screen and item over the days asked for (China Standard
 * Time), only for screens under the user's node; CSV and XLSX carry the same rows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
  deviceAuthorization,
  type DeviceView,
  type PlayRecord,
  type ProofOfPlayReport,
} from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { readSpreadsheet } from '../src/import/spreadsheet';
import { reportWindow } from '../src/domain/proof-of-play';

const PASSWORD = 'Linli2026plays';

const play = (n: number, itemId: string, startedAt: string, seconds: number): PlayRecord => ({
  playId: `play-${String(n).padStart(6, '0')}`,
  publicationId: 'pub-hall',
  layoutId: 'hall',
  zoneId: 'main',
  itemId,
  startedAt,
  endedAt: new Date(Date.parse(startedAt) + seconds * 1000).toISOString(),
});

test('a report of days covers them in China Standard Time, and refuses a backwards or overlong range', () => {
  assert.deepEqual(reportWindow('2026-12-01', '2026-12-01'), {
    since: '2026-11-30T16:00:00.000Z',
    until: '2026-12-01T16:00:00.000Z',
  });
  assert.throws(() => reportWindow('2026-12-02', '2026-12-01'), { code: 'VALIDATION_FAILED' });
  assert.throws(() => reportWindow('2025-01-01', '2026-12-01'), { code: 'VALIDATION_FAILED' });
});

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('uploads are stored once per play id; the report sums per screen and item, scoped and exportable', async (t) => {
      const { app, admin, root, call, signInAs } = await startApp(t, await backend.open(t));
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const jiangbin = await node(root.id, '江滨街道', '330188002000');
      const player = async (orgId: number, name: string) => {
        const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
          .code as string;
        const enrolled = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name, kind: 'player' } })
        ).json() as { deviceId: string; secret: string };
        const headers = {
          authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        };
        const upload = (plays: PlayRecord[]) =>
          app.inject({ method: 'POST', url: '/api/v1/devices/plays', headers, payload: { plays } });
        const heartbeat = (beat: object) =>
          app.inject({ method: 'POST', url: '/api/v1/devices/heartbeat', headers, payload: beat });
        return { deviceId: enrolled.deviceId, upload, heartbeat };
      };
      const hall = await player(anhe.id, '安和大厅屏');
      const other = await player(jiangbin.id, '江滨大厅屏');

      const batch = [
        play(1, 'notice-1', '2026-12-01T01:00:00.000Z', 15),
        play(2, 'notice-1', '2026-12-01T01:01:00.000Z', 15),
        play(3, 'clock', '2026-12-01T01:00:15.000Z', 10),
        // 2 December in Beijing (00:30 +08:00) although 1 December in UTC.
        play(4, 'clock', '2026-12-01T16:30:00.000Z', 10),
      ];
      const first = await hall.upload(batch);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { stored: 4, alreadyStored: 0 });
      // The same batch again (its answer was lost), with one new play: only that one is new.
      const again = await hall.upload([...batch, play(5, 'clock', '2026-12-01T02:00:00.000Z', 10)]);
      assert.deepEqual(again.json(), { stored: 1, alreadyStored: 4 });
      // The same play id from another screen is another play.
      assert.deepEqual((await other.upload([batch[0]!])).json(), { stored: 1, alreadyStored: 0 });

      const bad = await hall.upload([{ ...batch[0]!, playId: 'x' }]);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
      const anonymous = await app.inject({
        method: 'POST',
        url: '/api/v1/devices/plays',
        headers: { [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION) },
        payload: { plays: batch },
      });
      assert.equal(anonymous.statusCode, 401, 'a device must be enrolled to upload');

      // The screen as the player's heartbeat reports it, in the fleet view.
      const screen = {
        playing: { id: 'pub-hall', version: 2, title: '大厅公告屏' },
        refused: [{ id: 'pub-lobby', version: 3, code: 'SIGNATURE_INVALID' }],
        frozenReloads: 1,
        videosNotStarted: 0,
        playsPending: 12,
      };
      const beat = await hall.heartbeat({ appVersion: '0.1.0', cursor: 9, uptimeSec: 60, screen });
      assert.equal(beat.statusCode, 204, beat.body);
      const devices = (await call(admin, 'GET', '/devices')).json().devices as DeviceView[];
      assert.deepEqual(devices.find((device) => device.id === hall.deviceId)?.screen, screen);
      assert.equal(devices.find((device) => device.id === other.deviceId)?.screen, null, 'no heartbeat yet');

      const report = (
        await call(admin, 'GET', '/proof-of-play?from=2026-12-01&to=2026-12-01')
      ).json() as ProofOfPlayReport;
      const rows = report.rows.map((row) => [row.deviceName, row.itemId, row.plays, row.seconds]);
      assert.deepEqual(rows, [
        ['安和大厅屏', 'clock', 2, 20],
        ['安和大厅屏', 'notice-1', 2, 30],
        ['江滨大厅屏', 'notice-1', 1, 15],
      ]);
      assert.equal(report.plays, 5, "the play of 2 December (Beijing) is not in 1 December's report");

      const created = await call(admin, 'POST', '/users', {
        username: 'anhe.admin',
        displayName: '安和管理员',
        role: 'street-admin',
        orgId: anhe.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(created.statusCode, 201, created.body);
      const street = await signInAs('anhe.admin', PASSWORD);
      const own = (
        await call(street, 'GET', '/proof-of-play?from=2026-12-01&to=2026-12-02')
      ).json() as ProofOfPlayReport;
      assert.deepEqual(
        new Set(own.rows.map((row) => row.deviceName)),
        new Set(['安和大厅屏']),
        "only the street's screens",
      );
      const outside = await call(street, 'GET', `/proof-of-play?from=2026-12-01&to=2026-12-02&orgId=${jiangbin.id}`);
      assert.equal(outside.statusCode, 403, "another street's screens are refused");

      const csv = await call(street, 'GET', '/proof-of-play/export?from=2026-12-01&to=2026-12-02&format=csv');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(csv.body, /^\uFEFF屏幕,屏幕编号,节目/);
      assert.match(csv.body, /安和大厅屏,[^,]+,,pub-hall,hall,main,clock,3,30,/);
      const xlsx = await call(street, 'GET', '/proof-of-play/export?from=2026-12-01&to=2026-12-02&format=xlsx');
      assert.equal(xlsx.statusCode, 200);
      assert.match(String(xlsx.headers['content-disposition']), /linli-proof-of-play-2026-12-01-2026-12-02\.xlsx/);
      const sheet = readSpreadsheet({ bytes: xlsx.rawPayload, fileName: 'report.xlsx' });
      assert.deepEqual(sheet.rows[0]?.slice(0, 3), ['屏幕', '屏幕编号', '节目']);
      assert.deepEqual(
        sheet.rows.slice(1).map((row) => [row[0], row[6], row[7], row[8]]),
        [
          ['安和大厅屏', 'clock', '3', '30'],
          ['安和大厅屏', 'notice-1', '2', '30'],
        ],
      );
    });
  });
}
