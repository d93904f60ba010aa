import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './backends';
import { startApp, type AdminHeaders } from './app-harness';
import { withPart, zip } from './xlsx-fixture';

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');

for (const backend of backends) {
  describe(`org and user import from spreadsheets on ${backend.name}`, { skip: backend.skip }, () => {
    async function harness(t: Parameters<typeof startApp>[0]) {
      const started = await startApp(t, await backend.open(t));
      const upload = (
        kind: 'orgs' | 'users',
        headers: AdminHeaders,
        body: Buffer,
        dryRun: boolean,
        fileName = `${kind}.csv`,
      ) =>
        started.app.inject({
          method: 'POST',
          url: `/api/v1/admin/${kind}/import?fileName=${encodeURIComponent(fileName)}&dryRun=${dryRun}`,
          headers: { ...headers, 'content-type': 'application/octet-stream' },
          payload: body,
        });
      const names = async () =>
        (await started.app.inject({ url: '/api/v1/admin/orgs', headers: started.admin }))
          .json()
          .nodes.map((node: { name: string }) => node.name);
      return { ...started, upload, names };
    }

    const tree = csv([
      '上级代码,名称,代码',
      '330188001000,临江社区,330188001001',
      '330188,安和街道,330188001000',
      '330188001001,临江一网格,330188001001001',
      '330188,江滨街道,330188002000',
    ]);

    test('a dry run reports what would change and writes nothing; the real run writes it all, audited', async (t) => {
      const { upload, admin, names, app } = await harness(t);
      const dry = await upload('orgs', admin, tree, true);
      assert.equal(dry.statusCode, 200, dry.body);
      assert.deepEqual(dry.json(), { dryRun: true, rows: 4, created: 4, updated: 0, unchanged: 0 });
      assert.deepEqual(await names(), ['临江市安和区']);
      const real = (await upload('orgs', admin, tree, false)).json();
      assert.equal(real.created, 4);
      assert.deepEqual(
        (await names()).sort(),
        ['临江一网格', '临江市安和区', '临江社区', '安和街道', '江滨街道'].sort(),
      );
      const again = (
        await upload(
          'orgs',
          admin,
          csv(['上级代码,名称,代码', '330188,安和街道（新）,330188001000', '330188,江滨街道,330188002000']),
          false,
        )
      ).json();
      assert.deepEqual(
        { updated: again.updated, unchanged: again.unchanged, created: again.created },
        { updated: 1, unchanged: 1, created: 0 },
      );
      const audit = (await app.inject({ url: '/api/v1/admin/audit?action=org.import', headers: admin })).json();
      assert.equal(audit.total, 5);
    });

    test('every problem of every row is reported at once and nothing is written', async (t) => {
      const { upload, admin, names } = await harness(t);
      const reply = await upload(
        'orgs',
        admin,
        csv([
          '上级代码,名称,代码',
          '330188,安和街道,330188001000',
          '330188,错位街道,330199002000',
          '330188001000,,330188001001',
          '999999999000,孤儿社区,999999999001',
          '330188,安和街道重复,330188001000',
        ]),
        false,
      );
      assert.equal(reply.statusCode, 400);
      assert.equal(reply.json().error.code, 'IMPORT_INVALID');
      const details = reply.json().error.details.map((d: { path: string }) => d.path);
      assert.deepEqual(details.sort(), ['/row 3/代码', '/row 4/名称', '/row 5/上级代码', '/row 6/代码'].sort());
      assert.deepEqual(await names(), ['临江市安和区'], 'the good rows were not written either');
      const noHeader = await upload('orgs', admin, csv(['parent,name', '330188,x']), true);
      assert.match(noHeader.json().error.message, /lacks 上级代码, 代码/);
      const xls = await upload(
        'orgs',
        admin,
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        true,
        'old.xls',
      );
      assert.match(xls.json().error.message, /\.xlsx/);
    });

    test('a hostile workbook is refused before it is read for a user who may not import, and quickly for one who may', async (t) => {
      const { upload, admin, call, signInAs } = await harness(t);
      await upload('orgs', admin, tree, false);
      const nodes: { id: number; name: string }[] = (await call(admin, 'GET', '/orgs')).json().nodes;
      const at = (name: string) => nodes.find((node) => node.name === name)!.id;
      // 2.4 million unclosed tags, 35 KB zipped: the old reader rescanned to the end for each one (hours).
      const hostile = zip(withPart('xl/workbook.xml', { content: `<workbook><sheets>${'<sheet>'.repeat(2_400_000)}` }));
      assert.ok(hostile.length < 64 * 1024, `${hostile.length} bytes`);
      for (const [username, role, orgId] of [
        ['clerk', 'query-clerk', at('临江社区')],
        ['street', 'street-admin', at('安和街道')],
      ] as const) {
        const created = await call(admin, 'POST', '/users', {
          username,
          displayName: username,
          role,
          orgId,
          password: 'Linli2026import',
          mustChangePassword: false,
        });
        assert.equal(created.statusCode, 201, created.body);
      }
      const timed = async (headers: AdminHeaders) => {
        const started = performance.now();
        const reply = await upload('orgs', headers, hostile, true, 'hostile.xlsx');
        return { reply, ms: performance.now() - started };
      };
      // Bounds far above what a linear reader needs even on a loaded machine, far below hours.
      const clerk = await timed(await signInAs('clerk', 'Linli2026import'));
      assert.equal(clerk.reply.statusCode, 403);
      assert.ok(clerk.ms < 500, `refused in ${clerk.ms} ms`);
      const street = await timed(await signInAs('street', 'Linli2026import'));
      assert.equal(street.reply.json().error.code, 'IMPORT_INVALID');
      assert.match(street.reply.json().error.message, /workbook\.xml.*deeper than 64/);
      assert.ok(street.ms < 2000, `refused in ${street.ms} ms`);
    });

    test("users are imported with roles by their Chinese names, only within the importer's street", async (t) => {
      const { upload, admin, app, signInAs, root } = await harness(t);
      await upload('orgs', admin, tree, false);
      const anhe = (await app.inject({ url: '/api/v1/admin/orgs', headers: admin }))
        .json()
        .nodes.find((n: { name: string }) => n.name === '安和街道');
      assert.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/admin/users',
            headers: admin,
            payload: {
              username: 'anhe.admin',
              displayName: '安和管理员',
              role: 'street-admin',
              orgId: anhe.id,
              password: 'Anhe2026street',
              mustChangePassword: false,
            },
          })
        ).statusCode,
        201,
      );
      const streetAdmin = await signInAs('anhe.admin', 'Anhe2026street');
      const bad = await upload(
        'users',
        streetAdmin,
        csv([
          '用户名,姓名,角色,所属机构代码,初始密码',
          'lj.op,临江操作员,社区操作员,330188001001,Linjiang2026op',
          'jb.op,江滨操作员,社区操作员,330188002000,Jiangbin2026op',
          'boss,大领导,系统管理员,330188001000,Chief2026xyz',
          'weak.one,弱密码,兼职查询员,330188001001,short',
        ]),
        true,
      );
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad.json().error.details.map((d: { path: string }) => d.path),
        ['/row 3/所属机构代码', '/row 4/角色', '/row 5/初始密码'],
      );
      const good = await upload(
        'users',
        streetAdmin,
        csv([
          '用户名,姓名,角色,所属机构代码,初始密码',
          'lj.op,临江操作员,社区操作员,330188001001,Linjiang2026op',
          'lj.clerk,查询员,兼職查詢員,330188001001001,Clerk2026grid',
        ]),
        false,
      );
      assert.deepEqual(good.json(), { dryRun: false, rows: 2, created: 2, updated: 0, unchanged: 0 });
      const operator = await signInAs('lj.op', 'Linjiang2026op');
      const session = (await app.inject({ url: '/api/v1/admin/session', headers: operator })).json();
      assert.equal(session.mustChangePassword, true, "the sheet's password is replaced at first sign-in");
      const audit = (await app.inject({ url: '/api/v1/admin/audit?action=user.import', headers: admin })).json();
      assert.equal(audit.total, 2);
      assert.ok(!JSON.stringify(audit).includes('Linjiang2026op'), 'passwords stay out of the trail');
      assert.ok(root.id > 0);
    });
  });
}
