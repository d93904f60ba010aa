import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PROTOCOL_VERSION, PROTOCOL_VERSION_HEADER, deviceAuthorization, type NoticeInput } from '@linli/protocol';
import { backends } from './backends';
import { startApp, TEST_PASSWORD } from './app-harness';

const PASSWORD = 'Linli2026notice';

function noticeInput(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    kind: 'announcement',
    title: '关于临江社区停水的通知',
    body: '因管道维修，11月30日9:00至17:00停水。\n\n请居民提前储水。',
    publishAt: null,
    expireAt: null,
    targets: { orgIds: [], groupIds: [] },
    ...overrides,
  };
}

/** A district with 安和街道 (临江社区, 望湖社区) and 江滨街道 (春晖社区), their people and a kiosk in each community. */
async function district(t: Parameters<typeof startApp>[0], backend: (typeof backends)[number], clock?: () => Date) {
  const harness = await startApp(t, await backend.open(t), clock);
  const { app, admin, root, signInAs, call } = harness;
  const node = async (parentId: number, name: string, code: string) =>
    (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
  const anhe = await node(root.id, '安和街道', '330188001000');
  const linjiang = await node(anhe.id, '临江社区', '330188001001');
  const wanghu = await node(anhe.id, '望湖社区', '330188001002');
  const jiangbin = await node(root.id, '江滨街道', '330188002000');
  const chunhui = await node(jiangbin.id, '春晖社区', '330188002001');
  const user = async (username: string, role: string, orgId: number) => {
    assert.equal(
      (
        await call(admin, 'POST', '/users', {
          username,
          displayName: username,
          role,
          orgId,
          password: PASSWORD,
          mustChangePassword: false,
        })
      ).statusCode,
      201,
    );
    return signInAs(username, PASSWORD);
  };
  const streetAdmin = await user('anhe.admin', 'street-admin', anhe.id);
  const linjiangOp = await user('linjiang.op', 'community-operator', linjiang.id);
  const linjiangOp2 = await user('linjiang.op2', 'community-operator', linjiang.id);
  const chunhuiOp = await user('chunhui.op', 'community-operator', chunhui.id);

  const kiosk = async (orgId: number, name: string) => {
    const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
      .code as string;
    const enrolled = (
      await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } })
    ).json();
    const headers = {
      authorization: deviceAuthorization(enrolled.deviceId, enrolled.secret),
      [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
    };
    let cursor = 0;
    const held = new Map<string, { version: number; title: string }>();
    /** Pulls like a kiosk and returns the notices it now holds (id → title@version). */
    const sync = async () => {
      for (;;) {
        const page = (await app.inject({ url: `/api/v1/sync/changes?cursor=${cursor}&limit=2`, headers })).json();
        for (const change of page.changes) {
          if (change.entity !== 'notice') continue;
          if (change.op === 'upsert') held.set(change.id, { version: change.data.version, title: change.data.title });
          else held.delete(change.id);
        }
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
      return Object.fromEntries([...held].map(([id, notice]) => [id, `${notice.title}@${notice.version}`]));
    };
    return { deviceId: enrolled.deviceId as string, headers, sync };
  };
  return {
    ...harness,
    call,
    anhe,
    linjiang,
    wanghu,
    chunhui,
    streetAdmin,
    linjiangOp,
    linjiangOp2,
    chunhuiOp,
    kiosks: {
      linjiang: await kiosk(linjiang.id, '临江社区大厅'),
      wanghu: await kiosk(wanghu.id, '望湖社区大厅'),
      chunhui: await kiosk(chunhui.id, '春晖社区大厅'),
      anhe: await kiosk(anhe.id, '安和街道大厅'),
    },
  };
}

