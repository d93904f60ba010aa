/**
 * A notice too long for its zone is cut into pages that each fit, turning within the item's time
 * on screen. Whether a page fits is the browser's answer (it knows the fonts and how Chinese lines
 * break under `line-break: strict`), passed in as `fits`; deciding where to cut is done here.
 */
import { largestFitting } from './fit-text';

/** A piece of one paragraph; `continued` when it starts inside the paragraph (no first-line indent then). */
export interface NoticeFragment {
  text: string;
  continued: boolean;
}

export type NoticePage = NoticeFragment[];

/** Whether `page` fits on page number `pageIndex` (the first page also carries the heading). */
export type PageFits = (page: NoticePage, pageIndex: number) => boolean;

/** Blank lines separate paragraphs (the notice body's format); a single line break stays inside one. */
export function noticeParagraphs(body: string): string[] {
  return body
    .split(/\n[^\S\n]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

// A page had better end after a sentence, or at least after a clause, than in the middle of one.
const SENTENCE_END = new Set(['。', '！', '？', '；', '…', '!', '?', ';']);
const CLAUSE_END = new Set(['，', '、', '：', ',', ':', ' ', '\n']);
// Marks that may not begin a line (or a page): they belong to the text before them.
const CLOSING = new Set([
  '，',
  '。',
  '、',
  '；',
  '：',
  '！',
  '？',
  '）',
  '」',
  '』',
  '”',
  '’',
  '》',
  '…',
  ')',
  ',',
  '.',
]);

/**
 * Where to cut `chars` when the first `room` of them fit: after the last sentence end in the second
 * half of the room, else after the last clause end there, else at the room itself (moved back so
 * the next page does not open with a closing mark).
 */
export function cutPoint(chars: readonly string[], room: number): number {
  for (const ends of [SENTENCE_END, CLAUSE_END]) {
    for (let cut = room; cut > room / 2; cut--) {
      const before = chars[cut - 1];
      if (before !== undefined && ends.has(before) && !CLOSING.has(chars[cut] ?? '')) return cut;
    }
  }
  let cut = room;
  while (cut > 1 && CLOSING.has(chars[cut] ?? '')) cut--;
  return cut;
}

/**
 * The paragraphs laid on pages, each filled as far as `fits` allows; a paragraph that does not
 * fit in what is left of a page is cut (cutPoint) and goes on at the top of the next. `fits` must
 * be monotone: a shorter last fragment fits wherever a longer one does. A later page that cannot
 * hold even one character (a zone far too small) takes the rest of the text, clipped, rather than
 * making pages without end. No paragraphs: one page with the heading alone.
 */
export function splitIntoPages(paragraphs: readonly string[], fits: PageFits): NoticePage[] {
  const pages: NoticePage[] = [];
  let page: NoticePage = [];
  const closePage = () => {
    pages.push(page);
    page = [];
  };
  for (const paragraph of paragraphs) {
    let chars = Array.from(paragraph);
    let continued = false;
    while (chars.length > 0) {
      const withPrefix = (length: number): NoticePage => [
        ...page,
        { text: chars.slice(0, length).join(''), continued },
      ];
      if (fits(withPrefix(chars.length), pages.length)) {
        page = withPrefix(chars.length);
        break;
      }
      const room = largestFitting(
        0,
        chars.length - 1,
        (length) => length === 0 || fits(withPrefix(length), pages.length),
      );
      // No room left: the page is done (the first may end with its heading alone, when that is tall).
      if (room === 0 && (page.length > 0 || pages.length === 0)) {
        closePage();
        continue;
      }
      const cut = room === 0 ? chars.length : cutPoint(chars, room);
      page = withPrefix(cut);
      closePage();
      chars = chars.slice(cut);
      continued = true;
    }
  }
  if (page.length > 0 || pages.length === 0) closePage();
  return pages;
}

/** The page on screen at `now` when `pageCount` pages share the item's time equally, and when the next turns (null on the last). */
export function noticePageAt(
  pageCount: number,
  startedAt: number,
  durationMs: number,
  now: number,
): { page: number; turnsAt: number | null } {
  const pageMs = durationMs / pageCount;
  const page = Math.min(pageCount - 1, Math.max(0, Math.floor((now - startedAt) / pageMs)));
  return { page, turnsAt: page < pageCount - 1 ? startedAt + Math.ceil((page + 1) * pageMs) : null };
}
