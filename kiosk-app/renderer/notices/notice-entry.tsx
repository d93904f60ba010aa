/**
 * The home screen's 通知公告: the newest notices, each opening at a touch, and the way to all of
 * them; absent when there are none.
 */
import type { Locale, NoticeSummary } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { HomeSection } from '../home-section';
import { bylineOf } from './notice-text';

const NOTICES_ON_HOME = 3;

export function NoticeEntry(props: {
  notices: NoticeSummary[];
  locale: Locale;
  onOpen: (id: string) => void;
  onOpenAll: () => void;
}) {
  if (props.notices.length === 0) return null;
  const t = STRINGS[props.locale];
  return (
    <HomeSection id="notice-entry" icon="notices" title={t.notices}>
      <ul class="notice-list" role="list">
        {props.notices.slice(0, NOTICES_ON_HOME).map((notice) => (
          <li key={notice.id}>
            <button class="notice-row" data-notice-id={notice.id} onClick={() => props.onOpen(notice.id)}>
              <span class="notice-title">{notice.title}</span>
              <span class="notice-meta">{bylineOf(notice, props.locale)}</span>
            </button>
          </li>
        ))}
      </ul>
      <button class="all-notices" onClick={props.onOpenAll}>
        {t.allNotices(props.notices.length)}
      </button>
    </HomeSection>
  );
}
