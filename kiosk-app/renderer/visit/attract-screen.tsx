/**
 * Shown between visits, with the latest notices for passers-by and, when the admin server sets
 * them, a line of its own and the opening hours. The touch that wakes the kiosk is consumed here:
 * the visit starts on this layer's own click, so nothing underneath receives it.
 */
import type { Locale, NoticeSummary } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { bylineOf } from '../notices/notice-text';

const NOTICES_SHOWN = 3;

/** `notices` are those shown now, newest first; the notices are text here, not buttons. */
export function AttractScreen(props: {
  locale: Locale;
  deviceName: string;
  notices: NoticeSummary[];
  message: string | undefined;
  /** `HH:MM-HH:MM`. */
  openingHours: string | undefined;
  /** Said for a moment after a visit ends: its information was cleared. */
  farewell?: string | undefined;
  onWake: () => void;
}) {
  const t = STRINGS[props.locale];
  const [opensAt = '', closesAt = ''] = props.openingHours?.split('-') ?? [];
  return (
    <div
      class="attract"
      role="button"
      tabIndex={0}
      onPointerDown={(event) => event.preventDefault()}
      onClick={(event) => {
        event.preventDefault();
        event.stopPropagation();
        props.onWake();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') props.onWake();
      }}
    >
      {props.farewell && (
        <div class="attract-farewell" role="status">
          {props.farewell}
        </div>
      )}
      <div class="attract-title">{t.appTitle}</div>
      <div class="attract-hint">{t.attractHint}</div>
      {props.message && <div class="attract-message">{props.message}</div>}
      {props.openingHours && <div class="attract-hours">{t.openingHours(opensAt, closesAt)}</div>}
      {props.notices.length > 0 && (
        <div class="attract-notices">
          <div class="attract-notices-heading">{t.latestNotices}</div>
          <ul role="list">
            {props.notices.slice(0, NOTICES_SHOWN).map((notice) => (
              <li key={notice.id}>
                <span class="attract-notice-title">{notice.title}</span>
                <span class="attract-notice-byline">{bylineOf(notice, props.locale)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="attract-services">{t.attractServices}</div>
      {props.deviceName && <div class="attract-place">{props.deviceName}</div>}
    </div>
  );
}
