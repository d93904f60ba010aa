/**
 * Signage publications end to end on every backend: enrolled as players and kiosks, reviewed by a
 * second person, delivered signed to the targeted players only (checked as a player checks them),
 * withdrawn and retargeted as tombstones, refused with the field at fault, re-signed through a key
 * rotation; and the demo publication.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import {
  SignageKeySetPayload,
  SignagePublication,
  deviceAuthorization,
  parseWith,
  presetLayout,
  type Change,
  type DeviceView,
  type FormDefinition,
  type SignageInput,
  type SignageSchedule,
} from '@linli/protocol';
import { backends } from './backends';
import { startApp } from './app-harness';
import { hall, ofEntity, published, signedBy, upload } from './player-street';
import { guideInput } from './fixtures';
import { systemActor } from '../src/domain/actor';
import { createDemoNotices, createDemoSignage, readDemoSignage } from '../src/demo-content';
import { mediaProblems, mediaUses, withLibraryMedia } from '../src/domain/signage';

const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');

/** A hall screen: the main zone with the items given, a ticker below (presetLayout 'main-ticker'). */
function schedule(mainItems: SignageSchedule['layouts'][number]['zones'][number]['playlist'] = []): SignageSchedule {
  const layout = presetLayout('main-ticker', 'landscape', 'hall', '大厅');
  layout.zones[0]!.playlist = [
    ...mainItems,
    { id: 'hours', kind: 'text', text: '办事大厅开放时间：周一至周五 9:00–17:00', durationSec: 10 },
  ];
  layout.zones[1]!.playlist = [
    { id: 'welcome', kind: 'ticker', text: '欢迎来到安和街道便民服务中心', durationSec: 60 },
  ];
  return {
    timeZone: 'Asia/Shanghai',
    layouts: [layout],
    entries: [],
    defaultLayoutId: 'hall',
    operatingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], from: '07:00', to: '22:00' }],
  };
}

const input = (overrides: Partial<SignageInput> = {}): SignageInput => ({
  title: '大厅公告屏',
  schedule: schedule(),
  targets: { orgIds: [], groupIds: [] },
  ...overrides,
});

describe('signage: the files a schedule plays (pure)', () => {
  const sha = (digit: string) => digit.repeat(64);
  const files = schedule([
    { id: 'a', kind: 'image', media: { sha256: sha('a'), bytes: 1, mime: 'image/png', name: 'a.png' }, durationSec: 5 },
    { id: 'v', kind: 'video', media: { sha256: sha('b'), bytes: 1, mime: 'video/mp4', name: 'b.mp4' }, lengthSec: 9 },
    {
      id: 'p',
      kind: 'pdf',
      media: { sha256: sha('c'), bytes: 1, mime: 'application/pdf', name: 'c.pdf' },
      pageCount: 2,
      pageSec: 5,
    },
  ]);

  test('each file item is found with its path; text, clock and ticker items name no file', () => {
    assert.deepEqual(
      mediaUses(files).map((use) => `${use.path} ${use.kind}`),
      [
        '/schedule/layouts/0/zones/0/playlist/0/media image',
        '/schedule/layouts/0/zones/0/playlist/1/media video',
        '/schedule/layouts/0/zones/0/playlist/2/media pdf',
      ],
    );
  });

  test('a file missing from the library or of another type than its item is a problem at the item', () => {
    const library = [
      { sha256: sha('a'), bytes: 2048, mime: 'image/jpeg' },
      { sha256: sha('b'), bytes: 4096, mime: 'image/png' },
    ];
    assert.deepEqual(mediaProblems(mediaUses(files), library, '安和街道'), [
      {
        path: '/schedule/layouts/0/zones/0/playlist/1/media',
        message: 'item "v" is a video item but b.mp4 is image/png',
      },
      {
        path: '/schedule/layouts/0/zones/0/playlist/2/media',
        message: 'item "p": c.pdf is not in the media library of 安和街道',
      },
    ]);
    const [image] = mediaUses(withLibraryMedia(files, library));
    assert.deepEqual(
      image!.media,
      { sha256: sha('a'), bytes: 2048, mime: 'image/jpeg', name: 'a.png' },
      'size and type are the library’s',
    );
  });
});

