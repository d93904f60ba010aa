/**
 * Beside the signage editor: what a screen shows at a chosen moment, drawn by the web player itself
 * in a frame (/admin/signage-preview.html) and fed the publication as edited, in the screen's
 * orientation; and in words, from the player's own resolver, which layout that is and why (an
 * entry, the default layout, or the screen off outside its operating hours).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  SIGNAGE_PREVIEW_MESSAGE,
  signageScheduleErrors,
  type PlayerNotice,
  type SignageInput,
  type SignagePreviewMessage,
} from '@linli/protocol';
import type { AdminStrings } from './i18n';
import { instantOfWallTime, usableTimeZone, wallTimeInput } from './schedule-time';
import { orientationOf } from './signage-draft';
import { shownAt, shownAtWords } from './signage-words';

export function PlayerPreview(props: {
  t: AdminStrings;
  /** The publication's id once it has one (a new one previews as `preview`). */
  id: string;
  input: SignageInput;
  notices: PlayerNotice[];
}) {
  const { t, input } = props;
  const words = t.ui.signage;
  const { schedule } = input;
  const timeZone = usableTimeZone(schedule.timeZone);
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  const [moment, setMoment] = useState(() => wallTimeInput(Date.now(), timeZone));
  const at = instantOfWallTime(moment, timeZone);
  const playable = signageScheduleErrors(schedule).length === 0;

  useEffect(() => {
    const heard = (event: MessageEvent<{ kind?: string }>) => {
      if (event.source === frame.current?.contentWindow && event.data?.kind === `${SIGNAGE_PREVIEW_MESSAGE}-ready`)
        setReady(true);
    };
    window.addEventListener('message', heard);
    return () => window.removeEventListener('message', heard);
  }, []);
  useEffect(() => {
    if (!ready || !playable || at === null) return;
    const message: SignagePreviewMessage = {
      kind: SIGNAGE_PREVIEW_MESSAGE,
      publication: { id: props.id, version: 1, title: input.title || words.untitled, schedule },
      notices: props.notices,
      at,
    };
    frame.current?.contentWindow?.postMessage(message, window.location.origin);
  }, [ready, playable, input, props.notices, at]);

  return (
    <aside class="player-preview" aria-label={words.preview}>
      <div class="player-preview-head">
        <strong>{words.preview}</strong>
        <label class="inline">
          {words.previewAt}
          <input
            type="datetime-local"
            name="previewAt"
            value={moment}
            onInput={(e) => setMoment((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="button" onClick={() => setMoment(wallTimeInput(Date.now(), timeZone))}>
          {words.previewNow}
        </button>
      </div>
      <p class="muted">{words.previewZone(timeZone)}</p>
      <div class="player-preview-screen" data-orientation={orientationOf(schedule)}>
        <iframe ref={frame} src="/admin/signage-preview.html" title={words.preview} tabIndex={-1} />
      </div>
      <p class="preview-words" role="status">
        {!playable ? words.previewNeedsFixes : at === null ? '' : shownAtWords(t, schedule, shownAt(schedule, at))}
      </p>
      {schedule.layouts.some((layout) =>
        layout.zones.some((zone) => zone.playlist.some((item) => item.kind === 'web')),
      ) && <p class="muted">{words.previewNoWeb}</p>}
    </aside>
  );
}
