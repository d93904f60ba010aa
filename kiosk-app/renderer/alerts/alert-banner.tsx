/**
 * Emergency alerts in the frame of every screen: a band under the header, above everything else,
 * one row per alert (most severe first, as the host orders them), coloured by severity, with the
 * headline, the event and who issued it, and 查看全文 for the whole text with 朗读 (AlertDetail, which
 * the frame shows over the screen). In elder mode with 自动朗读 on, each alert is read aloud once
 * when it appears. An alert cancelled or expired leaves the band as soon as the host says so.
 */
import { useEffect, useRef } from 'preact/hooks';
import { alertTone, type KioskAlert, type KioskBridge, type Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { fitForSpeech } from '../speech-limit';
import { spokenTextOfAlert } from './alert-text';

export function AlertBanner(props: {
  alerts: KioskAlert[];
  locale: Locale;
  bridge: KioskBridge;
  elderMode: boolean;
  speechAvailable: boolean;
  autoRead: boolean;
  /** 查看全文: the frame shows the whole text over the screen (AlertDetail). */
  onOpen: (id: string) => void;
}) {
  const { alerts, locale } = props;
  const t = STRINGS[locale];
  useAutoRead(props);
  if (alerts.length === 0) return null;
  return (
    <section class="alert-banner" aria-label={t.alerts}>
      {alerts.map((alert) => (
        <div key={alert.id} class="alert-row" data-tone={alertTone(alert.severity)} data-alert-id={alert.id}>
          <span class="alert-severity">{t.alertSeverity(alert.severity)}</span>
          {/* The alert's text may be in another language than the interface (no English block). */}
          <div class="alert-summary" {...(alert.locale === locale ? {} : { lang: alert.locale })}>
            <strong class="alert-headline">{alert.headline}</strong>
            <span class="alert-byline">
              {alert.event} · {alert.senderName}
              {alert.test && (
                <span class="alert-test" lang={locale}>
                  {' '}
                  · {t.alertTest}
                </span>
              )}
            </span>
          </div>
          <button class="alert-open" onClick={() => props.onOpen(alert.id)}>
            {t.alertOpen}
          </button>
        </div>
      ))}
    </section>
  );
}

/** Reads each alert aloud once in this visit, when it appears or when elder mode with 自动朗读 comes on. */
function useAutoRead(props: {
  alerts: KioskAlert[];
  bridge: KioskBridge;
  elderMode: boolean;
  speechAvailable: boolean;
  autoRead: boolean;
}) {
  const read = useRef(new Set<string>());
  useEffect(() => {
    if (!(props.speechAvailable && props.autoRead && props.elderMode)) return;
    const unread = props.alerts.filter((alert) => !read.current.has(alert.id));
    if (unread.length === 0) return;
    unread.forEach((alert) => read.current.add(alert.id));
    const text = fitForSpeech(unread.map(spokenTextOfAlert).join('\n'));
    void props.bridge.speak({ text }).catch(() => undefined);
  }, [props.alerts, props.speechAvailable, props.autoRead, props.elderMode]);
}
