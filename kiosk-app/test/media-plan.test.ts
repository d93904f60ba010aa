/** The pure media decisions: resuming, what a reply means, what is missing or removable, how a file is served and shown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MediaRef } from '@linli/protocol';
import { parseByteRange } from '@linli/protocol';
import { bodyOffset, missingRefs, rangeHeaders, removable, resumeFrom } from '../host/media/media-plan';
import { mediaReply } from '../host/media/media-reply';
import { mediaUrl, noticeMediaOf } from '../renderer/notices/notice-media';

const SHA = 'ab'.repeat(32);
const ref = (sha256: string, mime = 'image/png', bytes = 10): MediaRef => ({
  sha256,
  bytes,
  mime,
  name: `${mime}.file`,
});

test('a download resumes after the partial bytes, naming the version it holds; a partial longer than the file is dropped', () => {
  assert.equal(resumeFrom(0, 100), 0);
  assert.equal(resumeFrom(40, 100), 40);
  assert.equal(resumeFrom(100, 100), 100, 'complete: verify only');
  assert.equal(resumeFrom(101, 100), 0);
  assert.deepEqual(rangeHeaders(SHA, 0), {});
  assert.deepEqual(rangeHeaders(SHA, 40), { range: 'bytes=40-', 'if-range': `"${SHA}"` });
});

test('a reply continues the partial file, replaces it, restarts it, or carries an error', () => {
  assert.equal(bodyOffset(200, 40, null, 100), 0);
  assert.equal(bodyOffset(206, 40, 'bytes 40-99/100', 100), 40);
  assert.equal(bodyOffset(206, 40, 'bytes 0-99/100', 100), 'restart', 'another range than asked');
  assert.equal(bodyOffset(206, 40, 'bytes 40-99/120', 100), 'restart', 'another file size');
  assert.equal(bodyOffset(206, 40, null, 100), 'restart');
  assert.equal(bodyOffset(416, 40, 'bytes */30', 100), 'restart');
  for (const status of [404, 500, 304]) assert.equal(bodyOffset(status, 40, null, 100), undefined);
});

test('missing files are listed once each; only hash-named files that are not kept may be removed', () => {
  const a = ref('a'.repeat(64));
  const b = ref('b'.repeat(64));
  assert.deepEqual(
    missingRefs([a, b, a], (sha256) => sha256 === b.sha256),
    [a],
  );
  assert.deepEqual(
    removable(
      ['a'.repeat(64), 'b'.repeat(64), '.partial', 'notes.txt', 'C'.repeat(64)],
      (sha256) => sha256 === a.sha256,
    ),
    ['b'.repeat(64)],
  );
});

test('byte ranges as browsers ask them for video', () => {
  assert.equal(parseByteRange(undefined, 100), 'whole');
  assert.deepEqual(parseByteRange('bytes=0-', 100), { start: 0, end: 99 });
  assert.deepEqual(parseByteRange('bytes=10-19', 100), { start: 10, end: 19 });
  assert.deepEqual(parseByteRange('bytes=90-200', 100), { start: 90, end: 99 });
  assert.deepEqual(parseByteRange('bytes=-30', 100), { start: 70, end: 99 });
  assert.equal(parseByteRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseByteRange('bytes=0-1,5-6', 100), 'whole');
});

test('the shells serve a stored file whole or in part, and nothing that is unknown, malformed or of another type', () => {
  const stored = { path: '/data/media/x', bytes: 100, mime: 'video/mp4' };
  const lookup = (sha256: string) => (sha256 === SHA ? stored : undefined);
  const whole = mediaReply(`/media/${SHA}`, undefined, lookup);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers['content-type'], 'video/mp4');
  assert.equal(whole.headers['content-length'], '100');
  assert.deepEqual(whole.body, { path: '/data/media/x', start: 0, end: 99 });
  const part = mediaReply(`/media/${SHA}`, 'bytes=10-', lookup);
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], 'bytes 10-99/100');
  assert.equal(part.headers['content-length'], '90');
  assert.equal(mediaReply(`/media/${SHA}`, 'bytes=100-', lookup).status, 416);
  for (const pathname of [
    `/media/${'cd'.repeat(32)}`,
    `/media/${SHA.toUpperCase()}`,
    `/media/${SHA}/x`,
    '/media/../cache.sqlite',
    '/media/',
  ]) {
    assert.equal(mediaReply(pathname, undefined, lookup).status, 404, pathname);
  }
  assert.equal(mediaReply(`/media/${SHA}`, undefined, () => ({ ...stored, mime: 'text/html' })).status, 404);
  assert.equal(mediaReply(`/media/${SHA}`, undefined, () => ({ ...stored, bytes: 0 })).body, undefined);
});

test('a notice page shows images and videos in their order and names PDFs', () => {
  const image = ref('1'.repeat(64), 'image/jpeg');
  const video = ref('2'.repeat(64), 'video/webm');
  const pdf = ref('3'.repeat(64), 'application/pdf');
  const odd = ref('4'.repeat(64), 'text/html');
  assert.deepEqual(noticeMediaOf([video, pdf, odd, image]), {
    shown: [
      { ...video, kind: 'video' },
      { ...image, kind: 'image' },
    ],
    named: [pdf],
  });
  assert.equal(mediaUrl(image.sha256), `/media/${image.sha256}`);
});
