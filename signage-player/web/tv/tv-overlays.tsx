/**
 * What the TV app lays over the picture: the info banner (number, name, now and next with their
 * times, the progress of the one on now), the number being keyed, the word that a number has no
 * channel, and a lesser emergency alert's band (Extreme and Severe ones take the whole screen).
 */
import { alertTone, type KioskAlert, type TvChannelSchedule } from '@linli/protocol';
import { ALERT_COLOURS } from '../alert-tone';
import { bannerContent } from './info-banner';
import type { TvWords } from './tv-words';

export function InfoBanner(props: { channel: TvChannelSchedule; now: number; words: TvWords }) {
  const { words } = props;
  const content = bannerContent(props.channel, props.now);
  return (
    <section class="tv-banner" data-channel={props.channel.id}>
      <div class="tv-banner-channel">
        <span class="tv-banner-number">{content.number}</span>
        <span class="tv-banner-name">{content.name}</span>
      </div>
      <div class="tv-banner-programmes">
        <div class="tv-banner-now" data-title={content.now.title ?? ''}>
          <span class="tv-banner-label">{words.onNow}</span>
          <span class="tv-banner-times">{content.now.times}</span>
          <span class="tv-banner-title">{content.now.title ?? words.noListing}</span>
        </div>
        {content.now.progress !== null && (
          <div class="tv-progress" role="progressbar" aria-valuenow={Math.round(content.now.progress * 100)}>
            <div class="tv-progress-done" style={{ transform: `scaleX(${content.now.progress})` }} />
          </div>
        )}
        {content.next && (
          <div class="tv-banner-next" data-title={content.next.title ?? ''}>
            <span class="tv-banner-label">{words.upNext}</span>
            <span class="tv-banner-times">{content.next.times}</span>
            <span class="tv-banner-title">{content.next.title}</span>
          </div>
        )}
      </div>
    </section>
  );
}

/** The number keyed so far, as a box shows it: 12_ in the corner. */
export function DigitsEntry(props: { digits: string; words: TvWords }) {
  return (
    <div class="tv-digits" data-digits={props.digits}>
      <span class="tv-digits-label">{props.words.channel}</span>
      <span class="tv-digits-number">
        {props.digits}
        <span class="tv-digits-cursor">_</span>
      </span>
    </div>
  );
}

export function NoChannel(props: { number: number; words: TvWords }) {
  return (
    <div class="tv-digits tv-no-channel" data-number={props.number} role="status">
      {props.words.noChannelNumbered(props.number)}
    </div>
  );
}

/** A Moderate, Minor or ungraded alert: a band across the top of the picture, in its colour. */
export function AlertBand(props: { alert: KioskAlert; others: number; words: TvWords }) {
  const { alert, words } = props;
  const colours = ALERT_COLOURS[alertTone(alert.severity)];
  return (
    <section
      class="tv-alert-band"
      role="alert"
      data-alert-id={alert.id}
      style={{ background: colours.background, color: colours.ink }}
    >
      <span class="tv-alert-severity">{words.severity[alert.severity]}</span>
      <span class="tv-alert-event">{alert.event}</span>
      {alert.test && <span class="tv-alert-test">{words.alertTest}</span>}
      <span class="tv-alert-headline" lang={alert.locale}>
        {alert.headline}
      </span>
      {props.others > 0 && <span class="tv-alert-more">{words.alertMore(props.others)}</span>}
    </section>
  );
}
