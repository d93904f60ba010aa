/**
 * Write or edit a signage publication (信息发布): its title and where it goes, its layouts and each
 * zone's playlist, and the schedule; beside it, the web player showing it at a chosen moment. Zone
 * problems the layout check finds show as the editor draws; everything the server finds shows
 * next to the field it names after a save.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  LinliError,
  layoutProblems,
  type ErrorDetail,
  type MediaItem,
  type NoticeView,
  type OrgTree,
  type PlayerNotice,
  type QueueHall,
  type SignageInput,
  type SignageView,
} from '@linli/protocol';
import { api } from './api';
import { Field, ErrorBox, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { LayoutDesigner } from './layout-designer';
import { PlayerPreview } from './player-preview';
import { PlaylistEditor } from './playlist-editor';
import { ScheduleCalendar } from './schedule-calendar';
import { usableTimeZone } from './schedule-time';
import { newPublication } from './signage-draft';
import { TargetPicker } from './target-picker';

/** The server's details and what the layout check finds now, once each: one set of problems placed by path. */
function problemsShown(saved: LinliError | null, live: ErrorDetail[]): LinliError | null {
  if (live.length === 0) return saved;
  const details = [...(saved?.details ?? [])];
  for (const detail of live)
    if (!details.some((other) => other.path === detail.path && other.message === detail.message)) details.push(detail);
  return new LinliError(saved?.code ?? 'VALIDATION_FAILED', saved?.message ?? live[0]!.message, details);
}

/** A published notice as a player receives it (issued by the organisation it belongs to). */
function playerNotice(notice: NoticeView, tree: OrgTree): PlayerNotice {
  return {
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    issuer: tree.nodes.find((node) => node.id === notice.orgId)?.name ?? '',
    publishAt: notice.publishAt ?? notice.updatedAt,
  };
}

export function SignageEditor(props: {
  t: AdminStrings;
  tree: OrgTree;
  publication?: SignageView;
  /** Published notices, for notice items and the preview. */
  notices: readonly NoticeView[];
  onDone: (message?: string) => void;
}) {
  const { t, tree, publication } = props;
  const words = t.ui.signage;
  const [input, setInput] = useState<SignageInput>(() =>
    publication
      ? { title: publication.title, schedule: publication.schedule, targets: publication.targets }
      : newPublication(words.layoutNumber(1)),
  );
  const [layoutIndex, setLayoutIndex] = useState(0);
  const [zoneIndex, setZoneIndex] = useState(0);
  const [media, setMedia] = useState<MediaItem[]>([]);
  const [halls, setHalls] = useState<QueueHall[]>([]);
  const [error, setError] = useState<LinliError | null>(null);
  useEffect(
    () =>
      void api.listMedia({ limit: 200 }).then(
        (list) => setMedia(list.items),
        () => setMedia([]),
      ),
    [],
  );
  // Editors without queue rights see no halls: a calling display's hall then shows by its number.
  useEffect(
    () =>
      void api.queueHalls().then(
        (list) => setHalls(list.halls),
        () => setHalls([]),
      ),
    [],
  );
  const { schedule } = input;
  const live = useMemo(
    () => schedule.layouts.flatMap((layout, index) => layoutProblems(layout, `/schedule/layouts/${index}`)),
    [schedule],
  );
  const problems = fieldErrors(t, problemsShown(error, live), 'signage');
  const previewNotices = useMemo(() => props.notices.map((notice) => playerNotice(notice, tree)), [props.notices]);
  const layout = schedule.layouts[layoutIndex] ?? schedule.layouts[0]!;
  const zone = layout.zones[zoneIndex] ?? layout.zones[0];

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      if (publication) await api.signage.update(publication.id, input, publication.version);
      else await api.signage.create(input);
      props.onDone(words.saved);
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };

  return (
    <div class="editor-with-preview">
      <form class="editor signage-editor" onSubmit={save}>
        <ErrorBox error={error} t={t} />
        <Field label={words.publicationTitle} note={problems.note('title')}>
          <input
            name="title"
            required
            maxLength={80}
            value={input.title}
            onInput={(e) => setInput({ ...input, title: (e.target as HTMLInputElement).value })}
            {...problems.control('title')}
          />
        </Field>
        <TargetPicker
          t={t}
          tree={tree}
          targets={input.targets}
          onChange={(targets) => setInput({ ...input, targets })}
          problems={problems}
        />
        <LayoutDesigner
          t={t}
          schedule={schedule}
          layoutIndex={layoutIndex}
          zoneIndex={zoneIndex}
          problems={problems}
          onChange={(changed) => setInput({ ...input, schedule: changed })}
          onSelect={(chosenLayout, chosenZone) => {
            setLayoutIndex(chosenLayout);
            setZoneIndex(chosenZone);
          }}
        />
        {zone && (
          <PlaylistEditor
            t={t}
            zoneId={zone.id}
            playlist={zone.playlist}
            path={`schedule/layouts/${layoutIndex}/zones/${layout.zones.indexOf(zone)}/playlist`}
            problems={problems}
            media={media}
            notices={props.notices}
            halls={halls}
            timeZone={usableTimeZone(schedule.timeZone)}
            onChange={(playlist) =>
              setInput({
                ...input,
                schedule: {
                  ...schedule,
                  layouts: schedule.layouts.map((each) =>
                    each === layout
                      ? {
                          ...layout,
                          zones: layout.zones.map((other) => (other === zone ? { ...zone, playlist } : other)),
                        }
                      : each,
                  ),
                },
              })
            }
          />
        )}
        <ScheduleCalendar
          t={t}
          schedule={schedule}
          problems={problems}
          onChange={(changed) => setInput({ ...input, schedule: changed })}
        />
        <div class="buttons">
          <button type="submit" class="primary">
            {t.save}
          </button>
          <button type="button" onClick={() => props.onDone()}>
            {t.cancel}
          </button>
        </div>
      </form>
      <PlayerPreview t={t} id={publication?.id ?? 'preview'} input={input} notices={previewNotices} />
    </div>
  );
}
