/** The guide list: search and filters, editing, review (submit, approve, send back), publish/unpublish, history with a diff and rollback, delete, import and export. */
import { useEffect, useState } from 'preact/hooks';
import {
  GUIDE_CATEGORY_NAMES,
  LinliError,
  type GuideInput,
  type GuideList,
  type GuideListItem,
  type Locale,
  type OrgTree,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { ContentFilters, useContentFilter } from './content-filters';
import { useActions } from './feedback';
import { GuideEditor, loadEditorFields } from './guide-editor';
import { guideText, type GuideFormFields } from './guide-form';
import type { AdminStrings } from './i18n';
import { ReviewRowCells } from './review-actions';
import { ReviewPanel } from './review-panel';
import { PAGE_SIZE, Pager } from './pager';
import { VersionHistory } from './version-history';

type Editing = { isNew: true } | { isNew: false; fields: GuideFormFields; version: number } | null;

export function GuidesPage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t } = props;
  const can = (permission: string) => props.session.permissions.includes(permission);
  const [filter, setFilter] = useContentFilter();
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<GuideList | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [historyOf, setHistoryOf] = useState<GuideListItem | null>(null);
  const [reviewOf, setReviewOf] = useState<GuideListItem | null>(null);
  const text = (v: GuideInput) => guideText(v, { ...t, title: t.guideTitle }, t.ui);
  const { act, feedback, revision, setNotice, setError, reload } = useActions(t);

  useEffect(() => {
    void api.listGuides({ ...filter, q: filter.q.trim(), offset, limit: PAGE_SIZE }).then(setList, setError);
  }, [filter, offset, revision]);

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
        tree={props.tree}
        isNew={editing.isNew}
        mayPublish={can('content.review')}
        initial={editing.isNew ? undefined : editing.fields}
        version={editing.isNew ? undefined : editing.version}
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
        <ContentFilters
          t={t}
          locale={props.locale}
          searchLabel={t.search}
          filter={filter}
          onChange={(changed) => {
            setFilter(changed);
            setOffset(0);
          }}
        />
        {can('content.edit') && (
          <button class="primary" onClick={() => setEditing({ isNew: true })}>
            {t.newGuide}
          </button>
        )}
        {can('content.review') && (
          // An import publishes what it brings, so it is for those who may publish.
          <label class="button">
            {t.importFile}
            <input type="file" accept="application/json,.json" hidden onChange={importFile} />
          </label>
        )}
        <a class="button" href="/api/v1/admin/guides/export" download="linli-guides.json">
          {t.exportFile}
        </a>
      </div>
      {feedback}
      {historyOf && (
        <VersionHistory
          t={t}
          itemId={historyOf.id}
          title={historyOf.title}
          currentVersion={historyOf.version}
          load={() => api.guides.history(historyOf.id)}
          text={text}
          onClose={() => setHistoryOf(null)}
          onRollback={(version) =>
            void act(async () => {
              await api.guides.rollback(historyOf.id, version);
              setHistoryOf(null);
              return t.rolledBack(version);
            })
          }
        />
      )}
      {reviewOf && (
        <ReviewPanel
          key={`${reviewOf.id}-${reviewOf.version}`}
          t={t}
          item={reviewOf}
          load={() => api.guides.history(reviewOf.id)}
          text={text}
          decide={(version, approve, comment) =>
            act(() =>
              api.guides
                .review(reviewOf.id, version, approve, comment)
                .then(() => (approve ? t.approvedMessage : t.rejected)),
            )
          }
          onClose={() => {
            setReviewOf(null);
            reload();
          }}
        />
      )}
      <table class="guides">
        <thead>
          <tr>
            <th>{t.guideTitle}</th>
            <th>{t.category}</th>
            <th>{t.state}</th>
            <th>{t.version}</th>
            <th>{t.updatedAt}</th>
            <th>{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {(list?.guides ?? []).map((guide) => (
            <tr key={guide.id} data-guide-id={guide.id}>
              <td>
                <strong>{guide.title}</strong>
                <div class="muted">{guide.id}</div>
                {guide.reviewComment && (
                  <div class="muted">
                    {t.reviewComment}: {guide.reviewComment}
                  </div>
                )}
              </td>
              <td>{GUIDE_CATEGORY_NAMES[props.locale][guide.category]}</td>
              <ReviewRowCells
                t={t}
                item={guide}
                can={can}
                act={act}
                steps={api.guides}
                onEdit={() => void act(async () => setEditing({ isNew: false, ...(await loadEditorFields(guide.id)) }))}
                onHistory={() => setHistoryOf(guide)}
                onReview={() => setReviewOf(guide)}
              />
            </tr>
          ))}
        </tbody>
      </table>
      {list && <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />}
    </section>
  );
}
