/** The guide list: search, publish/unpublish, edit, delete, import and export. */
import { useEffect, useState } from 'preact/hooks';
import { GUIDE_CATEGORIES, GUIDE_CATEGORY_NAMES, LinliError, type GuideListItem, type Locale } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import { GuideEditor, loadEditorFields } from './guide-editor';
import type { GuideFormFields } from './guide-form';
import type { AdminStrings } from './i18n';

type Editing = { isNew: true } | { isNew: false; fields: GuideFormFields } | null;

export function GuidesPage(props: { t: AdminStrings; locale: Locale }) {
  const { t } = props;
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [published, setPublished] = useState('');
  const [guides, setGuides] = useState<GuideListItem[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const { act, feedback, revision, setNotice, setError, reload } = useActions();

  useEffect(() => {
    void api.listGuides({ q: query.trim(), category, published }).then((list) => setGuides(list.guides), setError);
  }, [query, category, published, revision]);

  const importFile = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    // A district-wide file can hold thousands of guides; say that work is under way.
    setNotice(t.importing);
    await act(async () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new LinliError('IMPORT_INVALID', `${file.name}: not JSON`);
      }
      const reply = await api.importGuides(parsed);
      return t.imported(reply.created, reply.updated, reply.unchanged);
    });
  };

  if (editing) {
    return (
      <GuideEditor
        t={t}
        locale={props.locale}
        isNew={editing.isNew}
        initial={editing.isNew ? undefined : editing.fields}
        onDone={(message) => {
          setEditing(null);
          setNotice(message ?? '');
          reload();
        }}
      />
    );
  }
  return (
    <section>
      <div class="toolbar">
        <input type="search" aria-label={t.search} placeholder={t.search} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        <select aria-label={t.category} value={category} onChange={(e) => setCategory((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allCategories}</option>
          {GUIDE_CATEGORIES.map((c) => <option key={c} value={c}>{GUIDE_CATEGORY_NAMES[props.locale][c]}</option>)}
        </select>
        <select aria-label={t.state} value={published} onChange={(e) => setPublished((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allStates}</option>
          <option value="true">{t.published}</option>
          <option value="false">{t.draft}</option>
        </select>
        <button class="primary" onClick={() => setEditing({ isNew: true })}>{t.newGuide}</button>
        <label class="button">{t.importFile}<input type="file" accept="application/json,.json" hidden onChange={importFile} /></label>
        <a class="button" href="/api/v1/admin/guides/export" download="linli-guides.json">{t.exportFile}</a>
      </div>
      {feedback}
      <p class="muted">{t.total(guides.length)}</p>
      <table class="guides">
        <thead><tr><th>{t.guideTitle}</th><th>{t.category}</th><th>{t.state}</th><th>{t.version}</th><th>{t.updatedAt}</th><th>{t.actions}</th></tr></thead>
        <tbody>
          {guides.map((guide) => (
            <tr key={guide.id} data-guide-id={guide.id}>
              <td><strong>{guide.title}</strong><div class="muted">{guide.id}</div></td>
              <td>{GUIDE_CATEGORY_NAMES[props.locale][guide.category]}</td>
              <td>{guide.published ? t.published : t.draft}</td>
              <td>{guide.version}</td>
              <td>{guide.updatedAt.slice(0, 16).replace('T', ' ')}</td>
              <td class="actions">
                <button onClick={() => act(async () => setEditing({ isNew: false, fields: await loadEditorFields(guide.id) }))}>{t.edit}</button>
                <button onClick={() => act(() => api.setPublished(guide.id, !guide.published))}>{guide.published ? t.unpublish : t.publish}</button>
                <button class="danger" onClick={() => confirm(t.confirmDelete(guide.title)) && act(() => api.deleteGuide(guide.id))}>{t.remove}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
