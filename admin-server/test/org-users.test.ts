import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CSRF_HEADER, LinliError } from '@linli/protocol';
import { backends } from './backends';
import { startApp, type AdminHeaders } from './app-harness';
import { guideInput } from './fixtures';
import { totpAt } from '../src/domain/totp';
import { createSignInService } from '../src/domain/sign-in';
import { claimUnknownNameAttempt } from '../src/db/user-store';

const PASSWORD = 'Linli2026street';

/** A district with two streets, a community in each, a street admin and two community operators. */
async function organisation(t: Parameters<typeof startApp>[0], backend: (typeof backends)[number], clock?: () => Date) {
  const harness = await startApp(t, await backend.open(t), clock);
  const { app, admin, root, signInAs } = harness;
  const post = (headers: AdminHeaders, url: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/v1/admin${url}`, headers, payload });
  const anhe = (await post(admin, '/orgs', { parentId: root.id, name: '安和街道', code: '330188001000' })).json();
  const jiangbin = (await post(admin, '/orgs', { parentId: root.id, name: '江滨街道', code: '330188002000' })).json();
  assert.equal(
    (
      await post(admin, '/users', {
        username: 'anhe.admin',
        displayName: '安和管理员',
        role: 'street-admin',
        orgId: anhe.id,
        password: PASSWORD,
        mustChangePassword: false,
      })
    ).statusCode,
    201,
  );
  const streetAdmin = await signInAs('anhe.admin', PASSWORD);
  const linjiang = (
    await post(streetAdmin, '/orgs', { parentId: anhe.id, name: '临江社区', code: '330188001001' })
  ).json();
  const chunhui = (
    await post(admin, '/orgs', { parentId: jiangbin.id, name: '春晖社区', code: '330188002001' })
  ).json();
  assert.equal(
    (
      await post(streetAdmin, '/users', {
        username: 'linjiang.op',
        displayName: '临江操作员',
        role: 'community-operator',
        orgId: linjiang.id,
        password: PASSWORD,
        mustChangePassword: false,
      })
    ).statusCode,
    201,
  );
  assert.equal(
    (
      await post(admin, '/users', {
        username: 'chunhui.op',
        displayName: '春晖操作员',
        role: 'community-operator',
        orgId: chunhui.id,
        password: PASSWORD,
        mustChangePassword: false,
      })
    ).statusCode,
    201,
  );
  return {
    ...harness,
    post,
    anhe,
    jiangbin,
    linjiang,
    chunhui,
    streetAdmin,
    linjiangOp: await signInAs('linjiang.op', PASSWORD),
    chunhuiOp: await signInAs('chunhui.op', PASSWORD),
  };
}

for (const backend of backends) {
  describe(`organisation tree, users and audit on ${backend.name}`, { skip: backend.skip }, () => {
    test('a street administrator builds their street; operators see only their own community', async (t) => {
      const org = await organisation(t, backend);
      const { app, post, streetAdmin, linjiangOp, chunhuiOp, chunhui, linjiang } = org;
      const tree = (await app.inject({ url: '/api/v1/admin/orgs', headers: streetAdmin })).json();
      assert.deepEqual(
        tree.nodes.map((node: { name: string }) => node.name),
        ['临江市安和区', '安和街道', '临江社区'],
        'own subtree plus the district above, not 江滨街道',
      );
      const ownTree = (await app.inject({ url: '/api/v1/admin/orgs', headers: linjiangOp })).json();
      assert.ok(!ownTree.nodes.some((node: { name: string }) => node.name === '春晖社区'));

      // Another community's users and nodes are out of reach, in the API as in the UI.
      const users = await app.inject({ url: `/api/v1/admin/users?orgId=${chunhui.id}`, headers: linjiangOp });
      assert.equal(users.statusCode, 403);
      assert.equal(users.json().error.code, 'FORBIDDEN');
      const rename = await app.inject({
        method: 'PUT',
        url: `/api/v1/admin/orgs/${chunhui.id}`,
        headers: streetAdmin,
        payload: { name: '改名', code: chunhui.code },
      });
      assert.equal(rename.statusCode, 403);
      const clerk = await post(chunhuiOp, '/users', {
        username: 'spy.clerk',
        displayName: '查询员',
        role: 'query-clerk',
        orgId: linjiang.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(clerk.statusCode, 403);

      const own = (await app.inject({ url: '/api/v1/admin/users', headers: streetAdmin })).json();
      assert.deepEqual(own.users.map((user: { username: string }) => user.username).sort(), [
        'anhe.admin',
        'linjiang.op',
      ]);
    });

    test("content is scoped: a street's guide is hidden from another street; the district's is seen by all", async (t) => {
      const { app, post, streetAdmin, chunhuiOp, linjiangOp, admin } = await organisation(t, backend);
      assert.equal((await post(admin, '/guides', guideInput({ id: 'district-guide' }))).statusCode, 201);
      assert.equal(
        (await post(streetAdmin, '/guides', guideInput({ id: 'anhe-guide', published: false }))).statusCode,
        201,
      );
      const listed = (headers: AdminHeaders) =>
        app.inject({ url: '/api/v1/admin/guides', headers }).then((reply) =>
          reply
            .json()
            .guides.map((g: { id: string }) => g.id)
            .sort(),
        );
      assert.deepEqual(await listed(linjiangOp), ['anhe-guide', 'district-guide']);
      assert.deepEqual(await listed(chunhuiOp), ['district-guide']);
      assert.equal((await app.inject({ url: '/api/v1/admin/guides/anhe-guide', headers: chunhuiOp })).statusCode, 404);
      const foreignEdit = await app.inject({
        method: 'PUT',
        url: '/api/v1/admin/guides/anhe-guide',
        headers: { ...chunhuiOp, 'if-match': '"1"' },
        payload: guideInput({ id: 'anhe-guide', title: '改' }),
      });
      assert.equal(foreignEdit.statusCode, 404, "another street's guide is not there to change either");
      const edit = await app.inject({
        method: 'PUT',
        url: '/api/v1/admin/guides/district-guide',
        headers: { ...linjiangOp, 'if-match': '"1"' },
        payload: guideInput({ id: 'district-guide', title: '改' }),
      });
      assert.equal(edit.statusCode, 403, 'guides placed above are read-only');
      const denied = (await app.inject({ url: '/api/v1/admin/audit?outcome=denied', headers: admin })).json();
      assert.ok(
        denied.entries.some(
          (entry: { actor: string; action: string }) =>
            entry.actor === 'linjiang.op' && entry.action === 'guide.update',
        ),
        'the refusal is audited',
      );
    });

    test('division codes are checked against the level and the parent; a code is used once', async (t) => {
      const { app, post, admin, root, anhe } = await organisation(t, backend);
      const cases: [number, string, RegExp][] = [
        [root.id, '33018800100', /12 digits/],
        [root.id, '330199003000', /must start with 330188/],
        [root.id, '330188003001', /street code ends in 000/],
        [root.id, '330188000000', /must not be 000/],
        [anhe.id, '330188002001', /must start with 330188001/],
      ];
      for (const [parentId, code, message] of cases) {
        const reply = await post(admin, '/orgs', { parentId, name: '测试', code });
        assert.equal(reply.statusCode, 400, code);
        assert.equal(reply.json().error.code, 'ORG_CODE_INVALID');
        assert.equal(reply.json().error.details[0].path, '/code');
        assert.match(reply.json().error.message, message);
      }
      const duplicate = await post(admin, '/orgs', { parentId: root.id, name: '重复', code: '330188001000' });
      assert.equal(duplicate.statusCode, 409);
      const notEmpty = await app.inject({ method: 'DELETE', url: `/api/v1/admin/orgs/${anhe.id}`, headers: admin });
      assert.equal(notEmpty.json().error.code, 'ORG_NOT_EMPTY');
    });

    test("roles: weak passwords, roles above one's own and roles at the wrong level are refused", async (t) => {
      const { post, streetAdmin, linjiangOp, linjiang, anhe } = await organisation(t, backend);
      const weak = await post(streetAdmin, '/users', {
        username: 'weak.user',
        displayName: '弱',
        role: 'query-clerk',
        orgId: linjiang.id,
        password: 'abcdefghij',
        mustChangePassword: false,
      });
      assert.equal(weak.json().error.code, 'PASSWORD_WEAK');
      assert.equal(weak.json().error.details[0].path, '/password');
      const upward = await post(streetAdmin, '/users', {
        username: 'boss',
        displayName: '越权',
        role: 'system-admin',
        orgId: anhe.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(upward.statusCode, 403);
      const misplaced = await post(streetAdmin, '/users', {
        username: 'op.at.street',
        displayName: '放错',
        role: 'community-operator',
        orgId: anhe.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(misplaced.json().error.code, 'VALIDATION_FAILED');
      assert.equal(misplaced.json().error.details[0].path, '/orgId');
      const clerk = await post(linjiangOp, '/users', {
        username: 'lj.clerk',
        displayName: '兼职查询员',
        role: 'query-clerk',
        orgId: linjiang.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(clerk.statusCode, 201, 'an operator adds part-time query clerks to their community');
      const badName = await post(streetAdmin, '/users', {
        username: 'A B',
        displayName: 'x',
        role: 'query-clerk',
        orgId: linjiang.id,
        password: PASSWORD,
        mustChangePassword: false,
      });
      assert.equal(badName.statusCode, 400);
      assert.match(badName.json().error.details[0].path, /username/);
    });

    test('five wrong passwords lock the account; an administrator unlocks it, or it unlocks after 15 minutes', async (t) => {
      let now = new Date('2026-11-28T10:00:00Z');
      const { app, streetAdmin } = await organisation(t, backend, () => now);
      const login = (password: string) =>
        app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'linjiang.op', password } });
      for (let i = 0; i < 5; i++) assert.equal((await login(`Guess${i}guess`)).json().error.code, 'BAD_CREDENTIALS');
      const locked = await login(PASSWORD);
      assert.equal(locked.statusCode, 423);
      assert.equal(locked.json().error.code, 'ACCOUNT_LOCKED');
      const unlock = await app.inject({
        method: 'PATCH',
        url: '/api/v1/admin/users/linjiang.op',
        headers: streetAdmin,
        payload: { unlock: true },
      });
      assert.equal(unlock.json().lockedUntil, null);
      assert.equal((await login(PASSWORD)).statusCode, 200);
      for (let i = 0; i < 5; i++) await login(`Guess${i}guess`);
      now = new Date('2026-11-28T10:16:00Z');
      assert.equal((await login(PASSWORD)).statusCode, 200);
    });

    test('guesses sent at once each count; an expired lock starts the count again; unknown names lock alike and answer as slowly', async (t) => {
      let now = new Date('2026-11-28T10:00:00Z');
      const { app, db } = await organisation(t, backend, () => now);
      const login = (username: string, password: string, from = '198.51.100.7') =>
        app.inject({
          method: 'POST',
          url: '/api/v1/admin/login',
          payload: { username, password },
          remoteAddress: from,
        });
      const codes = (await Promise.all(Array.from({ length: 20 }, (_, i) => login('linjiang.op', `Guess${i}guess`))))
        .map((reply) => reply.statusCode)
        .sort();
      assert.ok(codes.filter((code) => code === 401).length <= 5, codes.join(' '));
      assert.ok(
        codes.every((code) => code === 401 || code === 423),
        codes.join(' '),
      );
      assert.equal((await login('linjiang.op', PASSWORD)).statusCode, 423, 'the right password waits for the lock too');
      now = new Date('2026-11-28T10:16:00Z');
      assert.equal((await login('linjiang.op', 'Guess99guess')).statusCode, 401, 'one wrong try after the lock');
      assert.equal((await login('linjiang.op', PASSWORD)).statusCode, 200);

      for (let i = 0; i < 5; i++)
        assert.equal((await login('no.such.user', `Guess${i}guess`, '198.51.100.8')).statusCode, 401);
      assert.equal(
        (await login('no.such.user', 'Guess5guess', '198.51.100.8')).statusCode,
        423,
        'as a real account would',
      );
      // Counted in the database: another instance on it answers alike.
      const otherInstance = createSignInService({ db, clock: () => now });
      await assert.rejects(
        otherInstance.signIn({ username: 'no.such.user', password: 'Guess6guess', from: '198.51.100.10' }),
        (error: unknown) => error instanceof LinliError && error.code === 'ACCOUNT_LOCKED',
      );

      // Interleaved, each answer checks a password. CPU time, not wall time, and the least of several
      // tries, as other work only adds to it: other tests share the machine. Without the stand-in
      // check an unknown name would cost a small fraction of a known one.
      const cost = async (username: string, from: string) => {
        const before = process.cpuUsage();
        assert.equal((await login(username, 'WrongGuess1', from)).statusCode, 401);
        const { user, system } = process.cpuUsage(before);
        return (user + system) / 1000;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        known.push(await cost('chunhui.op', '198.51.100.9'));
        unknown.push(await cost(`ghost${i}`, '198.51.100.10'));
      }
      const ratio = Math.min(...known) / Math.min(...unknown);
      assert.ok(ratio > 0.5 && ratio < 2, `known ${known.join(' ')} ms, unknown ${unknown.join(' ')} ms`);
    });

    test("changes need the session's CSRF token; sessions end after 30 idle minutes and when an account is disabled", async (t) => {
      let now = new Date('2026-11-28T10:00:00Z');
      const { app, admin, streetAdmin, linjiangOp, root } = await organisation(t, backend, () => now);
      const noToken = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/orgs',
        headers: { cookie: admin.cookie },
        payload: { parentId: root.id, name: '新街道', code: '330188009000' },
      });
      assert.equal(noToken.statusCode, 403);
      assert.equal(noToken.json().error.code, 'CSRF_TOKEN_INVALID');
      const wrongToken = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/orgs',
        headers: { cookie: admin.cookie, [CSRF_HEADER]: streetAdmin[CSRF_HEADER] },
        payload: { parentId: root.id, name: '新街道', code: '330188009000' },
      });
      assert.equal(wrongToken.statusCode, 403);
      assert.equal(
        (await app.inject({ url: '/api/v1/admin/orgs', headers: { cookie: admin.cookie } })).statusCode,
        200,
        'reads need no token',
      );

      await app.inject({
        method: 'PATCH',
        url: '/api/v1/admin/users/linjiang.op',
        headers: streetAdmin,
        payload: { disabled: true },
      });
      assert.equal(
        (await app.inject({ url: '/api/v1/admin/session', headers: linjiangOp })).statusCode,
        401,
        'disabling ends the session at once',
      );
      now = new Date('2026-11-28T10:31:00Z');
      assert.equal(
        (await app.inject({ url: '/api/v1/admin/session', headers: admin })).statusCode,
        401,
        'idle for 31 minutes',
      );
    });

    test('changing your own password ends your other sessions, not the one you changed it in', async (t) => {
      const { app, signInAs } = await organisation(t, backend);
      const here = await signInAs('chunhui.op', PASSWORD);
      const elsewhere = await signInAs('chunhui.op', PASSWORD);
      const changed = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/account/password',
        headers: here,
        payload: { currentPassword: PASSWORD, newPassword: 'Chunhui2026changed' },
      });
      assert.equal(changed.statusCode, 204, changed.body);
      const session = (headers: AdminHeaders) => app.inject({ url: '/api/v1/admin/session', headers });
      assert.equal((await session(here)).statusCode, 200);
      assert.equal((await session(elsewhere)).statusCode, 401);
    });

    test('a password an administrator set is changed at first sign-in: until then only that, the session and sign-out are open', async (t) => {
      const { app, post, streetAdmin, linjiang, signInAs } = await organisation(t, backend);
      const created = await post(streetAdmin, '/users', {
        username: 'linjiang.clerk',
        displayName: '临江查询员',
        role: 'query-clerk',
        orgId: linjiang.id,
        password: PASSWORD,
      });
      assert.equal(created.json().mustChangePassword, true, 'by default a new user sets their own password');
      const clerk = await signInAs('linjiang.clerk', PASSWORD);
      const session = await app.inject({ url: '/api/v1/admin/session', headers: clerk });
      assert.equal(session.json().mustChangePassword, true);
      const guides = await app.inject({ url: '/api/v1/admin/guides', headers: clerk });
      assert.equal(guides.statusCode, 403);
      assert.equal(guides.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      const changed = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/account/password',
        headers: clerk,
        payload: { currentPassword: PASSWORD, newPassword: 'Clerk2026own' },
      });
      assert.equal(changed.statusCode, 204, changed.body);
      assert.equal((await app.inject({ url: '/api/v1/admin/guides', headers: clerk })).statusCode, 200);
      assert.equal(
        (await app.inject({ url: '/api/v1/admin/session', headers: clerk })).json().mustChangePassword,
        false,
      );

      // A reset by an administrator asks again, unless the administrator says otherwise.
      const reset = async (mustChangePassword?: boolean) =>
        app.inject({
          method: 'PATCH',
          url: '/api/v1/admin/users/linjiang.clerk',
          headers: streetAdmin,
          payload: { password: 'Reset2026clerk', ...(mustChangePassword === undefined ? {} : { mustChangePassword }) },
        });
      assert.equal((await reset()).json().mustChangePassword, true);
      assert.equal((await reset(false)).json().mustChangePassword, false);
    });

    test('two-step sign-in: set up with a code, then required, wrong and replayed codes refused', async (t) => {
      let now = new Date('2026-11-28T10:00:00Z');
      const { app, streetAdmin } = await organisation(t, backend, () => now);
      const start = (payload?: object) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/admin/account/totp',
          headers: streetAdmin,
          ...(payload && { payload }),
        });
      const unproven = await start();
      assert.equal(unproven.statusCode, 400, 'an open session alone does not bind an authenticator');
      const wrongPassword = await start({ currentPassword: 'NotMyPassword1' });
      assert.equal(wrongPassword.json().error.details[0].path, '/currentPassword');
      const setup = (await start({ currentPassword: PASSWORD })).json();
      assert.match(setup.uri, /^otpauth:\/\/totp\//);
      assert.match(setup.qrSvg, /^<svg/);
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/account/totp/confirm',
        headers: streetAdmin,
        payload: { code: '000000' === totpAt(setup.secret, now) ? '111111' : '000000' },
      });
      assert.equal(wrong.json().error.code, 'TOTP_WRONG');
      const confirmed = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/account/totp/confirm',
        headers: streetAdmin,
        payload: { code: totpAt(setup.secret, now) },
      });
      assert.equal(confirmed.statusCode, 204);

      now = new Date('2026-11-28T10:01:00Z');
      const login = (totp?: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/admin/login',
          payload: { username: 'anhe.admin', password: PASSWORD, ...(totp && { totp }) },
        });
      assert.equal((await login()).json().error.code, 'TOTP_REQUIRED');
      const code = totpAt(setup.secret, now);
      const ok = await login(code);
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().totpEnabled, true);
      assert.equal((await login(code)).json().error.code, 'TOTP_WRONG', 'a code works once');
    });

    test('the audit trail records sign-ins and changes with before and after, scoped, filtered and exported', async (t) => {
      const { app, admin, post, streetAdmin, linjiangOp, anhe, signInAs } = await organisation(t, backend);
      await app.inject({
        method: 'POST',
        url: '/api/v1/admin/login',
        payload: { username: 'linjiang.op', password: 'Wrong2026pass' },
      });
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/admin/users/linjiang.op',
        headers: streetAdmin,
        payload: { displayName: '临江社区操作员' },
      });
      assert.equal(
        (
          await post(admin, '/users', {
            username: 'auditor1',
            displayName: '审计员',
            role: 'auditor',
            orgId: anhe.id,
            password: PASSWORD,
            mustChangePassword: false,
          })
        ).statusCode,
        201,
      );

      const page = (await app.inject({ url: '/api/v1/admin/audit?limit=500', headers: admin })).json();
      const failed = page.entries.find(
        (entry: { action: string; outcome: string }) =>
          entry.action === 'session.sign-in' && entry.outcome === 'failed',
      );
      assert.equal(failed.actor, 'linjiang.op');
      assert.ok(failed.from.length > 0);
      const renamed = page.entries.find(
        (entry: { action: string; targetId: string }) =>
          entry.action === 'user.update' && entry.targetId === 'linjiang.op',
      );
      assert.equal(renamed.before.displayName, '临江操作员');
      assert.equal(renamed.after.displayName, '临江社区操作员');
      assert.ok(!JSON.stringify(page).includes('scrypt$'), 'no password hash in the trail');

      const auditor = await signInAs('auditor1', PASSWORD);
      const streetView = (
        await app.inject({ url: '/api/v1/admin/audit?action=user.&limit=500', headers: auditor })
      ).json();
      assert.ok(streetView.entries.some((entry: { targetId: string }) => entry.targetId === 'linjiang.op'));
      assert.ok(streetView.entries.every((entry: { action: string }) => entry.action.startsWith('user.')));
      assert.ok(
        !streetView.entries.some((entry: { targetId: string }) => entry.targetId === 'chunhui.op'),
        "another street's changes are not shown",
      );
      assert.equal(
        (await app.inject({ url: '/api/v1/admin/audit', headers: linjiangOp })).statusCode,
        403,
        'operators do not read the trail',
      );

      const csv = await app.inject({ url: '/api/v1/admin/audit/export?action=user.', headers: admin });
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.ok(csv.body.startsWith('\uFEFFid,at,actor,action'));
      assert.ok(csv.body.includes('临江社区操作员'));

      // A failed sign-in's user name reaches the trail unchecked; no form of it runs as a formula.
      for (const username of ['=1+1', '\t=1+1', '\r=1+1', '@SUM(A1)'])
        await app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password: 'x' } });
      const signIns = await app.inject({ url: '/api/v1/admin/audit/export?action=session.', headers: admin });
      const actors = signIns.body.split('\r\n').map((line) => line.split(',')[2] ?? '');
      const risky = actors.filter((cell) => /[=@]/.test(cell));
      assert.equal(risky.length, 4, actors.join(' | '));
      for (const actor of risky) assert.match(actor, /^"?'/, `${JSON.stringify(actor)} is neutralised`);
    });
  });
}

test('names no account has are forgotten beyond the 10,000 most recently tried: guessed names cannot fill the database', async (t) => {
  const db = await backends.find((backend) => backend.name === 'sqlite')!.open(t);
  await db.transaction(async (tx) => {
    for (let i = 0; i < 10_000; i++)
      await tx.run(
        'INSERT INTO unknown_sign_in_names (username, failed_count, locked_until, last_at) VALUES (?, 1, NULL, ?)',
        [`guess${i}`, new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString()],
      );
  });
  const claimed = await claimUnknownNameAttempt(db, 'latest.guess', '2026-12-06T10:00:00.000Z');
  assert.deepEqual({ ...claimed, failed_count: Number(claimed.failed_count) }, { failed_count: 1, locked_until: null });
  const names = await db.all<{ username: string }>('SELECT username FROM unknown_sign_in_names');
  assert.equal(names.length, 10_000);
  assert.ok(!names.some((row) => row.username === 'guess0'), 'the least recently tried is forgotten');
  assert.ok(names.some((row) => row.username === 'latest.guess'));
});
