/** The guide list: search and filters, editing, review (submit, approve, send back), publish/unpublish, history with a diff and rollback, delete, import and export. */
import { useEffect, useState } from 'preact/hooks';
import { GUIDE_CATEGORIES, GUIDE_CATEGORY_NAMES, LinliError, REVIEW_STATES, type GuideListItem, type Locale, type SessionView } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import { GuideEditor, loadEditorFields } from './guide-editor';
import { guideText, type GuideFormFields } from './guide-form';
import type { AdminStrings } from './i18n';
import { VersionHistory } from './version-history';

type Editing = { isNew: true } | { isNew: false; fields: GuideFormFields } | null;

export function GuidesPage(props: { t: AdminStrings; locale: Locale; session: SessionView }) {
  const { t } = props;
  const can = (permission: string) => props.session.permissions.includes(permission);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [state, setState] = useState('');
  const [guides, setGuides] = useState<GuideListItem[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [historyOf, setHistoryOf] = useState<GuideListItem | null>(null);
  const { act, feedback, revision, setNotice, setError, reload } = useActions();

  useEffect(() => {
    void api.listGuides({ q: query.trim(), category, state }).then((list) => setGuides(list.guides), setError);
  }, [query, category, state, revision]);

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
        mayPublish={can('content.review')}
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
        <select aria-label={t.state} value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
          <option value="">{t.allStates}</option>
          {REVIEW_STATES.map((value) => <option key={value} value={value}>{t.reviewStates[value]}</option>)}
        </select>
        {can('content.edit') && <button class="primary" onClick={() => setEditing({ isNew: true })}>{t.newGuide}</button>}
        <label class="button">{t.importFile}<input type="file" accept="application/json,.json" hidden onChange={importFile} /></label>
        <a class="button" href="/api/v1/admin/guides/export" download="linli-guides.json">{t.exportFile}</a>
      </div>
      {feedback}
      {historyOf && (
        <VersionHistory
          t={t} itemId={historyOf.id} title={historyOf.title} currentVersion={historyOf.version} load={() => api.guideHistory(historyOf.id)} text={(v) => guideText(v, { ...t, title: t.guideTitle })}
          onClose={() => setHistoryOf(null)} onRollback={(version) => void act(async () => { await api.rollbackGuide(historyOf.id, version); setHistoryOf(null); return t.rolledBack(version); })}
        />
      )}
      <p class="muted">{t.total(guides.length)}</p>
      <table class="guides">
        <thead><tr><th>{t.guideTitle}</th><th>{t.category}</th><th>{t.state}</th><th>{t.version}</th><th>{t.updatedAt}</th><th>{t.actions}</th></tr></thead>
        <tbody>
          {guides.map((guide) => (
            <tr key={guide.id} data-guide-id={guide.id}>
              <td><strong>{guide.title}</strong><div class="muted">{guide.id}</div></td>
              <td>{GUIDE_CATEGORY_NAMES[props.locale][guide.category]}</td>
              <td class={guide.state === 'in-review' ? 'warn' : ''}>{t.reviewStates[guide.state]}{guide.liveVersion !== null && guide.state !== 'approved' && <div class="muted">{t.liveVersion(guide.liveVersion)}</div>}</td>
              <td>v{guide.version}</td>
              <td>{guide.updatedAt.slice(0, 16).replace('T', ' ')}</td>
              <td class="actions">
                {can('content.edit') && <button onClick={() => act(async () => setEditing({ isNew: false, fields: await loadEditorFields(guide.id) }))}>{t.edit}</button>}
                {can('content.edit') && guide.state === 'draft' && <button onClick={() => act(() => api.submitGuide(guide.id).then(() => t.submitted))}>{t.submitForReview}</button>}
                {can('content.review') && guide.state === 'in-review' && (
                  <>
                    <button class="primary" onClick={() => act(() => api.reviewGuide(guide.id, true).then(() => t.approvedMessage))}>{t.approve}</button>
                    <button onClick={() => { const comment = prompt(t.rejectReason); if (comment !== null) void act(() => api.reviewGuide(guide.id, false, comment).then(() => t.rejected)); }}>{t.reject}</button>
                  </>
                )}
                {can('content.review') && (guide.state === 'draft' || guide.state === 'withdrawn') && <button onClick={() => act(() => api.setPublished(guide.id, true))}>{t.publish}</button>}
                {can('content.review') && guide.published && <button onClick={() => act(() => api.setPublished(guide.id, false))}>{t.unpublish}</button>}
                <button onClick={() => setHistoryOf(guide)}>{t.history}</button>
                {can('content.edit') && <button class="danger" onClick={() => confirm(t.confirmDelete(guide.title)) && act(() => api.deleteGuide(guide.id))}>{t.remove}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
