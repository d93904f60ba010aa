/**
 * The emergency alerts this kiosk holds, and the bridge method that shows those in force. An
 * alert is held from its feed entry until its tombstone (the server sends one when it is
 * cancelled, replaced by an Update or expires) and shown, by the host's clock, from `effective`
 * (its block's effective time, or when it was sent) until `expires`, so an expiry takes it off
 * even while the kiosk is offline.
 *
 * Why not from `onset`: onset is when the hazard itself begins (the rain, the typhoon's landfall);
 * a warning is meant to be read before that, and CAP 1.2 says an info block without `effective`
 * is effective when sent. The onset is part of the text, not a reason to hide the warning.
 *
 * Test and Exercise messages (`test`) are not shown on an ordinary kiosk: only a screen marked for
 * tests would show them, labelled as tests. No setting marks a kiosk so yet; `showTests` is where
 * one would come in (a pushed setting, off by default so an upgrade changes no screen).
 *
 * Decisions are pure functions of (alerts, now, locale) below; the board only holds the alerts.
 */
import {
  CAP_SEVERITIES,
  CAP_URGENCIES,
  type Change,
  type DeviceAlert,
  type DeviceAlertInfo,
  type KioskAlert,
  type KioskBridge,
  type Locale,
} from '@linli/protocol';
import { applyToMap } from '../sync/change-map';
import { localizeText } from '../catalog/traditional';

export type AlertBridge = Pick<KioskBridge, 'listAlerts'>;
export type AlertChange = Extract<Change, { entity: 'alert' }>;

export interface AlertPolicy {
  /** Show Test and Exercise messages (a screen marked for tests); false on ordinary kiosks. */
  showTests: boolean;
}

export const ORDINARY_KIOSK: AlertPolicy = { showTests: false };

/** When an alert starts and stops being shown (ms since the epoch); `until` null: until it is ended. */
export function alertWindow(alert: Pick<DeviceAlert, 'effective' | 'expires'>): {
  from: number;
  until: number | null;
} {
  // Compared as instants: CAP times carry their offset (2026-07-01T08:30:00+08:00), so text order is not time order.
  return { from: Date.parse(alert.effective), until: alert.expires === null ? null : Date.parse(alert.expires) };
}

/**
 * Whether the alert is shown at `now`. A time that cannot be read never hides a warning: an
 * unreadable effective time counts as already effective, an unreadable expiry as none.
 */
export function alertShownAt(alert: DeviceAlert, now: Date, policy: AlertPolicy): boolean {
  if (alert.test && !policy.showTests) return false;
  const { from, until } = alertWindow(alert);
  const at = now.getTime();
  return !(from > at) && !(until !== null && until <= at);
}

/** The next moment one of `alerts` becomes effective or expires, or null when none is ahead. */
export function nextAlertChangeAt(alerts: Iterable<DeviceAlert>, now: Date, policy: AlertPolicy): Date | null {
  const at = now.getTime();
  let next: number | null = null;
  for (const alert of alerts) {
    if (alert.test && !policy.showTests) continue;
    const { from, until } = alertWindow(alert);
    for (const moment of [from, until])
      if (moment !== null && moment > at && (next === null || moment < next)) next = moment;
  }
  return next === null ? null : new Date(next);
}

