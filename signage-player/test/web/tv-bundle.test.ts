/**
 * The TV page as set-top boxes' browsers get it: one classic script lowered to ES2017 (parsed here
 * by acorn at ecmaVersion 2017, which refuses optional chaining, `??`, object rest/spread and every
 * later syntax), small, without TypeBox; the page server's choice by profile; a folder built once
 * holding both pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'acorn';
import { buildPlayerPage, writePlayerPageFiles } from '../../shells/browser/player-page';

const TV_SCRIPT_LIMIT = 64 * 1024;

function parsesAsEs2017(source: string): string | null {
  try {
    parse(source, { ecmaVersion: 2017, sourceType: 'script' });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

test('the checker itself: ES2018 and later syntax fails to parse at ecmaVersion 2017', () => {
  assert.equal(parsesAsEs2017('async function f(a) { await a; return Object.assign({}, a); }'), null);
  for (const newer of [
    'const b = { ...a };', // object spread: ES2018
    'const { x, ...rest } = a;', // object rest: ES2018
    'async function f() { for await (const x of a); }', // ES2018
    'try {} catch {}', // optional catch binding: ES2019
    'a?.b;', // ES2020
    'a ?? b;', // ES2020
    'a ||= b;', // ES2021
    'class A { x = 1; }', // class fields: ES2022
    'const n = 1_000;', // numeric separators: ES2021
    'const r = /(?<year>\\d{4})/;', // named groups: ES2018
  ])
    assert.ok(parsesAsEs2017(newer), `${newer} should not parse as ES2017`);
});

test('the TV page: one classic script in ES2017 syntax, small and schema-free; the signage page stays a module', async (t) => {
  const tv = await buildPlayerPage([], process.env.LINLI_PLAYER_PAGE_DIR, 'tv');
  const page = tv.asset('/', 'token');
  assert.ok(page);
  const html = String(page.body);
  assert.match(html, /<script defer src="\/main\.js"><\/script>/);
  assert.doesNotMatch(html, /type="module"/);
  assert.match(html, /<title>邻里 · 社区电视<\/title>/);
  const csp = page.headers['content-security-policy']!;
  assert.match(csp, /media-src 'self' https: http:;/, 'live HLS sources may play');
  assert.match(csp, /script-src 'self';/);
  assert.match(csp, /frame-src 'none'/);

  const script = tv.asset('/main.js', 'token');
  assert.ok(script && tv.asset('/main.css', 'token'), 'the TV page has its script and styles');
  const text = Buffer.from(script.body).toString('utf8');
  assert.equal(parsesAsEs2017(text), null, 'the TV script is ES2017');
  assert.doesNotMatch(text, /\bimport\(|^import |^export /m, 'no module syntax, no chunks');
  assert.ok(!text.includes('"~kind"'), 'no TypeBox in the page');
  assert.ok(script.body.length < TV_SCRIPT_LIMIT, `${(script.body.length / 1024).toFixed(1)} KB`);
  assert.equal(tv.asset('/pdfjs/pdf.worker.min.mjs', 'token'), undefined, 'no pdf.js on the TV page');
  t.diagnostic(`TV script: ${(script.body.length / 1024).toFixed(1)} KB minified`);

  const signage = await buildPlayerPage([], process.env.LINLI_PLAYER_PAGE_DIR);
  assert.match(String(signage.asset('/', 'token')!.body), /<script type="module" src="\/main\.js">/);
  assert.match(signage.asset('/', 'token')!.headers['content-security-policy']!, /media-src 'self';/);
});

test('a folder built once holds both pages; the profile picks which one is served', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-player-page-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await writePlayerPageFiles(dir);
  const tv = await buildPlayerPage([], dir, 'tv');
  const signage = await buildPlayerPage([], dir, 'signage');
  const tvScript = Buffer.from(tv.asset('/main.js', 'token')!.body).toString('utf8');
  const signageScript = Buffer.from(signage.asset('/main.js', 'token')!.body).toString('utf8');
  assert.notEqual(tvScript, signageScript);
  assert.equal(parsesAsEs2017(tvScript), null);
  assert.match(tvScript, /linli-tv-channel/, 'the TV app');
  assert.ok(signage.asset('/pdfjs/pdf.worker.min.mjs', 'token'), 'the signage page keeps pdf.js');
});
