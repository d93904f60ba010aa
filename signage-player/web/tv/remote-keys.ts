/**
 * The remote control as one set of keys (RemoteKey), whichever box the page runs on. A keyboard
 * event is read by its W3C key name first (`event.key`: "ArrowUp", "ChannelUp", "BrowserBack",
 * "ColorF0Red"…), then by its key code (`keyCode`, else `which`, as old set-top box browsers only
 * fill those) in the code tables below, one per platform. docs/tv-remote-keys.md is the same
 * table for people, with where each code comes from.
 *
 * The platforms' codes do not contradict each other (a code means the same key wherever two tables
 * list it, which the tests check), so every table is consulted on every box: no platform detection.
 */

/** The keys the TV app knows, digits aside. */
export const REMOTE_KEY_NAMES = [
  'Up',
  'Down',
  'Left',
  'Right',
  'Ok',
  'Back',
  'ChannelUp',
  'ChannelDown',
  'Info',
  'Guide',
  'Menu',
  'Red',
  'Green',
  'Yellow',
  'Blue',
  'Play',
  'Pause',
  'PlayPause',
  'Stop',
  'FastForward',
  'Rewind',
  'VolumeUp',
  'VolumeDown',
  'Mute',
] as const;
export type RemoteKeyName = (typeof REMOTE_KEY_NAMES)[number];

export type RemoteKey = { name: RemoteKeyName } | { name: 'Digit'; digit: number };

export const REMOTE_PLATFORMS = ['generic', 'hbbtv', 'tizen', 'china-iptv'] as const;
export type RemotePlatform = (typeof REMOTE_PLATFORMS)[number];

/** A key as a table names it: one of the named keys, or a digit `0`…`9`. */
export type KeyLabel = RemoteKeyName | `Digit${number}`;

const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);
const digitCodes = (from: number): Partial<Record<KeyLabel, number[]>> =>
  Object.fromEntries(range(0, 10).map((digit) => [`Digit${digit}`, [from + digit]]));

/** What every platform's browser sends for the arrows, OK and the digit keys (48–57). */
const COMMON: Partial<Record<KeyLabel, number[]>> = {
  Left: [37],
  Up: [38],
  Right: [39],
  Down: [40],
  Ok: [13],
  ...digitCodes(48),
};

/**
 * Key codes per platform (beyond COMMON for all but `generic`, which lists it too):
 * - generic: a Linux or Android box's Chromium. Android's KEYCODE_* arrive as Chromium's Windows-style
 *   codes (ui/events/keycodes/keyboard_code_conversion_android.cc): BACK as BrowserBack 166,
 *   CHANNEL_UP/DOWN as 33/34 (PageUp/PageDown, with `key` "ChannelUp"/"ChannelDown"), MEDIA_*
 *   as 179/178/227/228; PROG_RED…BLUE, INFO and GUIDE get no code, only their `key` names. A
 *   keyboard's Backspace and Escape count as Back, its numeric pad as digits.
 * - hbbtv: ETSI TS 102 796 / the Suitest table (reference §6.1); Info 457 and Guide 458 are OIPF
 *   DAE's VK_INFO/VK_GUIDE (unverified). HbbTV gives applications no P+/P−: there the D-pad's
 *   Up/Down change channels.
 * - tizen: Back 10009; the colour keys 403–406 once registered (tvinputdevice.registerKey);
 *   ChannelUp/Down 427/428 as OIPF's VK_CHANNEL_UP/DOWN (unverified).
 * - china-iptv: China Telecom-style IPTV EPG browsers: Back 8, colours 275–278, channel ± on
 *   257/258 or PageUp/PageDown 33/34 (varies by vendor), play-pause 263, FF 264, rewind 265,
 *   volume 259/260/261.
 */
