/**
 * The items a programme (or the filler) plays in order: videos and images from the media library,
 * published notices, published guides in the spotlight, a live HLS address, a text card; each
 * with its time on air (a video its own length), moved up or down or removed. Problems the server
 * finds show under the item's field.
 */
import { useState } from 'preact/hooks';
import type { GuideListItem, MediaItem, NoticeView, TvItem, TvItemKind } from '@linli/protocol';
import type { FieldErrors } from './feedback';
import type { TvPageWords } from './tv-words';

export const TV_ITEM_KINDS: readonly TvItemKind[] = ['video', 'image', 'notice', 'guide', 'live', 'card'];

/** A new item of `kind` with an id unused in `items`. */
export function newTvItem(kind: TvItemKind, items: readonly TvItem[]): TvItem {
  let n = items.length + 1;
  while (items.some((item) => item.id === `${kind}-${n}`)) n += 1;
  const id = `${kind}-${n}`;
  const noFile = { sha256: '', bytes: 0, mime: '', name: '' };
  switch (kind) {
    case 'video':
      return { id, kind, media: noFile, lengthSec: 30 };
    case 'image':
      return { id, kind, media: noFile, durationSec: 15 };
    case 'notice':
      return { id, kind, noticeId: '', durationSec: 20 };
    case 'guide':
      return { id, kind, guideId: '', durationSec: 30 };
    case 'live':
      return { id, kind, url: 'https://', durationSec: 600 };
    case 'card':
      return { id, kind, text: '', durationSec: 10 };
  }
}

const wholeNumber = (typed: string, before: number) => (/^\d+$/.test(typed) ? Number(typed) : before);
const value = (event: Event) => (event.target as HTMLInputElement).value;

export function TvItemsEditor(props: {
  words: TvPageWords;
  items: TvItem[];
  /** Where the list is in the channel, as error details name it (`programmes/0/items`, `filler`). */
  path: string;
  problems: FieldErrors;
  media: readonly MediaItem[];
  notices: readonly NoticeView[];
  guides: readonly GuideListItem[];
  onChange: (items: TvItem[]) => void;
}) {
  const { words, items, path, problems } = props;
  const [kind, setKind] = useState<TvItemKind>('video');
  const replace = (index: number, item: TvItem) =>
    props.onChange(items.map((each, at) => (at === index ? item : each)));
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    props.onChange(next);
  };
  const files = (mime: 'video' | 'image') => props.media.filter((item) => item.mime.startsWith(`${mime}/`));

  const control = (item: TvItem, index: number) => {
    const at = `${path}/${index}`;
    switch (item.kind) {
      case 'video':
      case 'image':
        return (
          <select
            aria-label={`${words.kinds[item.kind]} ${index + 1} ${words.file}`}
            value={item.media.sha256}
            onChange={(event) => {
              const file = props.media.find((each) => each.sha256 === value(event));
              if (file)
                replace(index, {
                  ...item,
                  media: { sha256: file.sha256, bytes: file.bytes, mime: file.mime, name: file.name },
                });
            }}
            {...problems.control(`${at}/media`, true)}
          >
            <option value="">{words.chooseFile}</option>
            {files(item.kind).map((file) => (
              <option key={file.sha256} value={file.sha256}>
                {file.name}
              </option>
            ))}
          </select>
        );
      case 'notice':
        return (
          <select
            aria-label={`${words.kinds.notice} ${index + 1}`}
            value={item.noticeId}
            onChange={(event) => replace(index, { ...item, noticeId: value(event) })}
            {...problems.control(`${at}/noticeId`)}
          >
            <option value="">{words.chooseNotice}</option>
            {props.notices.map((notice) => (
              <option key={notice.id} value={notice.id}>
                {notice.title}
              </option>
            ))}
          </select>
        );
      case 'guide':
        return (
          <select
            aria-label={`${words.kinds.guide} ${index + 1}`}
            value={item.guideId}
            onChange={(event) => replace(index, { ...item, guideId: value(event) })}
            {...problems.control(`${at}/guideId`)}
          >
            <option value="">{words.chooseGuide}</option>
            {props.guides.map((guide) => (
              <option key={guide.id} value={guide.id}>
                {guide.title}
              </option>
            ))}
          </select>
        );
      case 'live':
        return (
          <input
            aria-label={`${words.liveUrl} ${index + 1}`}
            type="url"
            value={item.url}
            onInput={(event) => replace(index, { ...item, url: value(event) })}
            {...problems.control(`${at}/url`)}
          />
        );
      case 'card':
        return (
          <input
            aria-label={`${words.cardText} ${index + 1}`}
            maxLength={200}
            value={item.text}
            onInput={(event) => replace(index, { ...item, text: value(event) })}
            {...problems.control(`${at}/text`)}
          />
        );
    }
  };

  return (
    <div class="tv-items">
      <ol>
        {items.map((item, index) => {
          const at = `${path}/${index}`;
          return (
            <li key={item.id} data-tv-item={item.id}>
              <span class="tv-item-kind">{words.kinds[item.kind]}</span>
              {control(item, index)}
              {item.kind === 'video' ? (
                <label>
                  {words.videoLength}
                  <input
                    class="seconds"
                    inputMode="decimal"
                    value={String(item.lengthSec)}
                    onInput={(event) => {
                      const typed = Number(value(event));
                      if (Number.isFinite(typed) && typed > 0) replace(index, { ...item, lengthSec: typed });
                    }}
                    {...problems.control(`${at}/lengthSec`)}
                  />
                </label>
              ) : (
                <label>
                  <input
                    class="seconds"
                    inputMode="numeric"
                    aria-label={`${words.kinds[item.kind]} ${index + 1} ${words.seconds}`}
                    value={String(item.durationSec)}
                    onInput={(event) =>
                      replace(index, { ...item, durationSec: wholeNumber(value(event), item.durationSec) })
                    }
                    {...problems.control(`${at}/durationSec`)}
                  />
                  {words.seconds}
                </label>
              )}
              <span class="row-buttons">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                  {words.moveUp}
                </button>
                <button type="button" disabled={index === items.length - 1} onClick={() => move(index, 1)}>
                  {words.moveDown}
                </button>
                <button type="button" onClick={() => props.onChange(items.filter((_, at) => at !== index))}>
                  {words.remove}
                </button>
              </span>
              {problems.note(at, true)}
            </li>
          );
        })}
      </ol>
      <div class="toolbar">
        <select aria-label={words.addItem} value={kind} onChange={(event) => setKind(value(event) as TvItemKind)}>
          {TV_ITEM_KINDS.map((each) => (
            <option key={each} value={each}>
              {words.kinds[each]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => props.onChange([...items, newTvItem(kind, items)])}>
          {words.addItem}
        </button>
      </div>
      {problems.note(path)}
    </div>
  );
}
