/**
 * Optimistic concurrency on both backends: every save and review names the version it was made on
 * (If-Match); of truly concurrent saves on one version exactly one wins and the others get
 * 409 EDIT_CONFLICT naming the version that won, and an approval never passes an edit it did not see.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NoticeInput } from '@linli/protocol';
import { startApp } from './app-harness';
import { backends } from './backends';
import { guideInput } from './fixtures';

const notice: NoticeInput = {
  kind: 'announcement',
  title: '关于停水的通知',
  body: '11月30日停水。',
  publishAt: null,
  expireAt: null,
  targets: { orgIds: [], groupIds: [] },
};

for (const backend of backends) {
  describe(`edit conflicts on ${backend.name}`, { skip: backend.skip }, () => {
    const setup = async (t: Parameters<typeof startApp>[0]) => startApp(t, await backend.open(t));

    test('of five concurrent saves on one version exactly one wins; the others get EDIT_CONFLICT naming it', async (t) => {
      const { call, admin } = await setup(t);
      assert.equal((await call(admin, 'POST', '/guides', guideInput({ published: false }))).statusCode, 201);
      const titles = ['甲', '乙', '丙', '丁', '戊'].map((name) => `社会保障卡挂失（${name}）`);
      const replies = await Promise.all(
        titles.map((title) =>
          call(admin, 'PUT', '/guides/shebao-card-loss', guideInput({ title, published: false }), 1),
        ),
      );
      const won = replies.filter((reply) => reply.statusCode === 200);
      const lost = replies.filter((reply) => reply.statusCode !== 200);
      assert.equal(won.length, 1, replies.map((reply) => `${reply.statusCode} ${reply.body}`).join('\n'));
      assert.equal(won[0]!.headers.etag, '"2"');
      for (const reply of lost) {
        assert.equal(reply.statusCode, 409);
        assert.equal(reply.json().error.code, 'EDIT_CONFLICT');
        assert.match(reply.json().error.message, /at version 2 now; this was done on version 1/);
      }
      const history = (await call(admin, 'GET', '/guides/shebao-card-loss/history')).json();
      assert.deepEqual(
        history.versions.map((v: { version: number; title: string }) => [v.version, v.title]),
        [
          [2, won[0]!.json().title],
          [1, '社会保障卡挂失'],
        ],
        'no edit lost silently and no version number taken twice',
      );

      const stale = await call(admin, 'PUT', '/guides/shebao-card-loss', guideInput({ published: false }), 1);
      assert.equal(stale.json().error.code, 'EDIT_CONFLICT');
      const unnamed = await call(admin, 'PUT', '/guides/shebao-card-loss', guideInput({ published: false }));
      assert.equal(unnamed.statusCode, 428);
      assert.equal(unnamed.json().error.code, 'VERSION_REQUIRED');
    });

    test('an approval racing an edit approves only the version the reviewer read', async (t) => {
      const { call, admin, signInAs } = await setup(t);
      const reviewer = await signInAs('admin', 'correct horse battery 9');
      for (let round = 0; round < 5; round++) {
        const id = `race-${round}`;
        await call(admin, 'POST', '/guides', guideInput({ id, published: false }));
        await call(admin, 'POST', `/guides/${id}/submit`);
        const [edit, approval] = await Promise.all([
          call(admin, 'PUT', `/guides/${id}`, guideInput({ id, title: '改过的标题', published: false }), 1),
          call(reviewer, 'POST', `/guides/${id}/review`, { approve: true }, 1),
        ]);
        const final = (await call(admin, 'GET', `/guides/${id}`)).json();
        if (approval.statusCode === 200) {
          // Approved first: version 1 went live; the edit is a new draft over it.
          assert.equal(approval.json().liveVersion, 1);
          assert.equal(edit.statusCode, 200);
          assert.deepEqual([final.version, final.liveVersion, final.state], [2, 1, 'draft']);
        } else {
          // Edited first: the reviewer had not seen version 2, so nothing went live.
          assert.equal(approval.json().error.code, 'EDIT_CONFLICT');
          assert.deepEqual([final.version, final.liveVersion, final.state], [2, null, 'draft']);
        }
      }
    });

    test('notices: concurrent saves on one version, one wins; a review of an older version is refused', async (t) => {
      const { call, admin } = await setup(t);
      const { id } = (await call(admin, 'POST', '/notices', notice)).json();
      const replies = await Promise.all(
        ['一', '二', '三'].map((n) => call(admin, 'PUT', `/notices/${id}`, { ...notice, title: `停水通知${n}` }, 1)),
      );
      assert.deepEqual(replies.map((reply) => reply.statusCode).sort(), [200, 409, 409]);
      const history = (await call(admin, 'GET', `/notices/${id}/history`)).json();
      assert.deepEqual(
        history.versions.map((v: { version: number }) => v.version),
        [2, 1],
      );
      await call(admin, 'POST', `/notices/${id}/submit`);
      const old = await call(admin, 'POST', `/notices/${id}/review`, { approve: true }, 1);
      assert.equal(old.statusCode, 409);
      assert.equal(old.json().error.code, 'EDIT_CONFLICT');
    });
  });
}
