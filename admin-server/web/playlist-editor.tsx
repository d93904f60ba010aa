/**
 * A zone's playlist: items of every kind (files from the media library, published notices, a web
 * page, a clock, text, a ticker, a service hall's calling display), each with its time on screen,
 * the dates it may show between and its transition; reordered by dragging a row by its handle, or
 * with 上移 / 下移.
 */
import { useState } from 'preact/hooks';
import {
  TRANSITIONS,
  type MediaItem,
  type NoticeView,
  type PlaylistItem,
  type PlaylistItemKind,
  type QueueHall,
} from '@linli/protocol';
import type { FieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { ITEM_KINDS, isMediaKind, mediaRefOf, newItem, unusedId } from './playlist-items';
import { RowCell, RowList } from './row-list';
import { instantOfWallTime, wallTimeInput } from './schedule-time';

/** A video's own length, read from the file's metadata in the browser (the library does not keep it). */
function videoLengthSec(sha256: string): Promise<number | null> {
  const video = document.createElement('video');
  video.preload = 'metadata';
  return new Promise((resolve) => {
    video.onloadedmetadata = () => resolve(Number.isFinite(video.duration) ? Math.max(0.1, video.duration) : null);
    video.onerror = () => resolve(null);
    video.src = `/media/${sha256}`;
  });
}

/** A whole number typed, or what the field had when the text is not one (the server names what stays wrong). */
const wholeNumber = (typed: string, before: number) => (/^\d+$/.test(typed) ? Number(typed) : before);

export function PlaylistEditor(props: {
  t: AdminStrings;
  zoneId: string;
  playlist: PlaylistItem[];
  /** Where the playlist is in the publication, as error details name it. */
  path: string;
  problems: FieldErrors;
  media: readonly MediaItem[];
  notices: readonly NoticeView[];
  /** The service halls the editor sees, for calling displays. */
  halls: readonly QueueHall[];
  timeZone: string;
  onChange: (playlist: PlaylistItem[]) => void;
}) {
  const { t, playlist, path, problems, timeZone } = props;
  const words = t.ui.signage;
  const [kind, setKind] = useState<PlaylistItemKind>('text');
  const [fileId, setFileId] = useState('');
  const files = isMediaKind(kind) ? props.media.filter((file) => file.kind === kind) : [];
  const file = files.find((each) => String(each.id) === fileId) ?? files[0];
  const [hallId, setHallId] = useState('');
  const hall = props.halls.find((each) => String(each.id) === hallId) ?? props.halls[0];

  const add = async () => {
    const id = unusedId(
      kind,
      playlist.map((item) => item.id),
    );
    const item = newItem(kind, id, file && mediaRefOf(file), hall?.id);
    if (!item) return;
    if (item.kind === 'video') item.lengthSec = (await videoLengthSec(item.media.sha256)) ?? item.lengthSec;
    props.onChange([...playlist, item]);
  };

  const adder = (
    <div class="row wrap">
      <label class="field">
        <span class="muted">{words.itemKind}</span>
        <select
          name="itemKind"
          value={kind}
          onChange={(e) => setKind((e.target as HTMLSelectElement).value as PlaylistItemKind)}
        >
          {ITEM_KINDS.map((each) => (
            <option key={each} value={each}>
              {words.itemKinds[each]}
            </option>
          ))}
        </select>
      </label>
      {isMediaKind(kind) && files.length > 0 && (
        <label class="field">
          <span class="muted">{words.file}</span>
          <select
            name="itemFile"
            value={file ? String(file.id) : ''}
            onChange={(e) => setFileId((e.target as HTMLSelectElement).value)}
          >
            {files.map((each) => (
              <option key={each.id} value={String(each.id)}>
                {each.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'queue-calls' && props.halls.length > 0 && (
        <label class="field">
          <span class="muted">{words.hall}</span>
          <select
            name="itemHall"
            value={hall ? String(hall.id) : ''}
            onChange={(e) => setHallId((e.target as HTMLSelectElement).value)}
          >
            {props.halls.map((each) => (
              <option key={each.id} value={String(each.id)}>
                {each.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {isMediaKind(kind) && files.length === 0 ? (
        <span class="muted">{words.noFiles(words.itemKinds[kind])}</span>
      ) : kind === 'queue-calls' && props.halls.length === 0 ? (
        <span class="muted">{words.noHalls}</span>
      ) : (
        <button type="button" onClick={() => void add()}>
          {words.addItem}
        </button>
      )}
    </div>
  );

  return (
    <RowList
      t={t}
      legend={words.playlistOf(props.zoneId)}
      path={path}
      rows={playlist}
      keyOf={(item) => item.id}
      problems={problems}
      add={adder}
      onChange={props.onChange}
      draggable
      row={(item, index, update) => (
        <ItemFields
          t={t}
          item={item}
          n={index + 1}
          path={`${path}/${index}`}
          problems={problems}
          media={props.media}
          notices={props.notices}
          halls={props.halls}
          timeZone={timeZone}
          // Each kind's fields belong to that kind; a partial change of the same item keeps its kind.
          update={(changed) => update(changed as Partial<PlaylistItem>)}
        />
      )}
    />
  );
}

type ItemChange = { [K in PlaylistItem as K['kind']]: Partial<K> }[PlaylistItemKind];

/** One item's fields: what it plays, its time on screen, validity and transition. */
function ItemFields(props: {
  t: AdminStrings;
  item: PlaylistItem;
  n: number;
  path: string;
  problems: FieldErrors;
  media: readonly MediaItem[];
  notices: readonly NoticeView[];
  halls: readonly QueueHall[];
  timeZone: string;
  update: (changed: ItemChange) => void;
}) {
  const { t, item, n, path, problems, update, timeZone } = props;
  const words = t.ui.signage;
  const cell = (
    label: string,
    field: string,
    value: string,
    onInput: (value: string) => void,
    options: { wide?: boolean; type?: 'text' | 'number' | 'url' | 'datetime-local' } = {},
  ) => (
    <RowCell
      t={t}
      label={label}
      n={n}
      path={`${path}/${field}`}
      value={value}
      problems={problems}
      onInput={onInput}
      {...options}
    />
  );
  const choice = (
    label: string,
    field: string,
    value: string,
    choices: readonly { value: string; label: string }[],
    onChange: (value: string) => void,
  ) => (
    <div class="field">
      <label class="field">
        <span class="muted">{label}</span>
        <select
          name={`${path}/${field}`}
          aria-label={t.ui.rowLabel(label, n)}
          value={value}
          onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
          {...problems.control(`${path}/${field}`, true)}
        >
          {choices.map((each) => (
            <option key={each.value} value={each.value}>
              {each.label}
            </option>
          ))}
        </select>
      </label>
      {problems.note(`${path}/${field}`, true)}
    </div>
  );
  const seconds = (field: 'durationSec', value: number) =>
    cell(words.durationSec, field, String(value), (typed) => update({ [field]: wholeNumber(typed, value) }), {
      type: 'number',
    });
  const validity = (field: 'validFrom' | 'validUntil') =>
    cell(
      words[field],
      field,
      item[field] ? wallTimeInput(Date.parse(item[field]), timeZone) : '',
      (typed) => {
        const instant = instantOfWallTime(typed, timeZone);
        update({ [field]: instant === null ? undefined : new Date(instant).toISOString() });
      },
      { type: 'datetime-local' },
    );
  const fileChoice = (kind: 'image' | 'video' | 'pdf', current: string) =>
    choice(
      words.file,
      'media',
      current,
      props.media
        .filter((file) => file.kind === kind)
        .map((file) => ({ value: file.sha256, label: file.name }))
        // A file no longer listed (deleted, or beyond the first page) still shows as chosen.
        .concat(props.media.some((file) => file.sha256 === current) ? [] : [{ value: current, label: current }]),
      (sha256) => {
        const file = props.media.find((each) => each.sha256 === sha256);
        if (file) update({ media: mediaRefOf(file) });
      },
    );

  const own = (() => {
    switch (item.kind) {
      case 'image':
        return [fileChoice('image', item.media.sha256), seconds('durationSec', item.durationSec)];
      case 'video':
        return [
          fileChoice('video', item.media.sha256),
          cell(words.lengthSec, 'lengthSec', String(item.lengthSec), (typed) =>
            update({ lengthSec: Number(typed) || item.lengthSec }),
          ),
          cell(
            words.videoDurationSec,
            'durationSec',
            item.durationSec === undefined ? '' : String(item.durationSec),
            (typed) => update({ durationSec: /^\d+$/.test(typed) ? Number(typed) : undefined }),
            { type: 'number' },
          ),
        ];
      case 'pdf':
        return [
          fileChoice('pdf', item.media.sha256),
          cell(words.pageCount, 'pageCount', String(item.pageCount), (typed) =>
            update({ pageCount: wholeNumber(typed, item.pageCount) }),
          ),
          cell(words.pageSec, 'pageSec', String(item.pageSec), (typed) =>
            update({ pageSec: wholeNumber(typed, item.pageSec) }),
          ),
        ];
      case 'notice':
        return [
          choice(
            words.notice,
            'noticeId',
            item.noticeId,
            [{ value: '', label: words.chooseNotice }].concat(
              props.notices.map((notice) => ({ value: notice.id, label: notice.title })),
            ),
            (noticeId) => update({ noticeId }),
          ),
          seconds('durationSec', item.durationSec),
        ];
      case 'web':
        return [
          cell(words.url, 'url', item.url, (url) => update({ url }), { wide: true, type: 'url' }),
          seconds('durationSec', item.durationSec),
        ];
      case 'clock':
        return [
          choice(
            words.clockShow,
            'show',
            item.show,
            (['time', 'date', 'date-time'] as const).map((value) => ({ value, label: words.clockShows[value] })),
            (show) => update({ show: show as typeof item.show }),
          ),
          seconds('durationSec', item.durationSec),
        ];
      case 'text':
      case 'ticker':
        return [
          cell(item.kind === 'ticker' ? words.tickerText : words.text, 'text', item.text, (text) => update({ text }), {
            wide: true,
          }),
          seconds('durationSec', item.durationSec),
        ];
      case 'queue-calls':
        return [
          choice(
            words.hall,
            'hallId',
            String(item.hallId),
            props.halls
              .map((hall) => ({ value: String(hall.id), label: hall.name }))
              // A hall the editor does not see (outside their subtree, or removed) still shows as chosen.
              .concat(
                props.halls.some((hall) => hall.id === item.hallId)
                  ? []
                  : [{ value: String(item.hallId), label: words.hallNumber(item.hallId) }],
              ),
            (chosen) => update({ hallId: Number(chosen) }),
          ),
          <label class="inline">
            <input
              type="checkbox"
              name={`${path}/announce`}
              aria-label={t.ui.rowLabel(words.announce, n)}
              checked={item.announce}
              onChange={(e) => update({ announce: (e.target as HTMLInputElement).checked })}
            />
            {words.announce}
          </label>,
          seconds('durationSec', item.durationSec),
        ];
    }
  })();
  return (
    <>
      <strong class="item-kind">{words.itemKinds[item.kind]}</strong>
      {own}
      {validity('validFrom')}
      {validity('validUntil')}
      {choice(
        words.transition,
        'transition',
        item.transition ?? 'none',
        TRANSITIONS.map((value) => ({ value, label: words.transitions[value] })),
        (transition) => update({ transition: transition as PlaylistItem['transition'] }),
      )}
    </>
  );
}