for (const backend of backends) {
  describe(`signage on ${backend.name}`, { skip: backend.skip }, () => {
    test('approved by a second person, a publication reaches its players signed; kiosks get no signage, players no guides or forms', async (t) => {
      const { app, admin, call, streetAdmin, linjiang, wanghu, linjiangPlayer, wanghuPlayer, linjiangKiosk } =
        await hall(t, backend);
      // A guide and a form for everyone, which only kiosks are sent.
      assert.equal((await call(admin, 'POST', '/guides', guideInput())).statusCode, 201);
      const definition = JSON.parse(
        readFileSync(path.join(FORMS_DIR, 'residence-certificate.form.json'), 'utf8'),
      ) as FormDefinition;
      const template = await upload(
        app,
        admin,
        '居住证明申请表.pdf',
        readFileSync(path.join(FORMS_DIR, 'residence-certificate.pdf')),
      );
      const form = await call(admin, 'POST', '/forms', {
        id: definition.id,
        category: 'household',
        definition,
        templateSha256: template.sha256,
        published: true,
      });
      assert.equal(form.statusCode, 201, form.body);

      assert.equal(linjiangPlayer.signageKeys?.length, 1, 'a player is told the key to trust');
      assert.equal(linjiangKiosk.signageKeys, undefined, 'a kiosk is not');
      const [key] = linjiangPlayer.signageKeys!;
      const { devices } = (await call(admin, 'GET', '/devices')).json() as { devices: DeviceView[] };
      assert.deepEqual(
        devices.map((device) => `${device.name}:${device.kind}`),
        ['临江社区大厅屏:player', '望湖社区大厅屏:player', '临江社区一号机:kiosk'],
      );

      const poster = await sharp({ create: { width: 32, height: 18, channels: 3, background: '#1d4e89' } })
        .png()
        .toBuffer();
      const image = await upload(app, streetAdmin, '便民服务海报.png', poster);
      const body = input({
        schedule: schedule([
          // The size the editor sent is wrong: players are sent the library's.
          {
            id: 'poster',
            kind: 'image',
            media: { sha256: image.sha256, mime: image.mime, bytes: 1, name: '便民服务海报.png' },
            durationSec: 15,
          },
        ]),
        targets: { orgIds: [linjiang.id], groupIds: [] },
      });
      const draft = (await call(streetAdmin, 'POST', '/signage', body)).json();
      assert.deepEqual([draft.state, draft.author, draft.published], ['draft', 'anhe.admin', false]);
      assert.equal((await call(streetAdmin, 'POST', `/signage/${draft.id}/submit`)).json().state, 'in-review');
      const self = await call(streetAdmin, 'POST', `/signage/${draft.id}/review`, { approve: true }, 1);
      assert.equal(self.json().error.code, 'SECOND_PERSON_REQUIRED');
      const beforeApproval = await linjiangPlayer.pull();
      assert.deepEqual(ofEntity(beforeApproval, 'signage'), [], 'nothing live before approval');
      assert.deepEqual(ofEntity(beforeApproval, 'guide', 'form'), [], 'a player is sent no guides or forms');
      // The key set, made at the first player's enrollment, signed by the key the player was given.
      const [keySet] = ofEntity(beforeApproval, 'signage-keys');
      assert.ok(keySet?.op === 'upsert' && keySet.id === 'current');
      assert.ok(signedBy(keySet.data, 'keys', key!));
      assert.deepEqual(parseWith(SignageKeySetPayload, JSON.parse(keySet.data.payload)).keys, [key]);
      const approved = (await call(admin, 'POST', `/signage/${draft.id}/review`, { approve: true }, 1)).json();
      assert.deepEqual([approved.state, approved.liveVersion], ['approved', 1]);

      // The publication, signed by the key the player was given.
      const playerChanges = await linjiangPlayer.pull();
      assert.deepEqual(
        playerChanges.map((change) => change.entity),
        ['signage'],
      );
      const [signed] = ofEntity(playerChanges, 'signage');
      assert.ok(signed?.entity === 'signage' && signed.op === 'upsert');
      assert.deepEqual([signed.id, signed.data.id, signed.data.version], [draft.id, draft.id, 1]);
      assert.ok(signedBy(signed.data, 'bundle', key!), 'the signature verifies with the enrollment key');
      const publication = parseWith(SignagePublication, JSON.parse(signed.data.payload));
      assert.deepEqual([publication.id, publication.version, publication.title], [draft.id, 1, '大厅公告屏']);
      assert.equal(publication.publishedAt, approved.updatedAt);
      const [main] = publication.schedule.layouts[0]!.zones;
      assert.deepEqual(main!.playlist[0], {
        id: 'poster',
        kind: 'image',
        media: { sha256: image.sha256, bytes: poster.length, mime: 'image/png', name: '便民服务海报.png' },
        durationSec: 15,
      });
      assert.deepEqual({ ...publication.schedule, layouts: [] }, { ...body.schedule, layouts: [] });
      const tampered = { ...signed.data, payload: signed.data.payload.replace('大厅公告屏', '篡改的节目') };
      assert.equal(signedBy(tampered, 'bundle', key!), false, 'a changed payload does not verify');

      const kioskChanges = await linjiangKiosk.pull();
      assert.deepEqual(ofEntity(kioskChanges, 'signage', 'signage-keys'), [], 'a kiosk is sent no signage');
      assert.deepEqual(
        ofEntity(kioskChanges, 'guide', 'form').map((change) => change.entity),
        ['guide', 'form'],
        'a kiosk is sent guides and forms',
      );
      assert.deepEqual(ofEntity(await wanghuPlayer.pull(), 'signage'), [], 'another community’s player gets nothing');

      // A new version aimed at 望湖 leaves 临江: a tombstone there, the publication in 望湖.
      const moved = await call(
        streetAdmin,
        'PUT',
        `/signage/${draft.id}`,
        { ...body, targets: { orgIds: [wanghu.id], groupIds: [] } },
        1,
      );
      assert.deepEqual([moved.json().state, moved.json().liveVersion], ['draft', 1]);
      assert.deepEqual(ofEntity(await linjiangPlayer.pull(), 'signage'), [], 'a draft changes nothing on players');
      await call(streetAdmin, 'POST', `/signage/${draft.id}/submit`);
      assert.equal((await call(admin, 'POST', `/signage/${draft.id}/review`, { approve: true }, 2)).statusCode, 200);
      assert.deepEqual(
        ofEntity(await linjiangPlayer.pull(), 'signage').map((change) => `${change.op} ${change.id}`),
        [`delete ${draft.id}`],
      );
      const [there] = ofEntity(await wanghuPlayer.pull(), 'signage');
      assert.ok(there?.entity === 'signage' && there.op === 'upsert' && there.data.version === 2);
      assert.ok(signedBy(there.data, 'bundle', wanghuPlayer.signageKeys![0]!));

      // Withdrawn: a tombstone for the players that hold it.
      assert.equal((await call(admin, 'POST', `/signage/${draft.id}/withdraw`)).json().state, 'withdrawn');
      assert.deepEqual(
        ofEntity(await wanghuPlayer.pull(), 'signage').map((change) => `${change.op} ${change.id}`),
        [`delete ${draft.id}`],
      );
      assert.deepEqual(ofEntity(await linjiangKiosk.pull(), 'signage'), []);

      const listed = (await call(streetAdmin, 'GET', '/signage?state=withdrawn')).json();
      assert.deepEqual(
        listed.publications.map((p: { id: string }) => p.id),
        [draft.id],
      );
      const trail = (await call(admin, 'GET', '/audit?action=signage.&limit=100')).json();
      assert.deepEqual(
        new Set(trail.entries.map((e: { action: string; outcome: string }) => `${e.action} ${e.outcome}`)),
        new Set([
          'signage.create ok',
          'signage.submit ok',
          'signage.approve denied',
          'signage.approve ok',
          'signage.update ok',
          'signage.withdraw ok',
        ]),
      );
    });

    test('a bad schedule, a file not in the library or of another type is refused, naming the field', async (t) => {
      const { app, call, streetAdmin, admin } = await hall(t, backend);
      const badDefault = await call(
        streetAdmin,
        'POST',
        '/signage',
        input({ schedule: { ...schedule(), defaultLayoutId: 'lobby' } }),
      );
      assert.equal(badDefault.statusCode, 400, badDefault.body);
      assert.equal(badDefault.json().error.code, 'VALIDATION_FAILED');
      assert.deepEqual(
        badDefault.json().error.details.map((d: { path: string }) => d.path),
        ['/schedule/defaultLayoutId'],
      );
      const overlapping = schedule();
      overlapping.layouts[0]!.zones[1]!.y = 10;
      const overlap = await call(streetAdmin, 'POST', '/signage', input({ schedule: overlapping }));
      assert.equal(overlap.statusCode, 400);
      assert.deepEqual(
        overlap.json().error.details.map((d: { path: string }) => d.path),
        ['/schedule/layouts/0/zones/1'],
      );
      const badZone = await call(
        streetAdmin,
        'POST',
        '/signage',
        input({ schedule: { ...schedule(), timeZone: 'Mars/Olympus' } }),
      );
      assert.equal(badZone.json().error.details[0].path, '/schedule/timeZone');

      const unknown = 'ab'.repeat(32);
      const missing = await call(
        streetAdmin,
        'POST',
        '/signage',
        input({
          schedule: schedule([
            {
              id: 'ghost',
              kind: 'image',
              media: { sha256: unknown, bytes: 10, mime: 'image/png', name: '不存在.png' },
              durationSec: 10,
            },
          ]),
        }),
      );
      assert.equal(missing.statusCode, 400, missing.body);
      assert.equal(missing.json().error.code, 'VALIDATION_FAILED');
      assert.deepEqual(missing.json().error.details, [
        {
          path: '/schedule/layouts/0/zones/0/playlist/0/media',
          message: 'item "ghost": 不存在.png is not in the media library of 安和街道',
        },
      ]);

      const poster = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer();
      const image = await upload(app, admin, '海报.png', poster);
      const wrongType = await call(
        streetAdmin,
        'POST',
        '/signage',
        input({
          schedule: schedule([
            {
              id: 'film',
              kind: 'video',
              media: { sha256: image.sha256, bytes: image.bytes, mime: image.mime, name: '海报.png' },
              lengthSec: 30,
            },
          ]),
        }),
      );
      assert.equal(wrongType.statusCode, 400);
      assert.deepEqual(wrongType.json().error.details, [
        {
          path: '/schedule/layouts/0/zones/0/playlist/0/media',
          message: 'item "film" is a video item but 海报.png is image/png',
        },
      ]);
      // The district's file is within reach of the street: the same item as an image is fine.
      const fine = await call(
        streetAdmin,
        'POST',
        '/signage',
        input({
          schedule: schedule([
            {
              id: 'film',
              kind: 'image',
              media: { sha256: image.sha256, bytes: image.bytes, mime: image.mime, name: '海报.png' },
              durationSec: 8,
            },
          ]),
        }),
      );
      assert.equal(fine.statusCode, 201, fine.body);
      assert.equal((await call(streetAdmin, 'GET', '/signage')).json().total, 1, 'nothing refused was stored');
      const removed = await call(admin, 'DELETE', `/media/${image.id}`);
      assert.equal(removed.json().error.code, 'MEDIA_IN_USE', 'a file signage plays stays in the library');
    });

    test('a key rotation: the new set signed by the old key, live publications signed again by the new; retiring leaves the new alone', async (t) => {
      const { call, admin, streetAdmin, services, root, anhe, linjiangPlayer, linjiangKiosk, device, linjiang } =
        await hall(t, backend);
      const id = await published(call, streetAdmin, admin, input());
      const [oldKey] = linjiangPlayer.signageKeys!;
      const [before] = ofEntity(await linjiangPlayer.pull(), 'signage');
      assert.ok(before?.entity === 'signage' && before.op === 'upsert' && signedBy(before.data, 'bundle', oldKey!));
      await linjiangKiosk.pull();

      const cli = systemActor(root, 'cli');
      const streetActor = {
        username: 'anhe.admin',
        role: 'street-admin',
        orgId: anhe.id,
        orgPath: `${root.path}${anhe.id}/`,
        from: 'test',
      } as const;
      await assert.rejects(
        services.signageKeys.rotate(streetActor),
        { code: 'FORBIDDEN' },
        'the whole tree’s administrators only',
      );

      const rotated = await services.signageKeys.rotate(cli);
      assert.equal(rotated.changed, true);
      assert.equal(rotated.resigned, 1);
      assert.deepEqual(
        rotated.keys.map((key) => key.signing),
        [false, true],
      );
      assert.equal(rotated.keys[0]!.id, oldKey!.id);
      const step1 = await linjiangPlayer.pull();
      assert.deepEqual(
        step1.map((change) => change.entity),
        ['signage-keys', 'signage'],
        'the key set first, then the publication signed again',
      );
      const keySet = step1[0]!;
      assert.ok(keySet.entity === 'signage-keys');
      assert.ok(signedBy(keySet.data, 'keys', oldKey!), 'the new set is signed by the key the player trusts');
      const both = parseWith(SignageKeySetPayload, JSON.parse(keySet.data.payload)).keys;
      assert.deepEqual(
        both.map((key) => key.id),
        rotated.keys.map((key) => key.id),
      );
      const newKey = both[1]!;
      const again = step1[1]!;
      assert.ok(again.entity === 'signage' && again.op === 'upsert' && again.id === id);
      assert.ok(signedBy(again.data, 'bundle', newKey), 'signed by the new key');
      assert.equal(again.data.payload, before.data.payload, 'the same publication, only signed anew');
      assert.deepEqual(await linjiangKiosk.pull(), [], 'kiosks hear nothing of it');

      const still = await services.signageKeys.rotate(cli);
      assert.deepEqual([still.changed, still.resigned], [false, 0], 'no second rotation while one is under way');
      const lateComer = await device(linjiang.id, '临江社区二号屏', 'player');
      assert.deepEqual(lateComer.signageKeys, both, 'a player enrolled meanwhile trusts both');

      const retired = await services.signageKeys.retire(cli);
      assert.deepEqual([retired.changed, retired.resigned], [true, 0]);
      assert.deepEqual(retired.keys, [{ id: newKey.id, signing: true }]);
      const step2 = await linjiangPlayer.pull();
      assert.deepEqual(
        step2.map((change) => change.entity),
        ['signage-keys'],
      );
      const newSet = step2[0]!;
      assert.ok(newSet.entity === 'signage-keys' && signedBy(newSet.data, 'keys', newKey));
      assert.deepEqual(parseWith(SignageKeySetPayload, JSON.parse(newSet.data.payload)).keys, [newKey]);
      assert.equal((await services.signageKeys.retire(cli)).changed, false, 'nothing left to retire');
      assert.deepEqual(
        (await services.signageKeys.publicKeys()).map((key) => key.id),
        [newKey.id],
      );
      // What the player would take next: a new publication signed by the new key.
      const next = await published(call, streetAdmin, admin, input({ title: '大厅公告屏（夏季）' }));
      const [fresh] = ofEntity(await linjiangPlayer.pull(), 'signage');
      assert.ok(fresh?.entity === 'signage' && fresh.op === 'upsert' && fresh.id === next);
      assert.ok(signedBy(fresh.data, 'bundle', newKey));

      const trail = (await call(admin, 'GET', '/audit?action=signage-key.&limit=100')).json();
      assert.deepEqual(
        trail.entries
          .map((e: { action: string; actor: string; outcome: string }) => `${e.action} ${e.actor} ${e.outcome}`)
          .sort(),
        [
          'signage-key.create system ok',
          'signage-key.retire cli ok',
          'signage-key.rotate anhe.admin denied',
          'signage-key.rotate cli ok',
        ],
      );
    });

    test('the demo publication plays the demo notices on every player of the district', async (t) => {
      const { app, services, root } = await startApp(t, await backend.open(t));
      const system = systemActor(root, 'system');
      const noticeIds = await createDemoNotices(services.notices, system, systemActor(root, 'demo'));
      const demo = readDemoSignage(noticeIds);
      const main = presetLayout('main-ticker', 'landscape', 'hall');
      assert.deepEqual(
        demo.schedule.layouts[0]!.zones.map(({ id, x, y, w, h }) => ({ id, x, y, w, h })),
        main.zones.map(({ id, x, y, w, h }) => ({ id, x, y, w, h })),
        "the layout is presetLayout('main-ticker', 'landscape')",
      );
      const live = await createDemoSignage(services.signage, system, systemActor(root, 'demo'), noticeIds);
      assert.deepEqual([live.title, live.state, live.reviewer], ['大厅公告屏', 'approved', 'demo']);

      const enrolled = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/devices/enroll',
          payload: { code: 'TESTCODE', name: '区政务大厅屏', kind: 'player' },
        })
      ).json();
      const page = (
        await app.inject({
          url: '/api/v1/sync/changes?cursor=0',
          headers: { authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret) },
        })
      ).json() as { changes: Change[] };
      const notices = ofEntity(page.changes, 'notice').map((change) => change.id);
      assert.equal(notices.length, 3);
      const [signed] = ofEntity(page.changes, 'signage');
      assert.ok(signed?.entity === 'signage' && signed.op === 'upsert');
      assert.ok(signedBy(signed.data, 'bundle', enrolled.signageKeys[0]));
      const publication = parseWith(SignagePublication, JSON.parse(signed.data.payload));
      const items = publication.schedule.layouts[0]!.zones.flatMap((zone) =>
        zone.playlist.map((item) => `${item.kind} ${'durationSec' in item ? item.durationSec : ''}`),
      );
      assert.deepEqual(items, ['notice 15', 'notice 15', 'notice 15', 'clock 10', 'text 10', 'ticker 60']);
      const played = publication.schedule.layouts[0]!.zones[0]!.playlist.flatMap((item) =>
        item.kind === 'notice' ? [item.noticeId] : [],
      );
      assert.deepEqual(new Set(played), new Set(notices), 'each demo notice, by the id the server gave it');
      // No operating hours: a new user who starts the demo at night sees the board, not a dark screen.
      assert.equal(publication.schedule.operatingHours, undefined);
    });
  });
}