/** Most severe first, then most urgent, then the newest; by id when all agree, so the order is stable. */
export function compareAlerts(a: DeviceAlert, b: DeviceAlert): number {
  return (
    CAP_SEVERITIES.indexOf(a.severity) - CAP_SEVERITIES.indexOf(b.severity) ||
    CAP_URGENCIES.indexOf(a.urgency) - CAP_URGENCIES.indexOf(b.urgency) ||
    Date.parse(b.sent) - Date.parse(a.sent) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const isChinese = (language: string) => /^zh(-|$)/i.test(language);
const isSimplifiedChinese = (language: string) => /^zh-(cn|hans|sg)(-|$)/i.test(language);
const isEnglish = (language: string) => /^en(-|$)/i.test(language);

/**
 * The info block to show for `locale`, and the language its text is in: for 简体 and 繁體 the
 * zh-CN block (any other Chinese block when there is none; 繁體 gets it converted); for English
 * the English block when the alert has one, else the Chinese one. No block in either language:
 * the alert's own text (its preferred block), said to be in the locale asked for.
 */
export function alertInfoFor(alert: DeviceAlert, locale: Locale): { info: DeviceAlertInfo | null; locale: Locale } {
  const chinese = locale === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
  const english = locale === 'en' ? alert.info.find((info) => isEnglish(info.language)) : undefined;
  if (english) return { info: english, locale: 'en' };
  const zh =
    alert.info.find((info) => isSimplifiedChinese(info.language)) ??
    alert.info.find((info) => isChinese(info.language));
  if (zh) return { info: zh, locale: chinese };
  const other = alert.info.find((info) => isEnglish(info.language));
  if (other) return { info: other, locale: 'en' };
  return { info: null, locale };
}

/** The alert as the screen shows it in `locale`. */
export function kioskAlertOf(alert: DeviceAlert, locale: Locale): KioskAlert {
  const { info, locale: textLocale } = alertInfoFor(alert, locale);
  // Only Chinese text is converted, and only for 繁體.
  const text = (value: string) => (textLocale === 'zh-Hant' ? localizeText(value, 'zh-Hant') : value);
  const maybe = (value: string | null) => (value === null ? null : text(value));
  const event = info?.event ?? alert.event;
  return {
    id: alert.id,
    test: alert.test,
    // The alert's own grading, so its colour and place do not change with the language.
    severity: alert.severity,
    urgency: alert.urgency,
    certainty: alert.certainty,
    event: text(event),
    headline: text(info ? (info.headline ?? event) : alert.headline),
    senderName: text(info?.senderName ?? alert.senderName),
    description: maybe(info ? info.description : alert.description),
    instruction: maybe(info ? info.instruction : alert.instruction),
    contact: maybe(info?.contact ?? null),
    areaDesc: (info?.areaDesc ?? []).map(text),
    sent: alert.sent,
    effective: alert.effective,
    expires: alert.expires,
    locale: textLocale,
  };
}

/** The alerts shown at `now`, most severe first, in `locale`. */
export function alertsShownAt(
  alerts: Iterable<DeviceAlert>,
  now: Date,
  policy: AlertPolicy,
  locale: Locale,
): KioskAlert[] {
  return [...alerts]
    .filter((alert) => alertShownAt(alert, now, policy))
    .sort(compareAlerts)
    .map((alert) => kioskAlertOf(alert, locale));
}

export interface AlertBoard {
  bridge: AlertBridge;
  /**
   * Brings the held alerts up to date with what sync stored (a page's changes, or 'all' after a
   * resync); true when alerts were among them.
   */
  applied(changes: Change[] | 'all'): boolean;
  /** The next time a held alert becomes effective or expires, or null when none is ahead. */
  nextChangeAt(): Date | null;
}

/** `held` reads the alerts stored in the cache (at start and after a resync). */
export function createAlertBoard(deps: {
  clock: () => Date;
  held: () => DeviceAlert[];
  policy?: AlertPolicy;
}): AlertBoard {
  const { clock } = deps;
  const policy = deps.policy ?? ORDINARY_KIOSK;
  const alerts = new Map<string, DeviceAlert>();
  const reload = () => {
    alerts.clear();
    for (const alert of deps.held()) alerts.set(alert.id, alert);
  };
  reload();
  return {
    bridge: {
      listAlerts: async ({ locale }) => alertsShownAt(alerts.values(), clock(), policy, locale ?? 'zh-Hans'),
    },
    applied(changes) {
      if (changes === 'all') {
        reload();
        return true;
      }
      const mine = changes.filter((change): change is AlertChange => change.entity === 'alert');
      mine.forEach((change) => applyToMap(alerts, change));
      return mine.length > 0;
    },
    nextChangeAt: () => nextAlertChangeAt(alerts.values(), clock(), policy),
  };
}
