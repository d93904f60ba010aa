/**
 * The player's TV mode (profile `tv`: a set-top box showing the community's channels): the host's
 * view, the channel tuned (remembered across reloads), what it airs now (tv-picture) and what the
 * remote has put over it (tv-state). ONE timer wakes the app at the next moment anything changes
 * by itself: the item on air changing, a banner hiding, a keyed number tuning, the guide's clock
 * line moving on a minute; nothing polls.
 *
 * An emergency alert comes first: Extreme and Severe take the whole screen (the channel stops
 * under it), others are a band over the picture. With no channels the box says so, with the
 * clock: the screen is never blank.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PlayerView } from '@linli/protocol';
import { AlertScreen } from '../alert-screen';
import { useAliveBeat } from '../alive-beat';
import { ClockFace } from '../clock-face';
import { browserTimeZone, msToNextMinute } from '../clock-text';
import type { PlayerSource } from '../player-source';
import { useHostValue } from '../use-host-value';
import { lineupOf, tunedChannel } from './channel-lineup';
import { guideRows, type GuideRow } from './guide-grid';
import { tvOnScreen } from './tv-picture';
import { DigitsEntry, InfoBanner, NoChannel, AlertBand } from './tv-overlays';
import { ProgrammeGuide } from './tv-guide';
import { IdentCard, ScreenGuard, TvScreen } from './tv-screen';
import { initialTvState, nextDeadline, pressKey, timePassed, type TvContext, type TvState } from './tv-state';
import { tvWords } from './tv-words';
import { useRemote } from './use-remote';

const VIEW_CHANGED_BY = ['view-changed'] as const;
const REMEMBERED_CHANNEL = 'linli-tv-channel';
// setTimeout takes at most a signed 32-bit delay; a later instant is reached by waking then.
const LONGEST_TIMER_MS = 2 ** 31 - 1;
const EARLY_TIMER_MS = 20;

function rememberedChannel(): string | null {
  try {
    return window.localStorage.getItem(REMEMBERED_CHANNEL);
  } catch {
    return null;
  }
}

function rememberChannel(channelId: string): void {
  try {
    window.localStorage.setItem(REMEMBERED_CHANNEL, channelId);
  } catch {
    // Storage off or full: the box starts on the first channel next time.
  }
}

function useTvView(source: PlayerSource): PlayerView | null {
  useEffect(() => source.onEvent((event) => event === 'reload' && window.location.reload()), [source]);
  return useHostValue(source, () => source.view(), {
    wanted: true,
    changedBy: VIEW_CHANGED_BY,
    failure: 'player-view-unavailable',
  });
}

/** Alerts that take the whole screen; lesser ones are a band over the picture. */
const takesScreen = (severity: string) => severity === 'Extreme' || severity === 'Severe';

