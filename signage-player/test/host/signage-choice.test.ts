import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choosePlaying, publicationMedia } from '../../host/signage-choice';
import { publication, publicationWithFile } from './signer';

const FILE = 'b'.repeat(64);
const none = () => false;
const all = () => true;

test('nothing playing: the newest publication whose files are all stored', () => {
  const older = publication('a', 1);
  const newer = publicationWithFile('b', 2, FILE);
  const held = new Set(['a', 'b']);
  assert.equal(choosePlaying({ verified: [older, newer], heldIds: held, playing: null, stored: all })?.id, 'b');
  assert.equal(choosePlaying({ verified: [older, newer], heldIds: held, playing: null, stored: none })?.id, 'a');
  assert.equal(choosePlaying({ verified: [], heldIds: new Set(), playing: null, stored: all }), null);
});

test('a newer version still downloading (or refused) leaves the one on screen playing', () => {
  const playing = publication('hall', 1);
  const next = publicationWithFile('hall', 2, FILE);
  const held = new Set(['hall']);
  assert.equal(choosePlaying({ verified: [next], heldIds: held, playing, stored: none }), playing);
  assert.equal(choosePlaying({ verified: [], heldIds: held, playing, stored: all }), playing, 'refused: not verified');
  assert.equal(
    choosePlaying({ verified: [next], heldIds: held, playing, stored: all }),
    next,
    'complete: it takes over',
  );
});

test('a withdrawn publication leaves the screen, for the newest complete one held', () => {
  const playing = publication('hall', 3);
  const other = publication('district', 1);
  assert.equal(choosePlaying({ verified: [other], heldIds: new Set(['district']), playing, stored: all }), other);
  assert.equal(choosePlaying({ verified: [], heldIds: new Set(), playing, stored: all }), null);
});

test("a publication's files are each named once", () => {
  const content = publicationWithFile('hall', 1, FILE);
  content.schedule.layouts.push({ ...content.schedule.layouts[0]!, id: 'copy' });
  assert.deepEqual(
    publicationMedia(content).map((file) => file.sha256),
    [FILE],
  );
});
