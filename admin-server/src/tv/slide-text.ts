/**
 * The text of a TV slide (pure): what the notice, guide, card and ident slides say, laid out for
 * the picture. ffmpeg's drawtext does not wrap, so lines are broken here: a CJK character is
 * full width (two units), anything else half (one unit), and a line holds as many units as the
 * picture's width takes at the font size. Chinese breaks between any two characters, but no line
 * starts with closing punctuation (，。） …) nor ends with an opening one (（《「 …); Latin words
 * break at spaces, or anywhere when a word is longer than a line. Text that does not fit the
 * lines allowed ends in "…".
 *
 * Each block's text reaches ffmpeg as a file (drawtext `textfile=`), never on its command line.
 */
import type { TvChannelSchedule, TvGuideSpotlight } from '@linli/protocol';

/**
 * Space drawtext is told to leave between lines, in font sizes: it puts lines the tallest glyph's
 * height apart (about one em for Chinese) plus this.
 */
export const LINE_SPACING = 0.45;
/** How far apart lines come out, in font sizes, as layouts count them (a little over, to be safe). */
export const LINE_PITCH = 1.5;

/** East Asian Wide and Fullwidth ranges (UAX #11), which take a full em. */
const WIDE_RANGES: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

/** Never at the start of a line. */
const CLOSING = new Set([...'，。、；：？！）》」』】〕〉”’…—～·%,.;:?!)]}>']);
/** Never at the end of a line. */
const OPENING = new Set([...'（《「『【〔〈“‘([{<']);

/** Units a character takes: 2 for full width, 1 otherwise. */
export function charUnits(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return WIDE_RANGES.some(([low, high]) => code >= low && code <= high) ? 2 : 1;
}

/** Units a string takes. */
export function textUnits(text: string): number {
  let units = 0;
  for (const char of text) units += charUnits(char);
  return units;
}

/**
 * Text as it may be drawn: line breaks as \n, tabs as spaces, other control and bidi characters
 * dropped, runs of blank lines as one.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[ \u3000]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const isWide = (char: string) => charUnits(char) === 2;
const isSpace = (char: string) => char === ' ' || char === '\u3000';

/** A paragraph cut into pieces that must not be split: one wide character, a word, or a space. */
function tokens(paragraph: string): string[] {
  const found: string[] = [];
  let word = '';
  for (const char of paragraph) {
    if (isWide(char) || isSpace(char)) {
      if (word) found.push(word);
      word = '';
      found.push(char);
    } else word += char;
  }
  if (word) found.push(word);
  return found;
}