for (const backend of backends) {
  describe(`notices on ${backend.name}`, { skip: backend.skip }, () => {
    test("a notice needs a second person; once approved it reaches only its community's kiosks", async (t) => {
      const { call, linjiangOp, linjiangOp2, chunhuiOp, kiosks } = await district(t, backend);
      const draft = (await call(linjiangOp, 'POST', '/notices', noticeInput())).json();
      assert.equal(draft.state, 'draft');
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'drafts stay on the server');
      assert.equal(
        (await call(linjiangOp, 'POST', `/notices/${draft.id}/review`, { approve: true }, 1)).json().error.code,
        'REVIEW_STATE_INVALID',
      );
      assert.equal((await call(linjiangOp, 'POST', `/notices/${draft.id}/submit`)).json().state, 'in-review');
      const self = await call(linjiangOp, 'POST', `/notices/${draft.id}/review`, { approve: true }, 1);
      assert.equal(self.statusCode, 403);
      assert.equal(self.json().error.code, 'SECOND_PERSON_REQUIRED');
      const approved = (
        await call(linjiangOp2, 'POST', `/notices/${draft.id}/review`, { approve: true, comment: '同意发布' }, 1)
      ).json();
      assert.equal(approved.state, 'approved');
      assert.equal(approved.liveVersion, 1);

      assert.deepEqual(await kiosks.linjiang.sync(), { [draft.id]: '关于临江社区停水的通知@1' });
      for (const other of [kiosks.wanghu, kiosks.chunhui, kiosks.anhe])
        assert.deepEqual(await other.sync(), {}, 'no other kiosk receives it');

      // Another community's operator cannot see it at all.
      const listed = (await call(chunhuiOp, 'GET', '/notices')).json();
      assert.equal(listed.notices.length, 0);
      assert.equal((await call(chunhuiOp, 'GET', `/notices/${draft.id}`)).statusCode, 404);
      assert.equal(
        (await call(chunhuiOp, 'PUT', `/notices/${draft.id}`, noticeInput({ title: '篡改' }), 1)).statusCode,
        404,
      );
    });

    test('editing an approved notice keeps the approved version live until the new one is approved; withdrawal removes it', async (t) => {
      const { call, linjiangOp, linjiangOp2, streetAdmin, kiosks } = await district(t, backend);
      const { id } = (await call(linjiangOp, 'POST', '/notices', noticeInput())).json();
      await call(linjiangOp, 'POST', `/notices/${id}/submit`);
      await call(streetAdmin, 'POST', `/notices/${id}/review`, { approve: true }, 1);
      await kiosks.linjiang.sync();
      const edited = (
        await call(linjiangOp, 'PUT', `/notices/${id}`, noticeInput({ title: '停水时间调整' }), 1)
      ).json();
      assert.deepEqual([edited.state, edited.version, edited.liveVersion], ['draft', 2, 1]);
      assert.deepEqual(await kiosks.linjiang.sync(), { [id]: '关于临江社区停水的通知@1' });
      await call(linjiangOp, 'POST', `/notices/${id}/submit`);
      const rejected = (
        await call(linjiangOp2, 'POST', `/notices/${id}/review`, { approve: false, comment: '时间写错了' }, 2)
      ).json();
      assert.deepEqual([rejected.state, rejected.reviewComment], ['draft', '时间写错了']);
      await call(linjiangOp, 'POST', `/notices/${id}/submit`);
      await call(linjiangOp2, 'POST', `/notices/${id}/review`, { approve: true }, 2);
      assert.deepEqual(await kiosks.linjiang.sync(), { [id]: '停水时间调整@2' });

      const history = (await call(linjiangOp, 'GET', `/notices/${id}/history`)).json();
      assert.deepEqual(
        history.versions.map((v: { version: number; title: string }) => `${v.version}:${v.title}`),
        ['2:停水时间调整', '1:关于临江社区停水的通知'],
      );
      const rolledBack = (await call(linjiangOp, 'POST', `/notices/${id}/rollback`, { version: 1 })).json();
      assert.deepEqual(
        [rolledBack.version, rolledBack.title, rolledBack.state],
        [3, '关于临江社区停水的通知', 'draft'],
      );

      assert.equal((await call(linjiangOp2, 'POST', `/notices/${id}/withdraw`)).json().state, 'withdrawn');
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'the kiosk drops it');
      const trail = (await call(streetAdmin, 'GET', '/audit?action=notice.&limit=100')).json();
      assert.deepEqual(
        new Set(trail.entries.map((e: { action: string }) => e.action)),
        new Set([
          'notice.create',
          'notice.submit',
          'notice.approve',
          'notice.update',
          'notice.reject',
          'notice.rollback',
          'notice.withdraw',
        ]),
      );
    });

    test('a reviewer cannot publish or approve their own notice; the author stays; the list filters by kind, text and community', async (t) => {
      const { call, streetAdmin, linjiangOp, linjiang, wanghu, kiosks } = await district(t, backend);
      const own = (await call(streetAdmin, 'POST', '/notices', noticeInput({ title: '街道议事会' }))).json();
      assert.deepEqual([own.state, own.author, own.published], ['draft', 'anhe.admin', false]);
      assert.equal(
        (await call(streetAdmin, 'POST', `/notices/${own.id}/publish`, { published: true })).statusCode,
        404,
        'notices have no direct publishing',
      );
      await call(streetAdmin, 'POST', `/notices/${own.id}/submit`);
      const self = await call(streetAdmin, 'POST', `/notices/${own.id}/review`, { approve: true }, 1);
      assert.equal(self.json().error.code, 'SECOND_PERSON_REQUIRED', 'the rule is the notice type’s, not the role’s');

      const community = (
        await call(
          linjiangOp,
          'POST',
          '/notices',
          noticeInput({ kind: 'open-government', title: '社区财务公开', body: '第三季度收支明细见附件。' }),
        )
      ).json();
      const edited = await call(
        streetAdmin,
        'PUT',
        `/notices/${community.id}`,
        noticeInput({ kind: 'open-government', title: '社区财务公开（更正）', body: '第三季度收支明细见附件。' }),
        1,
      );
      assert.deepEqual(
        [edited.json().author, edited.json().editor],
        ['linjiang.op', 'anhe.admin'],
        'the author is who created it',
      );
      const titles = async (query: string) =>
        ((await call(streetAdmin, 'GET', `/notices?${query}`)).json().notices as { title: string }[]).map(
          (notice) => notice.title,
        );
      assert.deepEqual(await titles('kind=open-government'), ['社区财务公开（更正）']);
      assert.deepEqual(
        await titles(`q=${encodeURIComponent('收支明细')}`),
        ['社区财务公开（更正）'],
        'the body is searched',
      );
      assert.deepEqual(await titles(`orgId=${linjiang.id}`), ['社区财务公开（更正）']);
      assert.deepEqual(await titles(`orgId=${wanghu.id}`), []);
      assert.deepEqual(await titles(''), ['社区财务公开（更正）', '街道议事会'], 'newest change first');
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'nothing reached a kiosk');
    });

    test('a street notice can target chosen communities or a device group; leaving the group removes it', async (t) => {
      const { call, streetAdmin, admin, anhe, wanghu, kiosks, chunhui } = await district(t, backend);
      const toWanghu = (
        await call(
          streetAdmin,
          'POST',
          '/notices',
          noticeInput({ title: '望湖社区议事会', targets: { orgIds: [wanghu.id], groupIds: [] } }),
        )
      ).json();
      const outside = await call(
        streetAdmin,
        'POST',
        '/notices',
        noticeInput({ targets: { orgIds: [chunhui.id], groupIds: [] } }),
      );
      assert.equal(outside.statusCode, 400);
      assert.equal(outside.json().error.details[0].path, '/targets/orgIds');
      const group = (await call(streetAdmin, 'POST', '/device-groups', { orgId: anhe.id, name: '大厅屏' })).json();
      await call(streetAdmin, 'PUT', `/device-groups/${group.id}/members`, {
        deviceIds: [kiosks.linjiang.deviceId, kiosks.anhe.deviceId],
      });
      const toGroup = (
        await call(
          streetAdmin,
          'POST',
          '/notices',
          noticeInput({ title: '大厅屏专用通知', targets: { orgIds: [], groupIds: [group.id] } }),
        )
      ).json();
      for (const notice of [toWanghu, toGroup]) {
        await call(streetAdmin, 'POST', `/notices/${notice.id}/submit`);
        await call(admin, 'POST', `/notices/${notice.id}/review`, { approve: true }, 1);
      }
      assert.deepEqual(await kiosks.wanghu.sync(), { [toWanghu.id]: '望湖社区议事会@1' });
      assert.deepEqual(await kiosks.linjiang.sync(), { [toGroup.id]: '大厅屏专用通知@1' });
      assert.deepEqual(await kiosks.anhe.sync(), { [toGroup.id]: '大厅屏专用通知@1' });
      assert.deepEqual(await kiosks.chunhui.sync(), {});
      await call(streetAdmin, 'PUT', `/device-groups/${group.id}/members`, {
        deviceIds: [kiosks.anhe.deviceId, kiosks.wanghu.deviceId],
      });
      assert.deepEqual(await kiosks.linjiang.sync(), {}, 'a kiosk that left the group drops its notice');
      assert.deepEqual(
        await kiosks.wanghu.sync(),
        { [toWanghu.id]: '望湖社区议事会@1', [toGroup.id]: '大厅屏专用通知@1' },
        'one that joined receives it',
      );
      const stranger = await call(streetAdmin, 'PUT', `/device-groups/${group.id}/members`, {
        deviceIds: [kiosks.chunhui.deviceId],
      });
      assert.equal(stranger.json().error.details[0].path, '/deviceIds', "another street's kiosk cannot join");
    });

    test('bad windows and codes are refused with the field named; enrollment codes expire, run out and can be revoked', async (t) => {
      let now = new Date('2026-11-28T09:00:00Z');
      const { call, linjiangOp, app, linjiang, signInAs } = await district(t, backend, () => now);
      let admin = await signInAs('admin', TEST_PASSWORD);
      const window = await call(
        linjiangOp,
        'POST',
        '/notices',
        noticeInput({ publishAt: '2026-12-02T00:00:00Z', expireAt: '2026-12-01T00:00:00Z' }),
      );
      assert.equal(window.json().error.details[0].path, '/expireAt');
      const noTitle = await call(linjiangOp, 'POST', '/notices', noticeInput({ title: '' }));
      assert.equal(noTitle.statusCode, 400);
      assert.match(noTitle.json().error.details[0].path, /title/);

      const enroll = (code: string) =>
        app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name: '测试机' } });
      const single = (
        await call(admin, 'POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 1, maxUses: 1 })
      ).json().code;
      assert.equal((await enroll(single)).statusCode, 200);
      assert.match((await enroll(single)).json().error.message, /used up/);
      const multi = (
        await call(admin, 'POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 1, maxUses: null })
      ).json().code;
      assert.equal((await enroll(multi.toLowerCase())).statusCode, 200, 'codes are read out and typed in any case');
      now = new Date('2026-11-29T10:00:00Z');
      assert.match((await enroll(multi)).json().error.message, /expired/);
      admin = await signInAs('admin', TEST_PASSWORD);
      const revoked = (
        await call(admin, 'POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 5, maxUses: null })
      ).json().code;
      const revoke = await call(admin, 'POST', `/enrollment-codes/${revoked}/revoke`);
      assert.equal(revoke.statusCode, 204, revoke.body);
      assert.equal((await enroll(revoked)).json().error.code, 'ENROLLMENT_CODE_INVALID');
      const devices = (await call(await signInAs('linjiang.op', PASSWORD), 'GET', '/devices')).json().devices;
      assert.ok(
        devices.length >= 2 && devices.every((device: { orgId: number }) => device.orgId === linjiang.id),
        'the community operator sees its own kiosks only',
      );
    });
  });
}

