/** The page a kiosk's printed materials list links to: published guides for anyone, nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './app-harness';
import { backends } from './backends';
import { guideInput } from './fixtures';

test('a published guide opens as a page for phones, without sign-in; drafts, withdrawn and unknown guides do not', async (t) => {
  const { app, admin, call } = await startApp(t, await backends[0]!.open(t));
  const created = await call(admin, 'POST', '/guides', guideInput());
  assert.equal(created.statusCode, 201, created.body);
  await call(admin, 'POST', '/guides', guideInput({ id: 'draft-only', title: '草稿事项', published: false }));

  const page = await app.inject({ url: '/guides/shebao-card-loss' });
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
  assert.match(page.body, /<h1>社会保障卡挂失<\/h1>/);
  assert.match(page.body, /本人有效居民身份证（原件1份） <span class="required">必需<\/span>/);
  assert.match(page.body, /周一至周五 9:00-17:00/);
  assert.match(page.body, /<meta name="viewport"/, 'made for phones');

  for (const url of ['/guides/draft-only', '/guides/no-such-guide']) {
    const missing = await app.inject({ url });
    assert.equal(missing.statusCode, 404, url);
    assert.doesNotMatch(missing.body, /草稿事项/);
  }
  assert.equal((await app.inject({ url: '/guides/..%2Fadmin' })).statusCode, 400, 'ids are checked');

  const withdrawn = await call(admin, 'POST', '/guides/shebao-card-loss/publish', { published: false });
  assert.equal(withdrawn.statusCode, 200, withdrawn.body);
  assert.equal((await app.inject({ url: '/guides/shebao-card-loss' })).statusCode, 404, 'withdrawn: no longer public');
});

test('what editors wrote is shown as text: markup in a guide never becomes part of the page', async (t) => {
  const { app, admin, call } = await startApp(t, await backends[0]!.open(t));
  const hostile = guideInput({
    title: '挂失<script>alert(1)</script>',
    materials: [{ name: '"><img src=x onerror=alert(1)>', required: false }],
  });
  assert.equal((await call(admin, 'POST', '/guides', hostile)).statusCode, 201);
  const page = (await app.inject({ url: '/guides/shebao-card-loss' })).body;
  assert.doesNotMatch(page, /<script>|<img/);
  assert.match(page, /挂失&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});
