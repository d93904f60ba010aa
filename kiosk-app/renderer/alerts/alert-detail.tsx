/** The whole text of one alert over the screen: what happens, what to do, where, until when; 朗读 and 关闭. */
import { alertTone, type KioskAlert, type KioskBridge, type Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { ReadAloud } from '../read-aloud';
import { spokenTextOfAlert, validUntil } from './alert-text';

export function AlertDetail(props: {
  alert: KioskAlert;
  locale: Locale;
  bridge: KioskBridge;
  elderMode: boolean;
  speechAvailable: boolean;
  autoRead: boolean;
  onAutoRead: (on: boolean) => void;
  onClose: () => void;
}) {
  const { alert, locale } = props;
  const t = STRINGS[locale];
  const until = validUntil(alert, locale);
  const text = alert.locale === locale ? {} : { lang: alert.locale };
  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && props.onClose()}>
      <div
        class="dialog alert-detail"
        role="dialog"
        aria-modal="true"
        aria-labelledby="alert-detail-title"
        data-tone={alertTone(alert.severity)}
        data-alert-id={alert.id}
      >
        <p class="alert-detail-label">
          <span class="alert-severity">{t.alertSeverity(alert.severity)}</span>
          <span {...text}>{alert.event}</span>
        </p>
        <h2 id="alert-detail-title" {...text}>
          {alert.headline}
        </h2>
        <p class="alert-detail-byline">
          <span {...text}>{alert.senderName}</span>
          {until && <span> · {until}</span>}
        </p>
        {alert.test && <p class="alert-test">{t.alertTest}</p>}
        <ReadAloud
          text={spokenTextOfAlert(alert)}
          pageId={`alert:${alert.id}`}
          locale={locale}
          bridge={props.bridge}
          available={props.speechAvailable}
          autoRead={props.autoRead}
          elderMode={props.elderMode}
          onAutoRead={props.onAutoRead}
        />
        {/* Scrolls when long: focusable, so it can be scrolled without touch too. */}
        <div class="alert-detail-text" role="region" aria-labelledby="alert-detail-title" tabIndex={0} {...text}>
          {alert.description && (
            <section>
              <h3 lang={locale}>{t.alertDescription}</h3>
              <p>{alert.description}</p>
            </section>
          )}
          {alert.instruction && (
            <section>
              <h3 lang={locale}>{t.alertInstruction}</h3>
              <p>{alert.instruction}</p>
            </section>
          )}
          {alert.areaDesc.length > 0 && (
            <section>
              <h3 lang={locale}>{t.alertArea}</h3>
              <p>{alert.areaDesc.join('、')}</p>
            </section>
          )}
          {alert.contact && (
            <section>
              <h3 lang={locale}>{t.alertContact}</h3>
              <p>{alert.contact}</p>
            </section>
          )}
        </div>
        <div class="dialog-buttons">
          <button class="primary" onClick={props.onClose} autoFocus>
            {t.alertClose}
          </button>
        </div>
      </div>
    </div>
  );
}
