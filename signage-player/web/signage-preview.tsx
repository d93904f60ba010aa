/**
 * The web player as the admin UI's signage editor previews it (served by the admin server as
 * /admin/signage-preview.html, in a frame of the admin UI): the real Player, fed the publication
 * as edited by postMessage instead of the host's HTTP bridge, and playing from the instant the
 * editor chose. Nothing is reported: no plays, no alive beats.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  SIGNAGE_PREVIEW_MESSAGE,
  signageScheduleErrors,
  type PlayerView,
  type SignagePreviewMessage,
} from '@linli/protocol';
import { Player } from './player';
import type { PlayerSource } from './player-source';
import { startPageClockAt } from './page-clock';
import './player.css';

/**
 * A source that always answers with one view and has nothing to tell or to hear; calling displays
 * follow no hall here (they show that they are connecting) and announce nothing.
 */
function fixedSource(view: PlayerView): PlayerSource {
  return {
    view: () => Promise.resolve(view),
    onEvent: () => () => undefined,
    reportPlayed: () => Promise.resolve(),
    beat: () => Promise.resolve(),
    queue: () => Promise.resolve({ halls: [] }),
    announcement: () => Promise.reject(new Error('The preview announces nothing')),
  };
}

function PlayerPreview() {
  const [shown, setShown] = useState<{ at: number; source: PlayerSource } | null>(null);
  const clockAt = useRef<number | null>(null);
  useEffect(() => {
    const receive = (event: MessageEvent<SignagePreviewMessage>) => {
      // Only the admin UI that framed this page speaks to it.
      if (event.origin !== window.location.origin || event.data?.kind !== SIGNAGE_PREVIEW_MESSAGE) return;
      const { publication, notices, at } = event.data;
      // As a player does on receipt: a schedule that does not check out is not played.
      if (signageScheduleErrors(publication.schedule).length > 0) return;
      if (clockAt.current !== at) {
        startPageClockAt(at);
        clockAt.current = at;
      }
      const view: PlayerView = {
        deviceName: publication.title,
        profile: 'signage',
        tvChannels: [],
        online: true,
        lastSyncAt: null,
        publication,
        notices,
        alerts: [],
        // Pages of other sites may not be framed inside the admin UI's pages: web items show nothing here.
        webOrigins: [],
        serverOffsetMs: 0,
      };
      setShown({ at, source: fixedSource(view) });
    };
    window.addEventListener('message', receive);
    window.parent.postMessage({ kind: `${SIGNAGE_PREVIEW_MESSAGE}-ready` }, window.location.origin);
    return () => window.removeEventListener('message', receive);
  }, []);
  if (!shown) return null;
  // A new instant is a new run of the schedule from there; an edit at the same instant keeps the zones' places.
  return <Player key={shown.at} source={shown.source} />;
}

render(<PlayerPreview />, document.getElementById('app')!);
