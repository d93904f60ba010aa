/**
 * Shown between visits, for passers-by: the hall and the time, its opening hours, the notices in
 * turn (a carousel), what residents ask most, and a line of the admin server's own when it sets
 * one; while an emergency alert is in force, the alert in their place. The touch that wakes the kiosk is consumed here: the visit starts on this layer's own
 * click, so nothing underneath receives it.
 */
import { useEffect, useState } from 'preact/hooks';
import { alertTone, type GuideSummary, type KioskAlert, type Locale, type NoticeSummary } from '@linli/protocol';
import { AttractAlert } from '../alerts/attract-alert';
import { STRINGS } from '../i18n';
import { Icon } from '../icons';
import { bylineOf } from '../notices/notice-text';

/** How long each notice stays before the next one comes round. */
const NOTICE_TURN_MS = 8000;
const POPULAR_SHOWN = 6;
const INTL_LOCALES: Record<Locale, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-GB' };

/** `notices` are those shown now, newest first; the notices are text here, not buttons. */
export interface AttractScreenProps {
  locale: Locale;
  deviceName: string;
  notices: NoticeSummary[];
  /** The alerts in force, most severe first: any takes the screen over. */
  alerts: KioskAlert[];
  popular: GuideSummary[];
  message: string | undefined;
  /** `HH:MM-HH:MM`. */
  openingHours: string | undefined;
  /** Said for a moment after a visit ends: its information was cleared. */
  farewell?: string | undefined;
  onWake: () => void;
}

export function AttractScreen(props: AttractScreenProps) {
  const t = STRINGS[props.locale];
  const now = useMinuteClock();
  const turn = useTurn(props.notices.length);
  const notice = props.notices[turn];
  const alert = props.alerts[0];
  return (
    <div
      class="attract"
      {...(alert ? { 'data-alert': alertTone(alert.severity) } : {})}
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
      {alert ? (
        <>
          {props.deviceName && <div class="attract-place">{props.deviceName}</div>}
          <AttractAlert alerts={props.alerts} locale={props.locale} />
        </>
      ) : (
        <Usual {...props} notice={notice} turn={turn} now={now} />
      )}
      <div class="attract-hint">{t.attractHint}</div>
      {!alert && <div class="attract-services">{t.attractServices}</div>}
    </div>
  );
}

/** What the attract screen shows on an ordinary day. */
function Usual(props: AttractScreenProps & { notice: NoticeSummary | undefined; turn: number; now: Date }) {
  const { notice, turn, now } = props;
  const t = STRINGS[props.locale];
  const [opensAt = '', closesAt = ''] = props.openingHours?.split('-') ?? [];
  const intlLocale = INTL_LOCALES[props.locale];
  return (
    <>
      <div class="attract-head">
        {props.deviceName && <div class="attract-place">{props.deviceName}</div>}
        <div class="attract-title">{t.appTitle}</div>
      </div>
      <div class="attract-clock">
        <time class="attract-time" dateTime={now.toISOString()}>
          {new Intl.DateTimeFormat(intlLocale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(now)}
        </time>
        <div class="attract-date">{new Intl.DateTimeFormat(intlLocale, { dateStyle: 'full' }).format(now)}</div>
        {props.openingHours && (
          <div class="attract-hours">
            <Icon name="clock" />
            {t.openingHours(opensAt, closesAt)}
          </div>
        )}
      </div>
      {props.message && <div class="attract-message">{props.message}</div>}
      {notice && (
        <section class="attract-notices" aria-label={t.latestNotices}>
          <div class="attract-section-heading">
            <Icon name="notices" />
            {t.latestNotices}
          </div>
          <div class="attract-notice" key={notice.id}>
            <span class="attract-notice-title">{notice.title}</span>
            <span class="attract-notice-byline">{bylineOf(notice, props.locale)}</span>
          </div>
          {props.notices.length > 1 && (
            <div class="carousel-dots" aria-hidden="true">
              {props.notices.map((shown, index) => (
                <span key={shown.id} class="carousel-dot" data-current={String(index === turn)} />
              ))}
            </div>
          )}
        </section>
      )}
      {props.popular.length > 0 && (
        <section class="attract-popular" aria-label={t.popularGuides}>
          <div class="attract-section-heading">
            <Icon name="popular" />
            {t.popularGuides}
          </div>
          <ul role="list">
            {props.popular.slice(0, POPULAR_SHOWN).map((guide) => (
              <li key={guide.id}>{guide.title}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The time, brought up to date as each minute begins (no polling in between). */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setTimeout(() => setNow(new Date()), 60_000 - (now.getTime() % 60_000));
    return () => window.clearTimeout(timer);
  }, [now]);
  return now;
}

/** Which of `count` items shows now: each in turn, starting again from the first when they change. */
function useTurn(count: number): number {
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    setTurn(0);
    if (count < 2) return;
    const timer = window.setInterval(() => setTurn((current) => (current + 1) % count), NOTICE_TURN_MS);
    return () => window.clearInterval(timer);
  }, [count]);
  return Math.min(turn, Math.max(count - 1, 0));
}
