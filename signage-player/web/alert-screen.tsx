/**
 * An emergency alert over the whole screen, in its severity's colour: what happens (event and
 * severity), the headline, the description, what to do, who issued it; a test or exercise message
 * says 测试 plainly. The text is set as large as the screen allows without cutting any of it.
 */
import { useRef } from 'preact/hooks';
import { alertTone, type KioskAlert } from '@linli/protocol';
import { ALERT_COLOURS, SEVERITY_NAMES } from './alert-tone';
import { useFittedFontSize } from './use-fitted-font';

export function AlertScreen(props: { alert: KioskAlert; others: number }) {
  const { alert } = props;
  const tone = alertTone(alert.severity);
  const colours = ALERT_COLOURS[tone];
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const text = [alert.event, alert.headline, alert.description, alert.instruction, alert.senderName].join('\n');
  // Read from across a hall: large, but a one-line alert should not shout in letters a hand high.
  useFittedFontSize(box, content, text, () => 0.06 * Math.min(window.innerWidth, window.innerHeight));
  return (
    <section
      class="alert-screen"
      role="alert"
      data-tone={tone}
      data-alert-id={alert.id}
      style={{ '--alert-bg': colours.background, '--alert-ink': colours.ink }}
    >
      <div class="alert-fit" ref={box}>
        <div class="alert-content" ref={content} lang={alert.locale}>
          <div class="alert-label">
            <span class="alert-severity" lang="zh-Hans">
              {SEVERITY_NAMES[alert.severity]}
            </span>
            <span class="alert-event">{alert.event}</span>
            {alert.test && (
              <span class="alert-test" lang="zh-Hans">
                测试 · 不是真实预警
              </span>
            )}
          </div>
          <h1 class="alert-headline">{alert.headline}</h1>
          {alert.description && <p class="alert-description">{alert.description}</p>}
          {alert.instruction && (
            <div class="alert-instruction">
              <h2 lang="zh-Hans">防御指南</h2>
              <p>{alert.instruction}</p>
            </div>
          )}
          <p class="alert-sender">
            <span lang="zh-Hans">发布：</span>
            {alert.senderName}
          </p>
          {props.others > 0 && (
            <p class="alert-more" lang="zh-Hans">
              另有 {props.others} 条预警
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
