/** 通知公告: the notices shown now, newest first, as large touch rows. */
import { NOTICE_KIND_NAMES, type Locale, type NoticeSummary } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { bylineOf } from './notice-text';

/** `showExcerpts` is off in elder mode: one clear line per choice, as in the guide lists. */
export function NoticeList(props: {
  notices: NoticeSummary[];
  locale: Locale;
  showExcerpts: boolean;
  onOpen: (id: string) => void;
}) {
  const { locale } = props;
  const t = STRINGS[locale];
  return (
    <section aria-labelledby="notices-title">
      <h1 id="notices-title" class="list-heading">
        {t.notices}
      </h1>
      {props.notices.length === 0 ? (
        <p class="muted">{t.noNotices}</p>
      ) : (
        <ul class="notice-list" role="list">
          {props.notices.map((notice) => (
            <li key={notice.id}>
              <button class="notice-row" data-notice-id={notice.id} onClick={() => props.onOpen(notice.id)}>
                <span class="notice-title">{notice.title}</span>
                <span class="notice-meta">
                  <span class="tag">{NOTICE_KIND_NAMES[locale][notice.kind]}</span> {bylineOf(notice, locale)}
                </span>
                {props.showExcerpts && <span class="notice-excerpt">{notice.excerpt}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
