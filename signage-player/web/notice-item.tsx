/**
 * A notice as a printed notice reads: its kind (通知公告 / 政府信息公开), the title, who issued it
 * and when, then the text with indented paragraphs. A notice longer than its zone is cut into
 * pages that each fit (measured in a hidden copy of the page, so nothing is ever clipped); they
 * turn in equal shares of the item's time, with "2 / 3" at the foot.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Ref } from 'preact';
import { NOTICE_KIND_NAMES, type PlayerNotice } from '@linli/protocol';
import { chineseDate } from './clock-text';
import { noticePageAt, noticeParagraphs, splitIntoPages, type NoticePage } from './notice-pages';

function NoticeHeading(props: { notice: PlayerNotice; first: boolean; timeZone: string }) {
  const { notice } = props;
  const kind = <span class="notice-kind">{NOTICE_KIND_NAMES['zh-Hans'][notice.kind]}</span>;
  if (!props.first) {
    // Later pages name the notice again in one modest line, so a passer-by knows what they read.
    return (
      <header class="notice-head continued" data-heading="continued">
        {kind}
        <span class="notice-title-again">{notice.title}</span>
      </header>
    );
  }
  const published = Date.parse(notice.publishAt);
  return (
    <header class="notice-head" data-heading="first">
      {kind}
      <h1 class="notice-title">{notice.title}</h1>
      <p class="notice-byline">
        {notice.issuer}
        {Number.isNaN(published) ? '' : ` · ${chineseDate(published, props.timeZone)}`}
      </p>
    </header>
  );
}

function paragraphElement(fragment: NoticePage[number]): HTMLParagraphElement {
  const paragraph = document.createElement('p');
  paragraph.textContent = fragment.text;
  if (fragment.continued) paragraph.className = 'continued';
  return paragraph;
}

/** One page; `measure` marks the hidden copy the pages are measured in (both headings in it, one shown at a time). */
function NoticeSheet(props: {
  notice: PlayerNotice;
  timeZone: string;
  pageIndex: number;
  pageCount: number;
  page: NoticePage;
  measure?: { sheet: Ref<HTMLElement>; body: Ref<HTMLDivElement> };
}) {
  const { measure } = props;
  return (
    <article
      class={measure ? 'notice measuring' : 'notice'}
      lang="zh-Hans"
      ref={measure?.sheet}
      aria-hidden={measure ? true : undefined}
      data-page={measure ? undefined : props.pageIndex}
    >
      {(measure || props.pageIndex === 0) && <NoticeHeading notice={props.notice} first timeZone={props.timeZone} />}
      {(measure || props.pageIndex > 0) && (
        <NoticeHeading notice={props.notice} first={false} timeZone={props.timeZone} />
      )}
      {/* The measuring copy's paragraphs are put in directly while measuring, not rendered. */}
      <div class="notice-body" ref={measure?.body}>
        {!measure &&
          props.page.map((fragment, index) => (
            <p key={index} class={fragment.continued ? 'continued' : undefined}>
              {fragment.text}
            </p>
          ))}
      </div>
      <footer class="notice-foot" data-single={props.pageCount <= 1 ? '' : undefined}>
        {props.pageIndex + 1} / {props.pageCount}
      </footer>
    </article>
  );
}

/** The pages the notice takes in the measuring copy as it is laid out now. */
function measurePages(notice: PlayerNotice, sheet: HTMLElement, body: HTMLDivElement): NoticePage[] {
  const first = sheet.querySelector<HTMLElement>('[data-heading="first"]');
  const continued = sheet.querySelector<HTMLElement>('[data-heading="continued"]');
  return splitIntoPages(noticeParagraphs(notice.body), (page, pageIndex) => {
    if (first) first.hidden = pageIndex > 0;
    if (continued) continued.hidden = pageIndex === 0;
    body.replaceChildren(...page.map(paragraphElement));
    return body.scrollHeight <= body.clientHeight;
  });
}

export function NoticeItem(props: {
  notice: PlayerNotice;
  timeZone: string;
  startedAt: number;
  durationMs: number;
  onReady: () => void;
}) {
  const sheet = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<NoticePage[] | null>(null);
  const [now, setNow] = useState(Date.now);

  // Paged again when the zone changes size (a turned screen); the first paging makes it ready.
  useLayoutEffect(() => {
    const sheetElement = sheet.current;
    const bodyElement = body.current;
    if (!sheetElement || !bodyElement) return;
    const observer = new ResizeObserver(() => setPages(measurePages(props.notice, sheetElement, bodyElement)));
    observer.observe(sheetElement);
    return () => observer.disconnect();
  }, [props.notice]);
  useEffect(() => {
    if (pages) props.onReady();
  }, [pages !== null]);

  const pageCount = pages?.length ?? 1;
  const { page, turnsAt } = noticePageAt(pageCount, props.startedAt, props.durationMs, now);
  useEffect(() => {
    if (turnsAt === null) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, turnsAt - Date.now()));
    return () => clearTimeout(timer);
  }, [turnsAt, now]);

  return (
    <>
      {pages && (
        <NoticeSheet
          notice={props.notice}
          timeZone={props.timeZone}
          pageIndex={page}
          pageCount={pageCount}
          page={pages[page] ?? []}
        />
      )}
      <NoticeSheet
        notice={props.notice}
        timeZone={props.timeZone}
        pageIndex={0}
        pageCount={2}
        page={[]}
        measure={{ sheet, body }}
      />
    </>
  );
}
