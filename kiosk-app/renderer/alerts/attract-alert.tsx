/**
 * An emergency alert in place of the attract screen's content, for passers-by: the most severe
 * alert in full (headline, event, who issued it, what happens and what to do), the others by
 * headline. It is part of the attract screen, so a touch still starts a visit (where the band
 * under the header keeps it in view).
 */
import { alertTone, type KioskAlert, type Locale } from '@linli/protocol';
import { STRINGS } from '../i18n';
import { validUntil } from './alert-text';

export function AttractAlert(props: { alerts: KioskAlert[]; locale: Locale }) {
  const [first, ...others] = props.alerts;
  if (!first) return null;
  const t = STRINGS[props.locale];
  const until = validUntil(first, props.locale);
  const text = first.locale === props.locale ? {} : { lang: first.locale };
  return (
    <section class="attract-alert" aria-label={t.alerts} data-tone={alertTone(first.severity)} data-alert-id={first.id}>
      <div class="attract-alert-label">
        <span class="alert-severity">{t.alertSeverity(first.severity)}</span>
        <span {...text}>{first.event}</span>
      </div>
      <div class="attract-alert-headline" {...text}>
        {first.headline}
      </div>
      <div class="attract-alert-byline">
        <span {...text}>{first.senderName}</span>
        {until && <span> · {until}</span>}
      </div>
      {first.test && <div class="alert-test">{t.alertTest}</div>}
      <div class="attract-alert-text" {...text}>
        {first.description && <p>{first.description}</p>}
        {first.instruction && (
          <>
            <div class="attract-alert-heading" lang={props.locale}>
              {t.alertInstruction}
            </div>
            <p>{first.instruction}</p>
          </>
        )}
      </div>
      {others.length > 0 && (
        <div class="attract-alert-more">
          <div>{t.alertMore(others.length)}</div>
          <ul role="list">
            {others.map((alert) => (
              <li
                key={alert.id}
                data-alert-id={alert.id}
                {...(alert.locale === props.locale ? {} : { lang: alert.locale })}
              >
                {alert.headline}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
