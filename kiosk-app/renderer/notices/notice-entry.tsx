/** The home screen's 通知公告 entry: how many notices are shown and the newest title; absent when there are none. */
import type { Locale, NoticeSummary } from '@linli/protocol';
import { STRINGS } from '../i18n';

export function NoticeEntry(props: { notices: NoticeSummary[]; locale: Locale; onOpen: () => void }) {
  const [latest] = props.notices;
  if (!latest) return null;
  const t = STRINGS[props.locale];
  return (
    <button class="notice-entry" onClick={props.onOpen}>
      <span class="notice-entry-name">{t.notices}</span>
      <span class="notice-entry-count">{t.noticesCount(props.notices.length)}</span>
      <span class="notice-entry-latest">{latest.title}</span>
    </button>
  );
}