for (const backend of backends) {
  describe(`notice attachments on ${backend.name}`, { skip: backend.skip }, () => {
    test('a notice names files of the media library; devices receive them as hash, size and type', async (t) => {
      const { call, app, linjiangOp, linjiangOp2, kiosks } = await district(t, backend);
      const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
      const uploaded = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/media?name=停水范围.pdf',
        headers: { ...linjiangOp, 'content-type': 'application/octet-stream' },
        payload: pdf,
      });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const { sha256 } = uploaded.json();
      const unknown = await call(
        linjiangOp,
        'POST',
        '/notices',
        noticeInput({
          attachments: [{ sha256: createHash('sha256').update(image).digest('hex'), name: '未上传.png' }],
        }),
      );
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.details[0].path, '/attachments');
      const notice = (
        await call(linjiangOp, 'POST', '/notices', noticeInput({ attachments: [{ sha256, name: '停水范围图' }] }))
      ).json();
      await call(linjiangOp, 'POST', `/notices/${notice.id}/submit`);
      await call(linjiangOp2, 'POST', `/notices/${notice.id}/review`, { approve: true }, 1);
      const page = (
        await app.inject({ url: '/api/v1/sync/changes?cursor=0', headers: kiosks.linjiang.headers })
      ).json();
      const received = page.changes.find((change: { entity: string }) => change.entity === 'notice');
      assert.deepEqual(received.data.attachments, [
        { sha256, bytes: pdf.length, mime: 'application/pdf', name: '停水范围图' },
      ]);
    });
  });
}