export function TvApp(props: { source: PlayerSource }) {
  const view = useTvView(props.source);
  const beats = useAliveBeat(props.source);
  const words = useMemo(() => tvWords(document.documentElement.lang), []);
  const channels = view?.tvChannels;
  const lineup = useMemo(() => lineupOf(channels ?? []), [channels]);
  const [state, setState] = useState<TvState>(() => initialTvState(rememberedChannel()));
  const [pressedAt, setNow] = useState(Date.now);
  // What airs is asked at the latest of: a key, the timer, the view arriving or changing.
  const viewAt = useMemo(() => Date.now(), [view]);
  const now = Math.max(pressedAt, viewAt);

  // The guide's rows, kept while it is open (from the column it opened in), made again for a new line-up.
  const rowsCache = useMemo(() => new Map<number, readonly GuideRow[]>(), [lineup]);
  const context = (at: number): TvContext => ({
    lineup,
    now: at,
    guideRows(earliest) {
      let rows = rowsCache.get(earliest);
      if (!rows) {
        rowsCache.clear();
        rows = guideRows(lineup, earliest);
        rowsCache.set(earliest, rows);
      }
      return rows;
    },
  });

  const alert = view?.alerts[0];
  const fullScreenAlert = alert !== undefined && takesScreen(alert.severity);
  useRemote((key) => {
    // Under an alert that has the screen the remote does nothing (Back still never leaves).
    if (fullScreenAlert) return;
    const at = Date.now();
    setNow(at);
    setState((current) => pressKey(current, key, context(at)));
  });

  const channel = tunedChannel(lineup, state.channelId);
  useEffect(() => {
    if (channel) rememberChannel(channel.id);
  }, [channel?.id]);
  const onScreen = useMemo(
    () => (channel && view ? tvOnScreen(channel, view.notices, now) : null),
    [channel, view?.notices, now],
  );

  // The one timer: the next moment the screen changes by itself.
  const guideOpen = state.overlay.kind === 'guide';
  const wakeAt = Math.min(
    onScreen?.nextAt ?? Infinity,
    nextDeadline(state) ?? Infinity,
    guideOpen ? now + msToNextMinute(now) : Infinity,
  );
  useEffect(() => {
    if (wakeAt === Infinity) return;
    const timer = setTimeout(
      () => {
        // A timer may fire a moment early: the app then acts as at the moment it was set for.
        const early = wakeAt - Date.now();
        const at = early > 0 && early <= EARLY_TIMER_MS ? wakeAt : Date.now();
        setNow(at);
        setState((current) => timePassed(current, context(at)));
      },
      Math.min(Math.max(0, wakeAt - Date.now()), LONGEST_TIMER_MS),
    );
    return () => clearTimeout(timer);
  }, [wakeAt, lineup]);

  if (!view) {
    return (
      <div class="player tv" data-state="loading">
        <section class="tv-message">
          <div class="tv-message-title">{words.appName}</div>
          <div class="tv-message-hint">{words.loading}</div>
        </section>
      </div>
    );
  }
  if (alert && fullScreenAlert) {
    return (
      <div class="player tv" data-state="alert">
        <AlertScreen alert={alert} others={view.alerts.length - 1} />
      </div>
    );
  }
  if (!channel || !onScreen) {
    return (
      <div class="player tv" data-state="no-channels">
        <section class="tv-ident">
          <div class="tv-ident-name">{words.noChannels}</div>
          <div class="tv-ident-clock">
            <ClockFace show="date-time" timeZone={browserTimeZone()} />
          </div>
          <div class="tv-message-hint">{words.noChannelsHint}</div>
        </section>
      </div>
    );
  }
  const { overlay } = state;
  return (
    <div
      class="player tv"
      data-state="watching"
      data-overlay={overlay.kind}
      // The numbers this box can tune, for diagnostics and tests.
      data-lineup={lineup.map((each) => each.number).join(' ')}
    >
      <ScreenGuard
        resetKey={`${channel.id}|${onScreen.itemStart}|${onScreen.itemId ?? ''}`}
        fallback={<IdentCard channel={channel} />}
      >
        <TvScreen
          key={channel.id}
          channel={channel}
          onScreen={onScreen}
          words={words}
          onVideoGivenUp={beats.videoGivenUp}
        />
      </ScreenGuard>
      {alert && <AlertBand alert={alert} others={view.alerts.length - 1} words={words} />}
      {overlay.kind === 'banner' && <InfoBanner channel={channel} now={now} words={words} />}
      {overlay.kind === 'digits' && <DigitsEntry digits={overlay.entry.digits} words={words} />}
      {overlay.kind === 'no-channel' && <NoChannel number={overlay.number} words={words} />}
      {overlay.kind === 'guide' && (
        <ProgrammeGuide
          rows={context(now).guideRows(overlay.focus.earliest)}
          focus={overlay.focus}
          now={now}
          timeZone={channel.timeZone}
          words={words}
        />
      )}
    </div>
  );
}
