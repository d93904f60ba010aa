import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { startApp } from './app-harness';
import { deviceAuthorization } from '@linli/protocol';
import { guideInput } from './fixtures';

const PASSWORD = 'Linli2026guides';

for (const backend of backends) {
  describe(`guide review workflow on ${backend.name}`, { skip: backend.skip }, () => {
    async function setup(t: Parameters<typeof startApp>[0]) {
      const harness = await startApp(t, await backend.open(t));
      const { app, admin, root, signInAs, call } = harness;
      const street = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })
      ).json();
      const community = (
        await call(admin, 'POST', '/orgs', { parentId: street.id, name: '临江社区', code: '330188001001' })
      ).json();
      /** A kiosk enrolled at `orgId`, and what it holds after pulling the whole feed. */
      const kioskAt = async (orgId: number) => {
        const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
          .code as string;
        const enrolled = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name: `kiosk ${orgId}` } })
        ).json();
        return deviceAuthorization(enrolled.deviceId, enrolled.secret);
      };
      // The kiosk of the community whose operator edits guides.
      const authorization = await kioskAt(community.id);
      let cursor = 0;
      const held = new Map<string, { title: string; version: number }>();
      /** Pulls like a kiosk; returns what it holds of the guide under test. */
      const kioskCopy = async () => {
        const page = (
          await app.inject({ url: `/api/v1/sync/changes?cursor=${cursor}&limit=1000`, headers: { authorization } })
        ).json();
        for (const change of page.changes) {
          if (change.entity !== 'guide') continue;
          if (change.op === 'upsert') held.set(change.id, { title: change.data.title, version: change.data.version });
          else held.delete(change.id);
        }
        cursor = page.nextCursor;
        return held.get('shebao-card-loss');
      };
      const user = async (username: string, role: string, orgId = community.id) => {
        const created = await call(admin, 'POST', '/users', {
          username,
          displayName: username,
          role,
          orgId,
          password: PASSWORD,
          mustChangePassword: false,
        });
        assert.equal(created.statusCode, 201, created.body);
        return signInAs(username, PASSWORD);
      };
      return { ...harness, call, kioskCopy, kioskAt, user, street, community };
    }

    test('a draft edit of a live guide stays off kiosks until reviewed; reject returns it with a comment; approve replaces the live version', async (t) => {
      const { call, kioskCopy, user, street } = await setup(t);
      const editor = await user('linjiang.op', 'community-operator');
      const reviewer = await user('anhe.admin', 'street-admin', street.id);
      assert.equal((await call(editor, 'POST', '/guides', guideInput())).json().state, 'approved');
      assert.deepEqual(await kioskCopy(), { title: '社会保障卡挂失', version: 1 });

      const draft = (
        await call(
          editor,
          'PUT',
          '/guides/shebao-card-loss',
          guideInput({ title: '社会保障卡正式挂失', published: false }),
          1,
        )
      ).json();
      assert.deepEqual([draft.state, draft.version, draft.liveVersion, draft.published], ['draft', 2, 1, true]);
      assert.deepEqual(
        await kioskCopy(),
        { title: '社会保障卡挂失', version: 1 },
        'kiosks keep the live version while a draft is edited',
      );

      assert.equal((await call(editor, 'POST', '/guides/shebao-card-loss/submit')).json().state, 'in-review');
      const waiting = (await call(reviewer, 'GET', '/guides?state=in-review')).json();
      assert.deepEqual(
        waiting.guides.map((g: { id: string }) => g.id),
        ['shebao-card-loss'],
        'the review queue lists it',
      );

      const rejected = (
        await call(
          reviewer,
          'POST',
          '/guides/shebao-card-loss/review',
          { approve: false, comment: '标题请与事项名称一致' },
          2,
        )
      ).json();
      assert.deepEqual(
        [rejected.state, rejected.reviewer, rejected.reviewComment],
        ['draft', 'anhe.admin', '标题请与事项名称一致'],
      );
      const listed = (await call(editor, 'GET', '/guides?state=draft')).json().guides[0];
      assert.equal(listed.reviewComment, '标题请与事项名称一致', 'the editor sees why it came back in the list');
      assert.deepEqual(await kioskCopy(), { title: '社会保障卡挂失', version: 1 });

      await call(editor, 'POST', '/guides/shebao-card-loss/submit');
      const approved = (await call(reviewer, 'POST', '/guides/shebao-card-loss/review', { approve: true }, 2)).json();
      assert.deepEqual([approved.state, approved.liveVersion], ['approved', 2]);
      assert.deepEqual(await kioskCopy(), { title: '社会保障卡正式挂失', version: 2 });
    });

    test('history lists every version; rollback saves an old one as a new draft, published on request; unpublish sends a tombstone', async (t) => {
      const { admin, call, kioskCopy } = await setup(t);
      await call(admin, 'POST', '/guides', guideInput());
      await call(admin, 'PUT', '/guides/shebao-card-loss', guideInput({ title: '社会保障卡正式挂失' }), 1);
      assert.deepEqual(
        await kioskCopy(),
        { title: '社会保障卡正式挂失', version: 2 },
        'a reviewer saving with published: true publishes at once',
      );

      const history = (await call(admin, 'GET', '/guides/shebao-card-loss/history')).json();
      assert.deepEqual(
        history.versions.map(
          (v: { version: number; title: string; savedBy: string }) => `${v.version} ${v.title} ${v.savedBy}`,
        ),
        ['2 社会保障卡正式挂失 admin', '1 社会保障卡挂失 admin'],
      );

      const rolledBack = (await call(admin, 'POST', '/guides/shebao-card-loss/rollback', { version: 1 })).json();
      assert.deepEqual(
        [rolledBack.version, rolledBack.title, rolledBack.state, rolledBack.liveVersion],
        [3, '社会保障卡挂失', 'draft', 2],
      );
      assert.deepEqual(await kioskCopy(), { title: '社会保障卡正式挂失', version: 2 });
      assert.equal(
        (await call(admin, 'POST', '/guides/shebao-card-loss/publish', { published: true })).json().liveVersion,
        3,
      );
      assert.deepEqual(await kioskCopy(), { title: '社会保障卡挂失', version: 3 });

      const off = (await call(admin, 'POST', '/guides/shebao-card-loss/publish', { published: false })).json();
      assert.deepEqual([off.state, off.liveVersion, off.published], ['withdrawn', null, false]);
      assert.equal(await kioskCopy(), undefined);
      const audit = (await call(admin, 'GET', '/audit?action=guide.&limit=200')).json();
      assert.ok(
        ['guide.rollback', 'guide.publish', 'guide.withdraw'].every((action) =>
          audit.entries.some((entry: { action: string }) => entry.action === action),
        ),
        'every step is audited',
      );
    });

    test('bad steps get coded errors and change nothing', async (t) => {
      const { admin, call, kioskCopy, user } = await setup(t);
      const clerk = await user('linjiang.clerk', 'query-clerk');
      await call(admin, 'POST', '/guides', guideInput({ published: false }));
      const review = await call(admin, 'POST', '/guides/shebao-card-loss/review', { approve: true }, 1);
      assert.equal(review.statusCode, 409);
      assert.equal(review.json().error.code, 'REVIEW_STATE_INVALID');
      assert.match(review.json().error.message, /draft cannot be approved/);
      const missing = await call(admin, 'POST', '/guides/shebao-card-loss/rollback', { version: 9 });
      assert.deepEqual([missing.statusCode, missing.json().error.code], [404, 'NOT_FOUND']);
      const badVersion = await call(admin, 'POST', '/guides/shebao-card-loss/rollback', { version: 'one' });
      assert.deepEqual([badVersion.statusCode, badVersion.json().error.code], [400, 'VALIDATION_FAILED']);
      const forbidden = await call(clerk, 'POST', '/guides/shebao-card-loss/submit');
      assert.deepEqual([forbidden.statusCode, forbidden.json().error.code], [403, 'FORBIDDEN']);
      const guide = (await call(admin, 'GET', '/guides/shebao-card-loss')).json();
      assert.deepEqual([guide.state, guide.version], ['draft', 1]);
      assert.equal(await kioskCopy(), undefined, 'a draft never reaches kiosks');
    });

    test('an import file is the truth: unpublished entries come off kiosks, unchanged ones are left alone', async (t) => {
      const { admin, call, kioskCopy } = await setup(t);
      const file = (published: boolean) => ({
        format: 'linli-guides',
        formatVersion: 1,
        guides: [guideInput({ published })],
      });
      assert.equal((await call(admin, 'POST', '/guides/import', file(true))).json().created, 1);
      assert.deepEqual(await kioskCopy(), { title: '社会保障卡挂失', version: 1 });
      assert.equal((await call(admin, 'POST', '/guides/import', file(true))).json().unchanged, 1);
      assert.equal((await call(admin, 'POST', '/guides/import', file(false))).json().updated, 1);
      assert.equal(await kioskCopy(), undefined);
      assert.equal((await call(admin, 'GET', '/guides/shebao-card-loss')).json().state, 'withdrawn');
    });

    test("a guide goes to its street's kiosks, or only to the nodes it names; a target outside is refused", async (t) => {
      const { app, admin, root, call, user, street, community, kioskAt } = await setup(t);
      const other = (
        await call(admin, 'POST', '/orgs', { parentId: root.id, name: '江滨街道', code: '330188002000' })
      ).json();
      /** Ids of the guides a kiosk enrolled at `orgId` holds after a full pull. */
      const guidesAt = async (orgId: number) => {
        const authorization = await kioskAt(orgId);
        return async () => {
          const page = (
            await app.inject({ url: '/api/v1/sync/changes?cursor=0&limit=1000', headers: { authorization } })
          ).json();
          return page.changes
            .filter((change: { entity: string }) => change.entity === 'guide')
            .map((change: { id: string }) => change.id)
            .sort();
        };
      };
      const inCommunity = await guidesAt(community.id);
      const inStreet = await guidesAt(street.id);
      const elsewhere = await guidesAt(other.id);
      const streetAdmin = await user('anhe.admin', 'street-admin', street.id);
      await call(admin, 'POST', '/guides', guideInput({ id: 'district-guide' }));
      await call(streetAdmin, 'POST', '/guides', guideInput({ id: 'street-guide' }));
      await call(
        streetAdmin,
        'POST',
        '/guides',
        guideInput({ id: 'community-guide', targets: { orgIds: [community.id], groupIds: [] } }),
      );
      assert.deepEqual(await inCommunity(), ['community-guide', 'district-guide', 'street-guide']);
      assert.deepEqual(await inStreet(), ['district-guide', 'street-guide']);
      assert.deepEqual(await elsewhere(), ['district-guide']);

      const outside = await call(
        streetAdmin,
        'POST',
        '/guides',
        guideInput({ id: 'bad-target', targets: { orgIds: [other.id], groupIds: [] } }),
      );
      assert.deepEqual(
        [outside.statusCode, outside.json().error.code, outside.json().error.details[0].path],
        [400, 'VALIDATION_FAILED', '/targets/orgIds'],
      );
      assert.equal((await call(admin, 'GET', '/guides/bad-target')).statusCode, 404, 'nothing was stored');
    });
  });
}
