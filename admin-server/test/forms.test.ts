import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { deviceAuthorization, type FormDefinition, type FormInput } from '@linli/protocol';
import { backends } from './backends';
import { startApp, type AdminHeaders } from './app-harness';

const FORMS_DIR = path.resolve(import.meta.dirname, '../../device-drivers/forms');
const definition = JSON.parse(
  readFileSync(path.join(FORMS_DIR, 'residence-certificate.form.json'), 'utf8'),
) as FormDefinition;
const templatePdf = readFileSync(path.join(FORMS_DIR, 'residence-certificate.pdf'));
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const PASSWORD = 'Linli2026forms';

for (const backend of backends) {
  describe(`printable forms on ${backend.name}`, { skip: backend.skip }, () => {
    async function setup(t: Parameters<typeof startApp>[0]) {
      const harness = await startApp(t, await backend.open(t));
      const { app, admin, root, signInAs, call } = harness;
      const upload = (headers: AdminHeaders, name: string, body: Buffer) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/admin/media?name=${encodeURIComponent(name)}`,
          headers: { ...headers, 'content-type': 'application/octet-stream' },
          payload: body,
        });
      const node = async (parentId: number, name: string, code: string) =>
        (await call(admin, 'POST', '/orgs', { parentId, name, code })).json() as { id: number };
      const street = await node(root.id, '安和街道', '330188001000');
      const linjiang = await node(street.id, '临江社区', '330188001001');
      const wanghu = await node(street.id, '望湖社区', '330188001002');
      assert.equal(
        (
          await call(admin, 'POST', '/users', {
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
      const operator = await signInAs('linjiang.op', PASSWORD);
      /** A kiosk enrolled at `orgId`, pulling forms like a kiosk does. */
      const kiosk = async (orgId: number) => {
        const code = (await call(admin, 'POST', '/enrollment-codes', { orgId, validDays: 7, maxUses: 1 })).json()
          .code as string;
        const enrolled = (
          await app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code, name: `kiosk ${orgId}` } })
        ).json();
        const authorization = deviceAuthorization(enrolled.deviceId, enrolled.secret);
        let cursor = 0;
        const held = new Map<string, { version: number; template: { sha256: string; mime: string; bytes: number } }>();
        return async () => {
          const page = (
            await app.inject({ url: `/api/v1/sync/changes?cursor=${cursor}&limit=1000`, headers: { authorization } })
          ).json();
          for (const change of page.changes) {
            if (change.entity !== 'form') continue;
            if (change.op === 'upsert')
              held.set(change.id, { version: change.data.version, template: change.data.template });
            else held.delete(change.id);
          }
          cursor = page.nextCursor;
          return held;
        };
      };
      return { ...harness, call, upload, operator, linjiang, wanghu, kiosk };
    }

    const formInput = (templateSha256: string, overrides: Partial<FormInput> = {}): FormInput => ({
      id: 'residence-certificate',
      category: 'household',
      definition,
      templateSha256,
      published: true,
      ...overrides,
    });

    test('a form with its PDF reaches the kiosks of its community only; a draft edit waits; unpublishing removes it', async (t) => {
      const { call, upload, operator, linjiang, wanghu, kiosk } = await setup(t);
      assert.equal((await upload(operator, '居住证明申请表.pdf', templatePdf)).statusCode, 201);
      const ownKiosk = await kiosk(linjiang.id);
      const otherKiosk = await kiosk(wanghu.id);

      const created = await call(operator, 'POST', '/forms', formInput(sha(templatePdf)));
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(
        [created.json().title, created.json().state, created.json().liveVersion],
        ['居住证明申请表', 'approved', 1],
      );
      const held = await ownKiosk();
      assert.deepEqual(held.get('residence-certificate'), {
        version: 1,
        template: {
          sha256: sha(templatePdf),
          bytes: templatePdf.length,
          mime: 'application/pdf',
          name: '居住证明申请表.pdf',
        },
      });
      assert.equal((await otherKiosk()).size, 0, "another community's kiosk does not receive it");

      const retitled = { ...definition, title: '居住证明申请表（2026版）' };
      await call(
        operator,
        'PUT',
        '/forms/residence-certificate',
        formInput(sha(templatePdf), { definition: retitled, published: false }),
        1,
      );
      assert.equal((await ownKiosk()).get('residence-certificate')?.version, 1, 'a draft stays off kiosks');
      const history = (await call(operator, 'GET', '/forms/residence-certificate/history')).json();
      assert.deepEqual(
        history.versions.map(
          (v: { version: number; definition: { title: string } }) => `${v.version} ${v.definition.title}`,
        ),
        ['2 居住证明申请表（2026版）', '1 居住证明申请表'],
      );
      assert.equal(
        (await call(operator, 'POST', '/forms/residence-certificate/publish', { published: true })).json().liveVersion,
        2,
      );
      assert.equal((await ownKiosk()).get('residence-certificate')?.version, 2);

      const listed = (await call(operator, 'GET', '/forms?category=household')).json();
      assert.deepEqual(
        listed.forms.map((form: { id: string }) => form.id),
        ['residence-certificate'],
      );
      await call(operator, 'POST', '/forms/residence-certificate/publish', { published: false });
      assert.equal((await ownKiosk()).size, 0);
    });

    test('bad forms get coded errors naming the field, and nothing is stored', async (t) => {
      const { call, upload, operator } = await setup(t);
      const image = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
        .png()
        .toBuffer();
      await upload(operator, '照片.png', image);
      await upload(operator, '居住证明申请表.pdf', templatePdf);

      const notPdf = await call(operator, 'POST', '/forms', formInput(sha(image)));
      assert.deepEqual(
        [notPdf.statusCode, notPdf.json().error.code, notPdf.json().error.details[0].path],
        [400, 'VALIDATION_FAILED', '/templateSha256'],
      );
      assert.match(notPdf.json().error.message, /照片\.png is not a PDF/);
      const missing = await call(operator, 'POST', '/forms', formInput('0'.repeat(64)));
      assert.match(missing.json().error.message, /not a file in the media library/);
      const wrongId = await call(operator, 'POST', '/forms', formInput(sha(templatePdf), { id: 'other-form' }));
      assert.deepEqual(
        [wrongId.statusCode, wrongId.json().error.code, wrongId.json().error.details[0].path],
        [400, 'FORM_INVALID', '/definition/id'],
      );
      const duplicateField = { ...definition, fields: [definition.fields[0]!, definition.fields[0]!] };
      const badDefinition = await call(
        operator,
        'POST',
        '/forms',
        formInput(sha(templatePdf), { definition: duplicateField }),
      );
      assert.equal(badDefinition.json().error.code, 'FORM_INVALID');
      assert.match(badDefinition.json().error.details[0].path, /^\/definition\/fields\/1/);
      const badSchema = await call(operator, 'POST', '/forms', {
        ...formInput(sha(templatePdf)),
        definition: { ...definition, mode: 'stamp' },
      });
      assert.deepEqual([badSchema.statusCode, badSchema.json().error.code], [400, 'VALIDATION_FAILED']);
      assert.ok(
        badSchema.json().error.details.some((d: { path: string }) => d.path.startsWith('body/definition/mode')),
        JSON.stringify(badSchema.json().error.details),
      );
      assert.equal((await call(operator, 'GET', '/forms')).json().total, 0);
    });

    test('a PDF a form uses cannot be removed from the media library', async (t) => {
      const { call, upload, operator } = await setup(t);
      const item = (await upload(operator, '居住证明申请表.pdf', templatePdf)).json();
      await call(operator, 'POST', '/forms', formInput(sha(templatePdf), { published: false }));
      const refused = await call(operator, 'DELETE', `/media/${item.id}`);
      assert.deepEqual([refused.statusCode, refused.json().error.code], [409, 'MEDIA_IN_USE']);
      assert.match(refused.json().error.message, /居住证明申请表/);
      await call(operator, 'DELETE', '/forms/residence-certificate');
      assert.equal((await call(operator, 'DELETE', `/media/${item.id}`)).statusCode, 204);
    });
  });
}
