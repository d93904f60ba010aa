import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  codesFor,
  KEY_NAMES,
  keyOf,
  PLATFORM_KEY_CODES,
  REMOTE_KEY_NAMES,
  REMOTE_PLATFORMS,
  type KeyLabel,
  type RemoteKey,
  type RemotePlatform,
} from '../../web/tv/remote-keys';

const named = (name: Exclude<RemoteKey['name'], 'Digit'>): RemoteKey => ({ name });
const digit = (value: number): RemoteKey => ({ name: 'Digit', digit: value });
const labelKey = (label: string): RemoteKey =>
  label.startsWith('Digit') ? digit(Number(label.slice(5))) : named(label as Exclude<RemoteKey['name'], 'Digit'>);

test('every platform: each code in its table reads as its key, from keyCode or (old browsers) from which', () => {
  for (const platform of REMOTE_PLATFORMS) {
    for (const [label, codes] of Object.entries(PLATFORM_KEY_CODES[platform])) {
      for (const code of codes ?? []) {
        assert.deepEqual(keyOf({ keyCode: code }), labelKey(label), `${platform} ${label} ${code}`);
        assert.deepEqual(keyOf({ which: code }), labelKey(label), `${platform} ${label} which ${code}`);
        // Boxes that fill `key` with something nobody knows still have their code read.
        assert.deepEqual(keyOf({ key: 'Unidentified', keyCode: code }), labelKey(label));
      }
    }
  }
});

test("the reference table's codes: HbbTV Back 461 and colours 403–406, Tizen Back 10009, IPTV Back 8, colours 275–278, channel ± 257/258 and 33/34", () => {
  const expect = (platform: RemotePlatform, label: KeyLabel, codes: number[]) =>
    assert.deepEqual([...codesFor(platform, label)].sort(), [...codes].sort(), `${platform} ${label}`);
  expect('hbbtv', 'Back', [461]);
  expect('hbbtv', 'Red', [403]);
  expect('hbbtv', 'Green', [404]);
  expect('hbbtv', 'Yellow', [405]);
  expect('hbbtv', 'Blue', [406]);
  expect('hbbtv', 'Play', [415]);
  expect('hbbtv', 'Stop', [413]);
  expect('hbbtv', 'FastForward', [417]);
  expect('hbbtv', 'Rewind', [412]);
  expect('tizen', 'Back', [10009]);
  expect('china-iptv', 'Back', [8]);
  expect('china-iptv', 'Red', [275]);
  expect('china-iptv', 'Blue', [278]);
  expect('china-iptv', 'ChannelUp', [257, 33]);
  expect('china-iptv', 'ChannelDown', [258, 34]);
  expect('china-iptv', 'PlayPause', [263]);
  for (const platform of REMOTE_PLATFORMS) {
    expect(platform, 'Up', [38]);
    expect(platform, 'Ok', [13]);
    expect(platform, 'Digit7', platform === 'generic' ? [55, 103] : [55]);
  }
  // Android's KEYCODE_BACK and CHANNEL_UP/DOWN as Chromium delivers them.
  expect('generic', 'Back', [8, 27, 166]);
  expect('generic', 'ChannelUp', [33]);
});

test('no code means two different keys on two platforms, so every table is read on every box', () => {
  const meaning = new Map<number, string>();
  for (const platform of REMOTE_PLATFORMS) {
    for (const [label, codes] of Object.entries(PLATFORM_KEY_CODES[platform])) {
      for (const code of codes ?? []) {
        const before = meaning.get(code);
        assert.ok(before === undefined || before === label, `${code}: ${before} elsewhere, ${label} on ${platform}`);
        meaning.set(code, label);
      }
    }
  }
});