/** One paragraph as lines of at most `maxUnits` (closing punctuation may hang one character over). */
function wrapParagraph(paragraph: string, maxUnits: number): string[] {
  const lines: string[] = [];
  let line = '';
  let units = 0;
  const breakLine = () => {
    lines.push(line.trimEnd());
    line = '';
    units = 0;
  };
  for (let token of tokens(paragraph)) {
    if (isSpace(token) && units === 0) continue;
    const size = textUnits(token);
    if (units + size <= maxUnits) {
      line += token;
      units += size;
      continue;
    }
    if (CLOSING.has(token) && units > 0) {
      // Hangs at the end of this line rather than starting the next one.
      line += token;
      breakLine();
      continue;
    }
    if (isSpace(token)) {
      breakLine();
      continue;
    }
    if (units > 0) {
      // An opening bracket goes with what it opens.
      const last = [...line].pop() ?? '';
      if (OPENING.has(last)) {
        line = line.slice(0, -last.length);
        breakLine();
        line = last;
        units = textUnits(last);
      } else breakLine();
    }
    // A word longer than a whole line is cut where the line is full.
    while (textUnits(token) > maxUnits - units) {
      let head = '';
      let headUnits = 0;
      for (const char of token) {
        if (headUnits + charUnits(char) > maxUnits - units) break;
        head += char;
        headUnits += charUnits(char);
      }
      if (!head) {
        breakLine();
        continue;
      }
      line += head;
      breakLine();
      token = token.slice(head.length);
    }
    line += token;
    units += textUnits(token);
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** The last line of a cut text, ending in "…" within `maxUnits`. */
function withEllipsis(line: string, maxUnits: number): string {
  const chars = [...line.trimEnd()];
  while (chars.length > 0 && textUnits(chars.join('')) + 2 > maxUnits) chars.pop();
  while (chars.length > 0 && (CLOSING.has(chars[chars.length - 1]!) || isSpace(chars[chars.length - 1]!))) chars.pop();
  return `${chars.join('')}…`;
}

/**
 * `text` as lines of at most `maxUnits` units (a full-width character is 2), at most `maxLines`
 * of them; when the text is longer the last line ends in "…". Blank lines between paragraphs stay.
 */
export function wrapText(text: string, maxUnits: number, maxLines: number): string[] {
  if (maxLines < 1) return [];
  const width = Math.max(2, Math.floor(maxUnits));
  const lines = cleanText(text)
    .split('\n')
    .flatMap((paragraph) => (paragraph.trim() ? wrapParagraph(paragraph, width) : ['']));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  while (kept.length > 1 && !kept[kept.length - 1]!.trim()) kept.pop();
  kept[kept.length - 1] = withEllipsis(kept[kept.length - 1]!, width);
  return kept;
}

/** One block of text on a slide: its lines, size, colour and top-left corner (x may centre it). */
export interface SlideBlock {
  lines: string[];
  fontSize: number;
  color: string;
  /** Pixels from the left, or 'center' for a block centred on the picture. */
  x: number | 'center';
  y: number;
}

/** What a slide shows: its background and blocks, drawn in order. */
export interface SlideLayout {
  background: string;
  blocks: SlideBlock[];
}

/** The words of a slide before layout. */
export type SlideContent =
  | { kind: 'ident'; number: number; name: string }
  | { kind: 'card'; text: string; channel: ChannelLabel }
  | { kind: 'notice'; title: string; body: string; channel: ChannelLabel }
  | { kind: 'guide'; spotlight: Pick<TvGuideSpotlight, 'title' | 'lines'>; channel: ChannelLabel };

export type ChannelLabel = Pick<TvChannelSchedule, 'number' | 'name'>;

const COLORS = {
  background: '0x0f2a4a',
  identBackground: '0x14365e',
  title: '0xffd479',
  text: '0xffffff',
  muted: '0xb8c7da',
};

/** A block's height in pixels. */
const blockHeight = (lines: number, fontSize: number) => Math.round(lines * fontSize * LINE_PITCH);

/** The layout of a slide at `width` × `height`: sizes and margins follow the picture's height. */
export function slideLayout(content: SlideContent, width: number, height: number): SlideLayout {
  const margin = Math.round(width * 0.06);
  const titleSize = Math.round(height * 0.075);
  const textSize = Math.round(height * 0.05);
  const footerSize = Math.round(height * 0.035);
  const unitsAt = (fontSize: number) => Math.floor((width - 2 * margin) / (fontSize / 2));
  const footerY = height - Math.round(height * 0.05) - blockHeight(1, footerSize);
  const footer = (channel: ChannelLabel): SlideBlock => ({
    lines: wrapText(`${channel.number} ${channel.name}`, unitsAt(footerSize), 1),
    fontSize: footerSize,
    color: COLORS.muted,
    x: margin,
    y: footerY,
  });
  /** Lines of `fontSize` that fit between `top` and the footer. */
  const linesBetween = (top: number, fontSize: number) =>
    Math.max(1, Math.floor((footerY - Math.round(height * 0.03) - top) / (fontSize * LINE_PITCH)));

  switch (content.kind) {
    case 'ident': {
      const numberSize = Math.round(height * 0.3);
      const nameSize = Math.round(height * 0.08);
      const name = wrapText(content.name, unitsAt(nameSize), 2);
      const total = blockHeight(1, numberSize) + blockHeight(name.length, nameSize);
      const top = Math.round((height - total) / 2);
      return {
        background: COLORS.identBackground,
        blocks: [
          { lines: [String(content.number)], fontSize: numberSize, color: COLORS.title, x: 'center', y: top },
          {
            lines: name,
            fontSize: nameSize,
            color: COLORS.text,
            x: 'center',
            y: top + blockHeight(1, numberSize),
          },
        ],
      };
    }
    case 'card': {
      const size = Math.round(height * 0.07);
      const lines = wrapText(content.text, unitsAt(size), linesBetween(margin, size));
      const top = Math.max(margin, Math.round((footerY - blockHeight(lines.length, size)) / 2));
      return {
        background: COLORS.background,
        blocks: [{ lines, fontSize: size, color: COLORS.text, x: 'center', y: top }, footer(content.channel)],
      };
    }
    case 'notice':
    case 'guide': {
      const title = content.kind === 'notice' ? content.title : content.spotlight.title;
      const body =
        content.kind === 'notice' ? content.body : content.spotlight.lines.map((line) => `· ${line}`).join('\n');
      const titleLines = wrapText(title, unitsAt(titleSize), 2);
      const bodyTop = margin + blockHeight(titleLines.length, titleSize) + Math.round(height * 0.03);
      return {
        background: COLORS.background,
        blocks: [
          { lines: titleLines, fontSize: titleSize, color: COLORS.title, x: margin, y: margin },
          {
            lines: wrapText(body, unitsAt(textSize), linesBetween(bodyTop, textSize)),
            fontSize: textSize,
            color: COLORS.text,
            x: margin,
            y: bodyTop,
          },
          footer(content.channel),
        ],
      };
    }
  }
}