export const PLATFORM_KEY_CODES: Record<RemotePlatform, Partial<Record<KeyLabel, number[]>>> = {
  generic: {
    ...COMMON,
    ...Object.fromEntries(range(0, 10).map((digit) => [`Digit${digit}`, [48 + digit, 96 + digit]])),
    Back: [8, 27, 166],
    ChannelUp: [33],
    ChannelDown: [34],
    Menu: [93],
    PlayPause: [179],
    Stop: [178],
    Rewind: [227],
    FastForward: [228],
    VolumeUp: [175],
    VolumeDown: [174],
    Mute: [173],
  },
  hbbtv: {
    ...COMMON,
    Back: [461],
    Red: [403],
    Green: [404],
    Yellow: [405],
    Blue: [406],
    Info: [457],
    Guide: [458],
    Play: [415],
    Pause: [19],
    PlayPause: [503],
    Stop: [413],
    FastForward: [417],
    Rewind: [412],
  },
  tizen: {
    ...COMMON,
    Back: [10009],
    Red: [403],
    Green: [404],
    Yellow: [405],
    Blue: [406],
    ChannelUp: [427],
    ChannelDown: [428],
  },
  'china-iptv': {
    ...COMMON,
    Back: [8],
    Red: [275],
    Green: [276],
    Yellow: [277],
    Blue: [278],
    ChannelUp: [257, 33],
    ChannelDown: [258, 34],
    PlayPause: [263],
    FastForward: [264],
    Rewind: [265],
    VolumeUp: [259],
    VolumeDown: [260],
    Mute: [261],
  },
};

/** W3C UI Events key names (and the older names some boxes still send) → the key. */
export const KEY_NAMES: Readonly<Record<string, RemoteKeyName>> = {
  ArrowUp: 'Up',
  Up: 'Up',
  ArrowDown: 'Down',
  Down: 'Down',
  ArrowLeft: 'Left',
  Left: 'Left',
  ArrowRight: 'Right',
  Right: 'Right',
  Enter: 'Ok',
  Accept: 'Ok',
  GoBack: 'Back',
  BrowserBack: 'Back',
  Backspace: 'Back',
  Escape: 'Back',
  Esc: 'Back',
  Exit: 'Back',
  ChannelUp: 'ChannelUp',
  ChannelDown: 'ChannelDown',
  PageUp: 'ChannelUp',
  PageDown: 'ChannelDown',
  Info: 'Info',
  Guide: 'Guide',
  ContextMenu: 'Menu',
  ColorF0Red: 'Red',
  ColorF1Green: 'Green',
  ColorF2Yellow: 'Yellow',
  ColorF3Blue: 'Blue',
  MediaPlay: 'Play',
  MediaPause: 'Pause',
  MediaPlayPause: 'PlayPause',
  MediaStop: 'Stop',
  MediaFastForward: 'FastForward',
  MediaRewind: 'Rewind',
  AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown',
  AudioVolumeMute: 'Mute',
};

function keyOfLabel(label: KeyLabel): RemoteKey {
  return label.startsWith('Digit')
    ? { name: 'Digit', digit: Number(label.slice(5)) }
    : { name: label as RemoteKeyName };
}

/** Every platform's codes in one map; the tests check that no two tables disagree about a code. */
const CODES = new Map<number, RemoteKey>();
for (const table of Object.values(PLATFORM_KEY_CODES)) {
  for (const [label, codes] of Object.entries(table)) {
    for (const code of codes ?? []) if (!CODES.has(code)) CODES.set(code, keyOfLabel(label as KeyLabel));
  }
}

/** What a keyboard event from any of the platforms means; null for a key the TV app has no use for. */
export function keyOf(event: { key?: string; keyCode?: number; which?: number }): RemoteKey | null {
  const { key } = event;
  if (key !== undefined) {
    if (key.length === 1 && key >= '0' && key <= '9') return { name: 'Digit', digit: Number(key) };
    const named = KEY_NAMES[key];
    if (named) return { name: named };
  }
  const code = event.keyCode || event.which || 0;
  return CODES.get(code) ?? null;
}

/** The codes of `platform` that mean `label` (for the docs' table and the tests). */
export function codesFor(platform: RemotePlatform, label: KeyLabel): readonly number[] {
  return PLATFORM_KEY_CODES[platform][label] ?? [];
}