test('W3C key names come first: channel, back, colour, guide and media keys by name; digits; arrows old and new', () => {
  assert.deepEqual(keyOf({ key: 'ChannelUp', keyCode: 33 }), named('ChannelUp'));
  assert.deepEqual(keyOf({ key: 'ChannelDown', keyCode: 0 }), named('ChannelDown'));
  assert.deepEqual(keyOf({ key: 'BrowserBack', keyCode: 166 }), named('Back'));
  assert.deepEqual(keyOf({ key: 'GoBack', keyCode: 0 }), named('Back'));
  assert.deepEqual(keyOf({ key: 'Backspace', keyCode: 8 }), named('Back'));
  assert.deepEqual(keyOf({ key: 'ColorF0Red', keyCode: 0 }), named('Red'));
  assert.deepEqual(keyOf({ key: 'ColorF1Green' }), named('Green'));
  assert.deepEqual(keyOf({ key: 'Guide' }), named('Guide'));
  assert.deepEqual(keyOf({ key: 'Info' }), named('Info'));
  assert.deepEqual(keyOf({ key: 'ContextMenu' }), named('Menu'));
  assert.deepEqual(keyOf({ key: 'Accept' }), named('Ok'));
  assert.deepEqual(keyOf({ key: 'Enter', keyCode: 13 }), named('Ok'));
  assert.deepEqual(keyOf({ key: 'MediaPlayPause', keyCode: 179 }), named('PlayPause'));
  assert.deepEqual(keyOf({ key: 'ArrowLeft', keyCode: 37 }), named('Left'));
  assert.deepEqual(keyOf({ key: 'Up' }), named('Up'));
  assert.deepEqual(keyOf({ key: '7', keyCode: 55 }), digit(7));
  assert.deepEqual(keyOf({ key: '0', keyCode: 96 }), digit(0));
  // A name the app does not use falls through to the code, and to nothing.
  assert.equal(keyOf({ key: 'a', keyCode: 65 }), null);
  assert.equal(keyOf({ key: 'F5', keyCode: 116 }), null);
  // The IPTV browsers' virtual event key (768) is no key press.
  assert.equal(keyOf({ keyCode: 768 }), null);
  assert.equal(keyOf({}), null);
});

/** The docs' table, made from the code tables (digits and other runs written as ranges). */
function keyTable(): string {
  const columns: Record<RemotePlatform, string> = {
    generic: 'Linux / Android STB (Chromium)',
    hbbtv: 'HbbTV',
    tizen: 'Samsung Tizen',
    'china-iptv': 'China IPTV (CTC-style EPG)',
  };
  const cell = (platform: RemotePlatform, labels: KeyLabel[]) => {
    const perLabel = labels.map((label) => [...codesFor(platform, label)]);
    if (perLabel.some((codes) => codes.length === 0)) return '–';
    if (labels.length === 1) return perLabel[0]!.join(', ');
    // Digits: one run of codes per position (48–57, and 96–105 for a numeric pad).
    return perLabel[0]!.map((first, position) => `${first}–${perLabel[labels.length - 1]![position]}`).join(', ');
  };
  const rows: [string, KeyLabel[]][] = [
    ['0–9', Array.from({ length: 10 }, (_, index) => `Digit${index}` as KeyLabel)],
    ...REMOTE_KEY_NAMES.map((name): [string, KeyLabel[]] => [name, [name]]),
  ];
  const names = (labels: KeyLabel[]) =>
    labels.length > 1
      ? '`0`–`9`'
      : Object.entries(KEY_NAMES)
          .filter(([, name]) => name === labels[0])
          .map(([keyName]) => `\`${keyName}\``)
          .join(', ') || '–';
  return [
    `| Key | \`event.key\` (read first) | ${REMOTE_PLATFORMS.map((platform) => columns[platform]).join(' | ')} |`,
    `|---|---|${REMOTE_PLATFORMS.map(() => '---').join('|')}|`,
    ...rows.map(
      ([name, labels]) =>
        `| ${name} | ${names(labels)} | ${REMOTE_PLATFORMS.map((platform) => cell(platform, labels)).join(' | ')} |`,
    ),
  ].join('\n');
}

test('docs/tv-remote-keys.md carries the code tables as they are', () => {
  const docs = readFileSync(path.resolve(import.meta.dirname, '../../../docs/tv-remote-keys.md'), 'utf8');
  assert.ok(docs.includes(keyTable()), `docs/tv-remote-keys.md should contain:\n${keyTable()}`);
});
