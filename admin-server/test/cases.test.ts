/**
 * Residents' cases end to end over HTTP: a kiosk sends a complaint (the same submission five times
 * at once is one case), deadlines in working days across the National Day week, the community
 * takes it and dispatches it to a grid worker, who signs, waits for the resident (the clock stops),
 * asks for an extension the street approves, replies; the follow-up call hears 不满意 and the case
 * is done again before it closes. The resident looks it up with the last four digits of their
 * phone or the ticket's code; staff outside the case's reach do not see it; contact data is read
 * on the trail only, kept out of every other trail entry, and deleted after the retention.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import {
  CASE_PHOTO_MAX_BYTES,
  PROTOCOL_VERSION,
  deviceAuthorization,
  PROTOCOL_VERSION_HEADER,
  type CaseList,
  type CasePublicStatus,
  type CaseReceipt,
  type CaseView,
} from '@linli/protocol';
import { TEST_ENROLLMENT_CODE, TEST_PASSWORD, startApp } from './app-harness';
import { backends } from './backends';

const PASSWORD = 'Linli2026cases';
const CLIENT_ID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const COMPLAINT = {
  clientId: CLIENT_ID,
  nature: 'complaint',
  category: 'sanitation/garbage',
  description: '3号楼北侧垃圾桶三天没有清运，气味很大',
  location: { text: '临江小区3号楼北侧' },
  contact: { name: '张小三', phone: '13812345678' },
};

for (const backend of backends) {
  describe(backend.name, { skip: backend.skip }, () => {
    test('a kiosk complaint runs the whole workflow to 办结 and the resident sees the reply', async (t) => {
      // Wednesday 30 September 2026, 10:00 in Beijing: the National Day holiday starts the next day.
      let now = new Date('2026-09-30T02:00:00Z');
      const { app, services, admin, root, call, signInAs, db } = await startApp(t, await backend.open(t), () => now);
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const anhe = await node(root.id, '安和街道', '330188001000');
      const linjiang = await node(anhe.id, '临江社区', '330188001001');
      const grid = await node(linjiang.id, '临江第一网格', '330188001001001');
      const jiangbin = await node(root.id, '江滨街道', '330188002000');
      const chunhui = await node(jiangbin.id, '春晖社区', '330188002001');
      for (const [username, role, orgId] of [
        ['zhaomin', 'community-operator', linjiang.id],
        ['wangli', 'query-clerk', grid.id],
        ['anhe-admin', 'street-admin', anhe.id],
        ['chunhui-op', 'community-operator', chunhui.id],
      ] as const) {
        const created = await call(admin, 'POST', '/users', {
          username,
          displayName: username,
          role,
          orgId,
          password: PASSWORD,
          mustChangePassword: false,
        });
        assert.equal(created.statusCode, 201, created.body);
      }
      const as = (username: string) => signInAs(username, PASSWORD);

      const enroll = async (name: string) => {
        const code = (
          await call(admin, 'POST', '/enrollment-codes', { orgId: linjiang.id, validDays: 7, maxUses: 1 })
        ).json().code as string;
        const { deviceId, secret } = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name } })
        ).json() as { deviceId: string; secret: string };
        return {
          authorization: deviceAuthorization(deviceId, secret),
          [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
        };
      };
      const kiosk = await enroll('临江社区一号机');
      const send = (headers: object, payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...headers }, payload });

      // Bad input: each refused with its code, naming the field (the schema's as body/…); nothing is stored.
      const refused = async (payload: object, code: string, path: string) => {
        const reply = await send(kiosk, payload);
        assert.equal(reply.json().error?.code, code, reply.body);
        assert.ok(
          (reply.json().error.details as { path: string }[]).some(
            (detail) => detail.path.replace(/^body/, '') === path,
          ),
          reply.body,
        );
      };
      await refused({ ...COMPLAINT, category: 'sanitation/unicorns' }, 'CASE_CATEGORY_UNKNOWN', '/category');
      await refused({ ...COMPLAINT, contact: { phone: '1381234' } }, 'VALIDATION_FAILED', '/contact/phone');
      await refused({ ...COMPLAINT, description: '   ' }, 'VALIDATION_FAILED', '/description');
      await refused({ ...COMPLAINT, description: '很'.repeat(4001) }, 'VALIDATION_FAILED', '/description');
      await refused({ ...COMPLAINT, answer: '已解决' }, 'VALIDATION_FAILED', '/answer');
      assert.equal(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))?.n), 0);

      // The same submission five times at once (a kiosk retrying): one case.
      const replies = await Promise.all(Array.from({ length: 5 }, () => send(kiosk, COMPLAINT)));
      const receipts = replies.map((reply) => reply.json() as CaseReceipt);
      assert.deepEqual(
        replies.map((reply) => reply.statusCode).sort(),
        [200, 200, 200, 200, 201],
        replies.map((r) => r.body).join('\n'),
      );
      assert.equal(new Set(receipts.map((receipt) => receipt.tracking)).size, 1);
      assert.equal(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))?.n), 1);
      const receipt = receipts[0]!;
      assert.match(receipt.tracking, /^260930\d{6}$/);
      // 13 working days from the next day, across 1–7 October and the make-up Saturday the 10th.
      assert.equal(receipt.replyBy, '2026-10-23');
      // Another kiosk cannot claim the same submission.
      const other = await send(await enroll('临江社区二号机'), COMPLAINT);
      assert.equal(other.json().error.code, 'ALREADY_EXISTS');

      // The community takes it.
      const zhaomin = await as('zhaomin');
      const list = (await call(zhaomin, 'GET', '/cases?state=open')).json() as CaseList;
      assert.equal(list.total, 1);
      const [listed] = list.cases;
      assert.deepEqual(listed!.contactMasked, { name: '张*三', phone: '138****5678' });
      assert.ok(!JSON.stringify(list).includes('13812345678'));
      assert.deepEqual(listed!.lights, { limit: 'dispatch', due: '2026-10-01T02:00:00.000Z', light: 'ok' });
      assert.equal(listed!.deadlines.signBy, '2026-10-08');
      const id = listed!.id;
      const step = async (who: typeof zhaomin, body: object) => {
        const reply = await call(who, 'POST', `/cases/${id}/actions`, body);
        return { status: reply.statusCode, view: reply.json() as CaseView & { error?: { code: string } } };
      };
      const opened = (await call(zhaomin, 'GET', `/cases/${id}`)).json() as CaseView;
      assert.deepEqual(opened.actions, ['accept', 'not-accept', 'answer', 'merge']);
      let view = (await step(zhaomin, { action: 'accept', version: 1 })).view;
      assert.equal(view.state, 'accepted');
      assert.equal(
        (await step(zhaomin, { action: 'dispatch', version: 1, assigneeOrgId: grid.id })).view.error?.code,
        'CASE_CHANGED',
      );
      // Outside anyone's reach: a node of another street, a person who does not handle cases there.
      assert.equal(
        (await step(zhaomin, { action: 'dispatch', version: 2, assigneeOrgId: chunhui.id })).view.error?.code,
        'VALIDATION_FAILED',
      );
      assert.equal(
        (await step(zhaomin, { action: 'dispatch', version: 2, assigneeOrgId: grid.id, assigneeUser: 'chunhui-op' }))
          .view.error?.code,
        'VALIDATION_FAILED',
      );
      view = (await step(zhaomin, { action: 'dispatch', version: 2, assigneeOrgId: grid.id, assigneeUser: 'wangli' }))
        .view;
      assert.deepEqual(view.assignee, { orgId: grid.id, orgName: '临江第一网格', user: 'wangli' });

      // Another street's staff do not see it at all.
      const outsider = await as('chunhui-op');
      assert.equal((await call(outsider, 'GET', `/cases/${id}`)).statusCode, 404);
      assert.equal(((await call(outsider, 'GET', '/cases')).json() as CaseList).total, 0);

      // The grid worker: it is theirs; they sign, then wait two working days for the resident.
      let wangli = await as('wangli');
      assert.equal(((await call(wangli, 'GET', '/cases?mine=true')).json() as CaseList).total, 1);
      view = (await step(wangli, { action: 'sign', version: 3 })).view;
      assert.equal(view.state, 'handling');
      view = (await step(wangli, { action: 'wait', version: 4, note: '居民出差，约定下周现场查看' })).view;
      assert.equal(view.waitingSince, '2026-09-30');
      assert.equal(view.lights, undefined);
      now = new Date('2026-10-09T02:00:00Z'); // Friday 9 October: two working days later (8th, 9th)
      wangli = await as('wangli');
      view = (await step(wangli, { action: 'resume', version: 5 })).view;
      assert.equal(view.deadlines.replyBy, '2026-10-27');
      // An extension: the handler asks, may not grant it; the street does.
      view = (await step(wangli, { action: 'request-extension', version: 6, days: 3, note: '需协调环卫所' })).view;
      assert.equal((await step(wangli, { action: 'decide-extension', version: 7, approve: true })).status, 403);
      const street = await as('anhe-admin');
      view = (await step(street, { action: 'decide-extension', version: 7, approve: true })).view;
      assert.deepEqual(view.extension, { state: 'approved', days: 3 });
      assert.equal(view.deadlines.replyBy, '2026-10-30');
      view = (await step(street, { action: 'supervise', version: 8, note: '请尽快清运' })).view;
      assert.equal(view.supervisions, 1);

      view = (await step(wangli, { action: 'reply', version: 9, reply: '已联系环卫所清运，并增加清运频次' })).view;
      assert.equal(view.state, 'replied');
      const zhaomin2 = await as('zhaomin');
      view = (await step(zhaomin2, { action: 'review', version: 10, approve: true })).view;
      // 回访: 不满意 sends it back to the grid (重办).
      view = (await step(zhaomin2, { action: 'visit', version: 11, satisfaction: 'dissatisfied' })).view;
      assert.deepEqual([view.state, view.reopens], ['handling', 1]);
      await step(wangli, { action: 'reply', version: 12, reply: '已更换垃圾桶并每日清运两次' });
      await step(zhaomin2, { action: 'review', version: 13, approve: true });
      view = (await step(zhaomin2, { action: 'visit', version: 14, satisfaction: 'satisfied' })).view;
      assert.equal(view.state, 'closed');
      assert.deepEqual(
        view.steps!.map((s) => s.action),
        [
          'register',
          'accept',
          'dispatch',
          'sign',
          'wait',
          'resume',
          'request-extension',
          'decide-extension',
          'supervise',
          'reply',
          'review',
          'visit',
          'reply',
          'review',
          'visit',
        ],
      );
      assert.deepEqual(view.actions, []);

      // The resident asks at the kiosk, and on the public page from the ticket's QR code.
      const lookup = (payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/cases/status', headers: kiosk, payload });
      const status = (await lookup({ tracking: receipt.tracking, phoneLast4: '5678' })).json() as CasePublicStatus;
      assert.deepEqual([status.state, status.reply], ['closed', '已更换垃圾桶并每日清运两次']);
      assert.equal((await lookup({ tracking: receipt.tracking, phoneLast4: '0000' })).statusCode, 404);
      const page = await app.inject({ url: `/case-status?no=${receipt.tracking}&v=${receipt.code}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /已办结/);
      assert.match(page.body, /已更换垃圾桶并每日清运两次/);
      assert.match(page.body, /垃圾清运/);
      assert.equal((await app.inject({ url: `/case-status?no=${receipt.tracking}&v=AAAAAAAAAA` })).statusCode, 404);

      // The contact in full: one audited read. No other trail entry holds what the resident said or their number.
      const contact = await call(zhaomin2, 'GET', `/cases/${id}/contact`);
      assert.deepEqual(contact.json(), { name: '张小三', phone: '13812345678' });
      const trail = await db.all<{ action: string; actor: string }>(
        "SELECT action, actor, before_state, after_state FROM audit_log WHERE target_type = 'case' ORDER BY id",
      );
      assert.ok(trail.some((entry) => entry.action === 'case.contact-view' && entry.actor === 'zhaomin'));
      assert.equal(trail[0]!.action, 'case.register');
      const text = JSON.stringify(trail);
      for (const secret of ['13812345678', '张小三', '垃圾桶三天', '环卫所']) assert.ok(!text.includes(secret), secret);
      // The trail's 诉求 filter gives these entries, and only entries about cases.
      const auditor = await signInAs('admin', TEST_PASSWORD);
      const bySubject = (await call(auditor, 'GET', '/audit?subject=case&limit=200')).json() as {
        entries: { targetType: string }[];
      };
      assert.ok(bySubject.entries.length >= trail.length);
      assert.deepEqual([...new Set(bySubject.entries.map((entry) => entry.targetType))], ['case']);

      // Retention: 180 days after 办结 the name and number are gone; the masked digits still find it.
      now = new Date(now.getTime() + 181 * 86_400_000);
      assert.equal(await services.cases.purgeContacts(), 1);
      const afterPurge = await as('zhaomin');
      assert.deepEqual((await call(afterPurge, 'GET', `/cases/${id}/contact`)).json(), {});
      assert.ok(((await call(afterPurge, 'GET', `/cases/${id}`)).json() as CaseView).contactPurgedAt);
      assert.equal((await lookup({ tracking: receipt.tracking, phoneLast4: '5678' })).statusCode, 200);

      // Guessing phone digits: after 10 misses the kiosk is told to wait.
      for (let miss = 0; miss < 10; miss++)
        assert.equal((await lookup({ tracking: receipt.tracking, phoneLast4: String(1000 + miss) })).statusCode, 404);
      assert.equal(
        (await lookup({ tracking: receipt.tracking, phoneLast4: '5678' })).json().error.code,
        'TOO_MANY_ATTEMPTS',
      );
    });

    test('the same matter told twice is suggested at 受理 and merged: the resident reads where it went', async (t) => {
      const { call, admin, app } = await startApp(t, await backend.open(t));
      const write = async (description: string, phone: string) =>
        (
          await call(admin, 'POST', '/cases', {
            channel: 'walk-in',
            nature: 'complaint',
            category: 'traffic/street-lights',
            description,
            location: { text: '小区南门' },
            contact: { phone },
          })
        ).json() as CaseReceipt;
      const first = await write('南门的路灯坏了，晚上很黑', '13800000001');
      await write('电梯经常停运', '13800000002');
      const second = await write('南门路灯坏了好几天，晚上太黑了', '13800000003');
      const idOf = async (tracking: string) =>
        ((await call(admin, 'GET', `/cases?q=${tracking}`)).json() as CaseList).cases[0]!.id;
      const [firstId, secondId] = [await idOf(first.tracking), await idOf(second.tracking)];
      const opened = (await call(admin, 'GET', `/cases/${secondId}`)).json() as CaseView;
      assert.deepEqual(
        opened.similar?.map((entry) => entry.tracking),
        [first.tracking],
      );
      assert.ok(opened.actions!.includes('merge'));
      const itself = await call(admin, 'POST', `/cases/${secondId}/actions`, {
        action: 'merge',
        version: 1,
        mergeInto: secondId,
      });
      assert.equal(itself.json().error.details[0].path, '/mergeInto');
      const merged = await call(admin, 'POST', `/cases/${secondId}/actions`, {
        action: 'merge',
        version: 1,
        mergeInto: firstId,
      });
      assert.equal(merged.statusCode, 200, merged.body);
      const view = merged.json() as CaseView;
      assert.deepEqual([view.state, view.mergedInto], ['closed', { id: firstId, tracking: first.tracking }]);
      const page = await app.inject({ url: `/case-status?no=${second.tracking}&phone4=0003` });
      assert.match(page.body, new RegExp(`已与受理编号 ${first.tracking} 的诉求合并办理`));
      // Merged, it is no longer offered as the same matter.
      const again = await write('南门路灯不亮，晚上很黑', '13800000004');
      const suggested = ((await call(admin, 'GET', `/cases/${await idOf(again.tracking)}`)).json() as CaseView).similar;
      assert.deepEqual(
        suggested?.map((entry) => entry.tracking),
        [first.tracking],
      );
    });

    test('a case past its limit to sign for is 督办 once by the system, and once more when past its reply date', async (t) => {
      let now = new Date('2026-12-07T02:00:00Z'); // Monday
      const { call, admin, root, services, signInAs } = await startApp(t, await backend.open(t), () => now);
      const receipt = (
        await call(admin, 'POST', '/cases', {
          channel: 'walk-in',
          nature: 'complaint',
          category: 'property/leaks',
          description: '楼上漏水',
        })
      ).json() as CaseReceipt;
      const id = ((await call(admin, 'GET', `/cases?q=${receipt.tracking}`)).json() as CaseList).cases[0]!.id;
      await call(admin, 'POST', `/cases/${id}/actions`, { action: 'accept', version: 1 });
      await call(admin, 'POST', `/cases/${id}/actions`, { action: 'dispatch', version: 2, assigneeOrgId: root.id });
      assert.equal(await services.cases.escalateOverdue(), 0, 'not late yet');
      now = new Date('2026-12-09T02:00:00Z'); // the sign-by date (the 8th) has passed
      assert.equal(await services.cases.escalateOverdue(), 1);
      assert.equal(await services.cases.escalateOverdue(), 0, 'once per limit');
      const fresh = await signInAs('admin', TEST_PASSWORD);
      const view = (await call(fresh, 'GET', `/cases/${id}`)).json() as CaseView;
      assert.equal(view.supervisions, 1);
      assert.deepEqual(
        [view.steps!.at(-1)!.actor, view.steps!.at(-1)!.note],
        ['system', '超期未签收（签收期限 2026-12-08）'],
      );
      await call(fresh, 'POST', `/cases/${id}/actions`, { action: 'sign', version: view.version });
      now = new Date('2026-12-28T02:00:00Z');
      assert.equal(await services.cases.escalateOverdue(), 1);
      const later = (await call(await signInAs('admin', TEST_PASSWORD), 'GET', `/cases/${id}`)).json() as CaseView;
      assert.deepEqual(
        [later.supervisions, later.steps!.at(-1)!.note],
        [2, `超期未答复（答复期限 ${later.deadlines.replyBy}）`],
      );
    });

    test('photos: only images are kept, a case shows its photos to those who see it and to no one else', async (t) => {
      const { app, call, admin, root, signInAs } = await startApp(t, await backend.open(t));
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('井盖照片'),
      ]);
      const upload = (body: Buffer, type: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/admin/case-photos',
          headers: { ...admin, 'content-type': type },
          payload: body,
        });
      const notImage = await upload(Buffer.from('<script>alert(1)</script>'), 'image/png');
      assert.equal(notImage.json().error.code, 'MEDIA_TYPE_UNSUPPORTED');
      const uploaded = await upload(png, 'image/png');
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const { id } = uploaded.json() as { id: string };
      const unknown = await call(admin, 'POST', '/cases', {
        channel: 'walk-in',
        nature: 'report',
        category: 'safety/manhole',
        description: '井盖缺失',
        photos: ['0'.repeat(64)],
      });
      assert.equal(unknown.json().error.details[0].path, '/photos/0');
      const receipt = (
        await call(admin, 'POST', '/cases', {
          channel: 'walk-in',
          nature: 'report',
          category: 'safety/manhole',
          description: '井盖缺失',
          photos: [id],
        })
      ).json() as CaseReceipt;
      const caseId = ((await call(admin, 'GET', `/cases?q=${receipt.tracking}`)).json() as CaseList).cases[0]!.id;
      assert.deepEqual(((await call(admin, 'GET', `/cases/${caseId}`)).json() as CaseView).photos, [id]);
      const shown = await call(admin, 'GET', `/case-photos/${id}`);
      assert.deepEqual([shown.statusCode, shown.headers['content-type']], [200, 'image/png']);
      assert.deepEqual(shown.rawPayload, png);
      // Someone of another street sees neither the case nor its photo.
      const street = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '江滨街道', code: '330188002000' })
      ).json();
      await call(admin, 'POST', '/users', {
        username: 'jiangbin-admin',
        displayName: '江滨',
        role: 'street-admin',
        orgId: street.id,
        password: 'Linli2026photos',
        mustChangePassword: false,
      });
      const other = await signInAs('jiangbin-admin', 'Linli2026photos');
      assert.equal((await call(other, 'GET', `/case-photos/${id}`)).statusCode, 404);
    });

    test("a kiosk's photo goes up before its case: checked by content, kept once, shown with the case; only a kiosk may send one, refused before its body is read", async (t) => {
      const { app, call, admin, db, enrollDevice } = await startApp(t, await backend.open(t));
      const deviceHeaders = (authorization: string) => ({
        authorization,
        [PROTOCOL_VERSION_HEADER]: String(PROTOCOL_VERSION),
      });
      const kiosk = await enrollDevice('临江社区一号机');
      const upload = (authorization: string, body: Buffer, type = 'image/jpeg') =>
        app.inject({
          method: 'POST',
          url: '/api/v1/case-photos',
          headers: { ...deviceHeaders(authorization), 'content-type': type },
          payload: body,
        });
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('违章搭建现场照片')]);
      const sha256 = createHash('sha256').update(jpeg).digest('hex');

      // What is not a photo is refused by its content, whatever it calls itself; so is one too large.
      const notImage = await upload(kiosk.authorization, Buffer.from('<svg onload="alert(1)"/>'));
      assert.deepEqual([notImage.statusCode, notImage.json().error.code], [415, 'MEDIA_TYPE_UNSUPPORTED']);
      const huge = Buffer.alloc(CASE_PHOTO_MAX_BYTES + 1);
      huge.set(jpeg);
      const tooLarge = await upload(kiosk.authorization, huge);
      assert.deepEqual([tooLarge.statusCode, tooLarge.json().error.code], [413, 'MEDIA_TOO_LARGE']);
      const noBody = await app.inject({
        method: 'POST',
        url: '/api/v1/case-photos',
        headers: deviceHeaders(kiosk.authorization),
      });
      assert.equal(noBody.statusCode, 400, noBody.body);

      // Sent twice (a kiosk that lost the answer): one photo, named by its hash both times.
      for (let again = 0; again < 2; again++) {
        const sent = await upload(kiosk.authorization, jpeg);
        assert.equal(sent.statusCode, 201, sent.body);
        assert.deepEqual(sent.json(), { id: sha256 });
      }
      const blobs = await db.all<{ uploaded_by: string }>('SELECT uploaded_by FROM case_photo_blobs');
      assert.deepEqual(
        blobs.map((blob) => blob.uploaded_by),
        [`device:${kiosk.deviceId}`],
      );

      // The case names it; staff see it with the case.
      const submitted = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: deviceHeaders(kiosk.authorization),
        payload: { ...COMPLAINT, photos: [sha256] },
      });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const tracking = (submitted.json() as CaseReceipt).tracking;
      const caseId = ((await call(admin, 'GET', `/cases?q=${tracking}`)).json() as CaseList).cases[0]!.id;
      assert.deepEqual(((await call(admin, 'GET', `/cases/${caseId}`)).json() as CaseView).photos, [sha256]);
      const shown = await call(admin, 'GET', `/case-photos/${sha256}`);
      assert.deepEqual([shown.statusCode, shown.headers['content-type']], [200, 'image/jpeg']);
      assert.deepEqual(shown.rawPayload, jpeg);
      const repeat = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: deviceHeaders(kiosk.authorization),
        payload: { ...COMPLAINT, photos: [sha256] },
      });
      assert.equal(repeat.statusCode, 200, 'the same case again');
      assert.deepEqual(((await call(admin, 'GET', `/cases/${caseId}`)).json() as CaseView).photos, [sha256]);

      // A signage player is no kiosk, and an unknown device no device: over real TCP, the refusal
      // comes while most of the body is still unsent (the server reads none of it).
      const player = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/devices/enroll',
          payload: { code: TEST_ENROLLMENT_CODE, name: '大厅屏', kind: 'player' },
        })
      ).json() as { deviceId: string; secret: string };
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as { port: number };
      const refusedEarly = async (authorization: string) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/case-photos',
          headers: {
            ...deviceHeaders(authorization),
            'content-type': 'image/jpeg',
            'content-length': String(CASE_PHOTO_MAX_BYTES),
          },
        });
        request.on('error', () => undefined);
        request.write(jpeg);
        const [response] = (await once(request, 'response')) as [IncomingMessage];
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        request.destroy();
        return { status: response.statusCode, code: JSON.parse(Buffer.concat(chunks).toString()).error.code };
      };
      assert.deepEqual(await refusedEarly(deviceAuthorization(player.deviceId, player.secret)), {
        status: 403,
        code: 'FORBIDDEN',
      });
      assert.deepEqual(await refusedEarly(deviceAuthorization(kiosk.deviceId, 'not-the-secret')), {
        status: 401,
        code: 'DEVICE_UNKNOWN',
      });
      assert.equal(Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM case_photo_blobs'))?.n), 1);
    });

    test('a call and a walk-in written up by staff: answered on the spot closes the case; a call must name the call', async (t) => {
      const { call, admin } = await startApp(t, await backend.open(t));
      const answered = await call(admin, 'POST', '/cases', {
        channel: 'phone',
        nature: 'consultation',
        category: 'affairs/medical-insurance',
        description: '咨询城乡居民医保缴费时间',
        call: { callerNumber: '057188001234', calledAt: '2026-12-01T01:00:00Z', durationSeconds: 185 },
        answer: '每年 9 月至 12 月缴纳下一年度',
      });
      assert.equal(answered.statusCode, 201, answered.body);
      assert.equal((answered.json() as CaseReceipt).state, 'closed');
      const [written] = ((await call(admin, 'GET', '/cases')).json() as CaseList).cases;
      assert.deepEqual(
        [written!.channel, written!.answeredOnSpot, written!.call?.durationSeconds],
        ['phone', true, 185],
      );
      assert.equal(written!.anonymous, true);
      const noCall = await call(admin, 'POST', '/cases', {
        channel: 'phone',
        nature: 'help',
        category: 'other',
        description: '独居老人求助',
      });
      assert.equal(noCall.json().error.details[0].path, '/call');
      const walkIn = await call(admin, 'POST', '/cases', {
        channel: 'walk-in',
        nature: 'suggestion',
        category: 'traffic/street-lights',
        urgency: 'urgent',
        description: '建议在小区南门增设路灯',
      });
      assert.equal((walkIn.json() as CaseReceipt).state, 'registered');
    });
  });
}
