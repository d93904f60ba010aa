/**
 * The signage screen: the view from the host, the schedule run against the clock, and what that
 * puts on screen — an emergency alert over everything, the idle screen before the first
 * publication, black outside operating hours, else the layout with its zones. Calling displays'
 * halls come from the host beside the view, and their calls are announced while a layout that
 * announces them is on screen.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { queueHallsOf, type Layout, type PlayerView } from '@linli/protocol';
import { LayoutView } from './zone-view';
import type { PdfRenderer } from './pdf-renderer';
import type { PlayerSource } from './player-source';
import { IdleScreen } from './idle-screen';
import { AlertScreen } from './alert-screen';
import { usePlayReporting } from './use-play-reporting';
import { useAliveBeat } from './alive-beat';
import { useSchedule } from './use-schedule';
import { useHostValue } from './use-host-value';
import { useQueueView } from './use-queue-view';
import { useCallAnnouncer } from './use-call-announcer';

const VIEW_CHANGED_BY = ['view-changed'] as const;

/**
 * The host's view, asked for at start and again on each `view-changed` (use-host-value); `reload`
 * loads the page afresh.
 */
function usePlayerView(source: PlayerSource): PlayerView | null {
  useEffect(() => source.onEvent((event) => event === 'reload' && window.location.reload()), [source]);
  return useHostValue(source, () => source.view(), {
    wanted: true,
    changedBy: VIEW_CHANGED_BY,
    failure: 'player-view-unavailable',
  });
}

/** The halls whose calls the layout announces (a `queue-calls` item with `announce` on). */
function announcingHalls(layout: Layout | undefined): Set<number> {
  const halls = queueHallsOf(layout ? [layout] : []);
  return new Set([...halls].filter(([, { announce }]) => announce).map(([hallId]) => hallId));
}

/** `pdf` draws PDF pages (the player page's); without it PDF items show their card (the editor's preview). */
export function Player(props: { source: PlayerSource; pdf?: PdfRenderer }) {
  const view = usePlayerView(props.source);
  const plays = usePlayReporting(props.source);
  const beatReports = useAliveBeat(props.source);
  const alert = view?.alerts[0];
  const publication = view?.publication ?? null;
  const run = useSchedule(publication?.schedule ?? null, alert !== undefined);
  const { showing } = run;
  const layout =
    showing?.screen === 'on' ? publication?.schedule.layouts.find((each) => each.id === showing.layoutId) : undefined;
  const followsHalls = useMemo(() => queueHallsOf(publication?.schedule.layouts ?? []).size > 0, [publication]);
  const queue = useQueueView(props.source, followsHalls);
  const announcing = useMemo(() => announcingHalls(layout), [layout]);
  useCallAnnouncer(props.source, queue, announcing);

  if (!view) return <div class="player" data-state="loading" />;
  // An alert matters more than the schedule, operating hours included.
  if (alert) {
    return (
      <div class="player" data-state="alert">
        <AlertScreen alert={alert} others={view.alerts.length - 1} />
      </div>
    );
  }
  if (!publication) {
    return (
      <div class="player" data-state="idle">
        <IdleScreen deviceName={view.deviceName} />
      </div>
    );
  }
  if (!showing) return <div class="player" data-state="loading" />;
  if (!layout) return <div class="player" data-state="off" />;
  return (
    <div class="player" data-state="playing">
      <LayoutView
        key={layout.id}
        layout={layout}
        zones={showing.zones}
        upcoming={run.upcoming}
        context={{
          publicationId: publication.id,
          layoutId: layout.id,
          timeZone: publication.schedule.timeZone,
          notices: view.notices,
          webOrigins: view.webOrigins,
          queueHall: (hallId) => queue?.halls.find((hall) => hall.hallId === hallId),
          plays,
          pdf: props.pdf ?? null,
          // Only a video that did not start is skipped: the host hears of it in the next beat.
          skip: (layoutId, zoneId, item) => {
            beatReports.videoGivenUp(item.id);
            run.skip(layoutId, zoneId, item);
          },
          unreadable: (item) => beatReports.unreadable(item.id),
        }}
      />
    </div>
  );
}
