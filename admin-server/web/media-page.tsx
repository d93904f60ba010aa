/** The media library: upload images, videos and PDFs with a progress bar each into a category, browse by kind and category with previews, re-file, remove. */
import { useEffect, useState } from 'preact/hooks';
import { MEDIA_KINDS, type MediaList } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import { errorText, type AdminStrings } from './i18n';
import { PAGE_SIZE, Pager } from './pager';

type Upload = { name: string; fraction: number; error?: string };

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function MediaPage(props: { t: AdminStrings; canEdit: boolean }) {
  const { t } = props;
  const [kind, setKind] = useState('');
  const [category, setCategory] = useState('');
  const [uploadCategory, setUploadCategory] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<MediaList | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const { act, feedback, revision, setError, reload, setNotice } = useActions(t);
  useEffect(
    () => void api.listMedia({ kind, category, q: query.trim(), offset, limit: PAGE_SIZE }).then(setList, setError),
    [kind, category, query, offset, revision],
  );

  const choose = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    setUploads(files.map((file) => ({ name: file.name, fraction: 0 })));
    let duplicates = 0;
    // One at a time: a hall's uplink is shared with the kiosks it serves.
    for (const [index, file] of files.entries()) {
      const update = (change: Partial<Upload>) =>
        setUploads((current) => current.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
      try {
        const item = await api.uploadMedia(file, (fraction) => update({ fraction }), uploadCategory.trim());
        if (item.duplicate) duplicates++;
        update({ fraction: 1 });
      } catch (caught) {
        update({ error: errorText(t, caught) });
      }
    }
    setNotice(t.uploaded(files.length, duplicates));
    reload();
  };

  return (
    <section class="stack">
      <div class="toolbar">
        <input
          type="search"
          aria-label={t.searchMedia}
          placeholder={t.searchMedia}
          value={query}
          onInput={(e) => {
            setQuery((e.target as HTMLInputElement).value);
            setOffset(0);
          }}
        />
        <select
          aria-label={t.mediaKind}
          value={kind}
          onChange={(e) => {
            setKind((e.target as HTMLSelectElement).value);
            setOffset(0);
          }}
        >
          <option value="">{t.allKinds}</option>
          {MEDIA_KINDS.map((value) => (
            <option key={value} value={value}>
              {t.mediaKinds[value]}
            </option>
          ))}
        </select>
        <select
          aria-label={t.mediaCategory}
          value={category}
          onChange={(e) => {
            setCategory((e.target as HTMLSelectElement).value);
            setOffset(0);
          }}
        >
          <option value="">{t.allMediaCategories}</option>
          {list?.categories.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        {props.canEdit && (
          <input
            aria-label={t.uploadCategory}
            placeholder={t.uploadCategory}
            list="media-categories"
            maxLength={20}
            value={uploadCategory}
            onInput={(e) => setUploadCategory((e.target as HTMLInputElement).value)}
          />
        )}
        {props.canEdit && (
          <label class="button primary">
            {t.uploadMedia}
            <input
              type="file"
              multiple
              accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,video/mp4,video/webm"
              hidden
              onChange={choose}
            />
          </label>
        )}
      </div>
      <p class="muted">{t.mediaRules}</p>
      {uploads.length > 0 && (
        <ul class="uploads">
          {uploads.map((entry, index) => (
            <li key={index}>
              <span>{entry.name}</span>
              {entry.error ? (
                <span class="field-error" role="alert">
                  {entry.error}
                </span>
              ) : (
                <progress aria-label={entry.name} max={1} value={entry.fraction} />
              )}
            </li>
          ))}
        </ul>
      )}
      {feedback}
      <datalist id="media-categories">
        {list?.categories.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {list && (
        <>
          <div class="media-grid">
            {list.items.map((item) => (
              <figure key={item.id} class="media-card" data-sha={item.sha256}>
                {item.thumbnail ? (
                  <img src={`/media/${item.sha256}/thumbnail`} alt={item.name} loading="lazy" />
                ) : (
                  <div class="media-icon" aria-hidden="true">
                    {item.kind === 'pdf' ? 'PDF' : '▶'}
                  </div>
                )}
                <figcaption>
                  <a href={`/media/${item.sha256}`} target="_blank" rel="noopener">
                    {item.name}
                  </a>
                  <div class="muted">
                    {t.mediaKinds[item.kind]} · {size(item.bytes)}
                    {item.width ? ` · ${item.width}×${item.height}` : ''}
                  </div>
                  <div class="muted">
                    {item.uploadedBy} · {item.uploadedAt.slice(0, 10)}
                  </div>
                  {props.canEdit ? (
                    <input
                      class="media-category"
                      aria-label={`${t.mediaCategory}: ${item.name}`}
                      list="media-categories"
                      maxLength={20}
                      defaultValue={item.category}
                      placeholder={t.noCategory}
                      onChange={(e) =>
                        act(() =>
                          api
                            .setMediaCategory(item.id, (e.target as HTMLInputElement).value)
                            .then(() => t.categorySaved),
                        )
                      }
                    />
                  ) : (
                    item.category && <div class="muted">{item.category}</div>
                  )}
                  {props.canEdit && (
                    <button
                      class="danger"
                      onClick={() => confirm(t.confirmDelete(item.name)) && act(() => api.deleteMedia(item.id))}
                    >
                      {t.remove}
                    </button>
                  )}
                </figcaption>
              </figure>
            ))}
          </div>
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
