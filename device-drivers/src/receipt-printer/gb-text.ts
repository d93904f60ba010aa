/**
 * Text as a Chinese receipt printer's resident font sees it: GB18030 restricted to its 1- and
 * 2-byte codes, because the firmware of most Chinese printers is "GB18030 2-byte only" and prints
 * garbage for a 4-byte code. Also the one rule for how many columns a character takes: a 1-byte
 * code prints half-width (1 column), a 2-byte code full-width (2 columns), so columns = bytes.
 */
import iconv from 'iconv-lite';

/** What the printer is sent instead of a character it cannot print. */
export const REPLACEMENT_CHARACTER = '?';

/**
 * Characters whose GB18030 form is 4 bytes but which have an everyday full-width look-alike with a
 * 2-byte code. `¥` (U+00A5) is the one that matters: 2-byte firmware prints `81 30 84 36` as "0 6".
 */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([['¥', '￥']]);

export interface EncodedGbText {
  bytes: Uint8Array;
  /** Every character that could not be printed and was sent as `?`, in order of appearance (repeats kept). */
  replacedCharacters: string[];
}

interface EncodedCharacter {
  bytes: Uint8Array;
  replaced: boolean;
}

const encodedCache = new Map<string, EncodedCharacter>();
const QUESTION_MARK = Uint8Array.of(0x3f);

/**
 * One character (a code point) as the printer gets it. Control characters other than LF are
 * replaced too: inside text they would be read as commands (a 0x10 could start DLE EOT).
 */
function encodeCharacter(character: string): EncodedCharacter {
  const cached = encodedCache.get(character);
  if (cached) return cached;
  let result: EncodedCharacter;
  const codePoint = character.codePointAt(0) ?? 0;
  if (character === '\n') result = { bytes: Uint8Array.of(0x0a), replaced: false };
  else if (codePoint < 0x20 || codePoint === 0x7f) result = { bytes: QUESTION_MARK, replaced: true };
  else {
    const bytes = new Uint8Array(iconv.encode(LOOK_ALIKES.get(character) ?? character, 'gb18030'));
    // iconv-lite writes '?' for what GB18030 cannot encode (lone surrogates); that is a replacement too.
    const unencodable = bytes.length === 1 && bytes[0] === 0x3f && character !== '?';
    result = bytes.length <= 2 && !unencodable ? { bytes, replaced: false } : { bytes: QUESTION_MARK, replaced: true };
  }
  if (encodedCache.size < 4096) encodedCache.set(character, result);
  return result;
}

/** Text → bytes for a printer in Chinese mode (after `FS &`). Never drops a character silently. */
export function encodeGbText(text: string): EncodedGbText {
  const parts: Uint8Array[] = [];
  const replacedCharacters: string[] = [];
  for (const character of text) {
    const encoded = encodeCharacter(character);
    if (encoded.replaced) replacedCharacters.push(character);
    parts.push(encoded.bytes);
  }
  return { bytes: concatBytes(parts), replacedCharacters };
}

/** Columns one character takes on paper (at normal size): 1 for ASCII and replacements, 2 for Chinese. */
export function characterColumns(character: string): number {
  return encodeCharacter(character).bytes.length;
}

/** Columns a single-line text takes on paper at normal size (a full-width character counts 2). */
export function displayWidth(text: string): number {
  let columns = 0;
  for (const character of text) columns += characterColumns(character);
  return columns;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
