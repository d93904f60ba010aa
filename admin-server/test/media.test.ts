import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { backends } from './backends';
import { startApp, type AdminHeaders } from './app-harness';
import { parseByteRange } from '@linli/protocol';
import { sniffMime } from '../src/media/sniff';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const png = (width: number, height: number, colour = '#b3261e') =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('media: pure checks', () => {
  test('byte ranges follow RFC 9110', () => {
    assert.deepEqual(parseByteRange('bytes=0-99', 1000), { start: 0, end: 99 });
    assert.deepEqual(parseByteRange('bytes=900-', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseByteRange('bytes=-100', 1000), { start: 900, end: 999 });
    assert.deepEqual(parseByteRange('bytes=990-5000', 1000), { start: 990, end: 999 });
    assert.equal(parseByteRange('bytes=1000-', 1000), 'unsatisfiable');
    assert.equal(parseByteRange('bytes=0-1,5-9', 1000), 'whole', 'several ranges get the whole file');
    assert.equal(parseByteRange(undefined, 1000), 'whole');
  });

  test('types are told by content', async () => {
    assert.equal(sniffMime(await png(2, 2)), 'image/png');
    assert.equal(sniffMime(PDF), 'application/pdf');
    const ftyp = (brand: string) =>
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\0\0`, 'latin1')]);
    for (const brand of ['isom', 'mp42', 'avc1', 'M4V ']) assert.equal(sniffMime(ftyp(brand)), 'video/mp4', brand);
    for (const brand of ['heic', 'mif1', 'avif', 'M4A ', 'qt  ', '3gp4'])
      assert.equal(sniffMime(ftyp(brand)), undefined, `${brand} is not MP4 video`);
    assert.equal(sniffMime(Buffer.from('MZ\x90\x00 not an image')), undefined);
  });
});

for (const backend of backends) {
  describe(`media library on ${backend.name}`, { skip: backend.skip }, () => {
    async function library(t: Parameters<typeof startApp>[0]) {
      const harness = await startApp(t, await backend.open(t));
      const upload = (headers: AdminHeaders, name: string, body: Buffer) =>
        harness.app.inject({
          method: 'POST',
          url: `/api/v1/admin/media?name=${encodeURIComponent(name)}`,
          headers: { ...headers, 'content-type': 'application/octet-stream' },
          payload: body,
        });
      return { ...harness, upload };
    }

    test('an image is stored once by its hash, with its size and a thumbnail, and served immutable with ranges', async (t) => {
      const { app, admin, upload } = await library(t);
      const image = await png(1200, 800);
      const first = await upload(admin, '停水通知配图.png', image);
      assert.equal(first.statusCode, 201, first.body);
      const item = first.json();
      assert.deepEqual(
        [item.sha256, item.bytes, item.mime, item.width, item.height, item.thumbnail, item.duplicate],
        [sha(image), image.length, 'image/png', 1200, 800, true, false],
      );
      const again = (await upload(admin, '同一张图.png', image)).json();
      assert.equal(again.duplicate, true, 'the same bytes are stored once');

      const whole = await app.inject({ url: `/media/${item.sha256}` });
      assert.equal(whole.statusCode, 200);
      assert.equal(sha(whole.rawPayload), item.sha256);
      assert.equal(whole.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(whole.headers.etag, `"${item.sha256}"`);
      assert.equal(whole.headers['repr-digest'], `sha-256=:${Buffer.from(item.sha256, 'hex').toString('base64')}:`);
      const part = await app.inject({
        url: `/media/${item.sha256}`,
        headers: { range: 'bytes=100-', 'if-range': `"${item.sha256}"` },
      });
      assert.equal(part.statusCode, 206);
      assert.equal(part.headers['content-range'], `bytes 100-${image.length - 1}/${image.length}`);
      assert.deepEqual(part.rawPayload, image.subarray(100));
      const stale = await app.inject({
        url: `/media/${item.sha256}`,
        headers: { range: 'bytes=100-', 'if-range': '"something-else"' },
      });
      assert.equal(stale.statusCode, 200, 'If-Range for another version gets the whole file');
      assert.equal(
        (await app.inject({ url: `/media/${item.sha256}`, headers: { range: `bytes=${image.length}-` } })).statusCode,
        416,
      );
      assert.equal(
        (await app.inject({ url: `/media/${item.sha256}`, headers: { 'if-none-match': `"${item.sha256}"` } }))
          .statusCode,
        304,
      );
      const thumbnail = await app.inject({ url: `/media/${item.sha256}/thumbnail` });
      assert.equal(thumbnail.headers['content-type'], 'image/jpeg');
      assert.equal((await sharp(thumbnail.rawPayload).metadata()).width, 320);
      assert.equal((await app.inject({ url: `/media/${'0'.repeat(64)}` })).statusCode, 404);
    });

    test('uploads are judged by content: unknown types, names that lie and oversize files are refused, leaving nothing behind', async (t) => {
      const { app, admin, upload } = await library(t);
      const exe = await upload(admin, 'report.pdf', Buffer.from('MZ\x90\x00this is a program'));
      assert.equal(exe.statusCode, 415);
      assert.equal(exe.json().error.code, 'MEDIA_TYPE_UNSUPPORTED');
      const lying = await upload(admin, 'photo.pdf', await png(4, 4));
      assert.equal(lying.statusCode, 415);
      assert.match(lying.json().error.message, /named \.pdf but its content is image\/png/);
      const big = Buffer.concat([await png(4, 4), Buffer.alloc(21 * 1024 * 1024)]);
      const tooBig = await upload(admin, 'huge.png', big);
      assert.equal(tooBig.statusCode, 413);
      const broken = Buffer.concat([(await png(4, 4)).subarray(0, 20), Buffer.alloc(10)]);
      assert.equal((await upload(admin, 'broken.png', broken)).statusCode, 415, 'a damaged image is refused');
      assert.equal((await app.inject({ url: '/api/v1/admin/media', headers: admin })).json().total, 0);
      assert.equal((await upload(admin, '办事须知.pdf', PDF)).json().kind, 'pdf');
    });

    test('media is scoped like content; removing the last item naming a file removes the file', async (t) => {
      const { app, admin, root, upload, signInAs } = await library(t);
      const street = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/admin/orgs',
          headers: admin,
          payload: { parentId: root.id, name: '安和街道', code: '330188001000' },
        })
      ).json();
      const other = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/admin/orgs',
          headers: admin,
          payload: { parentId: root.id, name: '江滨街道', code: '330188002000' },
        })
      ).json();
      for (const [username, orgId] of [
        ['anhe.admin', street.id],
        ['jb.admin', other.id],
      ] as const) {
        await app.inject({
          method: 'POST',
          url: '/api/v1/admin/users',
          headers: admin,
          payload: {
            username,
            displayName: username,
            role: 'street-admin',
            orgId,
            password: 'Linli2026media',
            mustChangePassword: false,
          },
        });
      }
      const anhe = await signInAs('anhe.admin', 'Linli2026media');
      const jiangbin = await signInAs('jb.admin', 'Linli2026media');
      const image = await png(10, 10, '#0d5a26');
      const mine = (await upload(anhe, '安和宣传画.png', image)).json();
      assert.equal(
        (await app.inject({ url: '/api/v1/admin/media', headers: jiangbin })).json().total,
        0,
        'another street does not see it',
      );
      assert.equal(
        (await app.inject({ method: 'DELETE', url: `/api/v1/admin/media/${mine.id}`, headers: jiangbin })).statusCode,
        404,
        'another street cannot remove it, nor learn that it exists',
      );
      const theirs = (await upload(jiangbin, '江滨也用.png', image)).json();
      assert.equal(theirs.duplicate, false, 'the upload does not reveal that another street has the file');
      const served = await app.inject({ url: `/media/${mine.sha256}` });
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.match(String(served.headers['content-security-policy']), /sandbox/);
      // 江滨 names the file in a notice and drops its own copy: 安和's is now the last one.
      const notice = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/notices',
        headers: jiangbin,
        payload: {
          kind: 'announcement',
          title: '江滨街道内部通知',
          body: '见附图。',
          publishAt: null,
          expireAt: null,
          targets: { orgIds: [], groupIds: [] },
          attachments: [{ sha256: theirs.sha256, name: '附图' }],
        },
      });
      assert.equal(notice.statusCode, 201, notice.body);
      await app.inject({ method: 'DELETE', url: `/api/v1/admin/media/${theirs.id}`, headers: jiangbin });
      const inUse = await app.inject({ method: 'DELETE', url: `/api/v1/admin/media/${mine.id}`, headers: anhe });
      assert.equal(inUse.json().error.code, 'MEDIA_IN_USE');
      assert.doesNotMatch(inUse.json().error.message, /江滨街道内部通知/, "another street's title is not named");
      assert.equal((await app.inject({ url: `/media/${mine.sha256}` })).statusCode, 200, 'still named by the notice');
      await app.inject({ method: 'DELETE', url: `/api/v1/admin/notices/${notice.json().id}`, headers: jiangbin });
      await app.inject({ method: 'DELETE', url: `/api/v1/admin/media/${mine.id}`, headers: anhe });
      assert.equal((await app.inject({ url: `/media/${mine.sha256}` })).statusCode, 404);
      const trail = (await app.inject({ url: '/api/v1/admin/audit?action=media.&limit=50', headers: admin })).json();
      assert.equal(
        trail.entries.filter(
          (e: { action: string; outcome: string }) => e.action === 'media.delete' && e.outcome === 'ok',
        ).length,
        2,
      );
    });

    test('items are filed under categories: chosen on upload, listed, filtered and changed, with bad names refused', async (t) => {
      const { app, admin, upload } = await library(t);
      const poster = (
        await app.inject({
          method: 'POST',
          url: `/api/v1/admin/media?name=${encodeURIComponent('海报.png')}&category=${encodeURIComponent('宣传海报')}`,
          headers: { ...admin, 'content-type': 'application/octet-stream' },
          payload: await png(6, 6),
        })
      ).json();
      assert.equal(poster.category, '宣传海报');
      const form = (await upload(admin, '表格.pdf', PDF)).json();
      assert.equal(form.category, '');
      const listed = (await app.inject({ url: '/api/v1/admin/media', headers: admin })).json();
      assert.deepEqual(listed.categories, ['宣传海报']);
      const changed = await app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/media/${form.id}`,
        headers: admin,
        payload: { category: '表格模板' },
      });
      assert.equal(changed.json().category, '表格模板');
      const filtered = (
        await app.inject({ url: `/api/v1/admin/media?category=${encodeURIComponent('表格模板')}`, headers: admin })
      ).json();
      assert.deepEqual(
        filtered.items.map((item: { name: string }) => item.name),
        ['表格.pdf'],
      );
      assert.deepEqual(filtered.categories, ['宣传海报', '表格模板']);
      const tooLong = await app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/media/${form.id}`,
        headers: admin,
        payload: { category: '很'.repeat(21) },
      });
      assert.deepEqual(
        [tooLong.statusCode, tooLong.json().error.code, tooLong.json().error.details[0].path],
        [400, 'VALIDATION_FAILED', 'body/category'],
      );
      const missing = await app.inject({
        method: 'PATCH',
        url: '/api/v1/admin/media/9999',
        headers: admin,
        payload: { category: '其他' },
      });
      assert.equal(missing.statusCode, 404);
      const trail = (await app.inject({ url: '/api/v1/admin/audit?action=media.update', headers: admin })).json();
      assert.deepEqual(
        trail.entries.map((e: { before: { category: string }; after: { category: string } }) => [
          e.before.category,
          e.after.category,
        ]),
        [['', '表格模板']],
      );
    });
  });
}
