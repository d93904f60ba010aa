/** Printable forms: the list with review state, writing and editing, review, publish, history with a diff and rollback. */
import { useEffect, useState } from 'preact/hooks';
import {
  GUIDE_CATEGORY_NAMES,
  type FormList,
  type FormInput,
  type FormView,
  type Locale,
  type OrgTree,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { ContentFilters, useContentFilter } from './content-filters';
import { useActions } from './feedback';
import { FormEditor } from './form-editor';
import type { AdminStrings } from './i18n';
import { formText } from './content-text';
import { ReviewRowCells } from './review-actions';
import { ReviewPanel } from './review-panel';
import { PAGE_SIZE, Pager } from './pager';
import { VersionHistory } from './version-history';

export function FormsPage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t } = props;
  const can = (permission: string) => props.session.permissions.includes(permission);
  const [filter, setFilter] = useContentFilter();
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<FormList | null>(null);
  const [editing, setEditing] = useState<FormView | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<FormView | null>(null);
  const [reviewOf, setReviewOf] = useState<FormView | null>(null);
  const text = (version: FormInput) => formText(t, props.locale, version);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  useEffect(
    () => void api.listForms({ ...filter, q: filter.q.trim(), offset, limit: PAGE_SIZE }).then(setList, setError),
    [filter, offset, revision],
  );

  if (editing) {
    return (
      <FormEditor
        t={t}
        locale={props.locale}
        tree={props.tree}
        form={editing === 'new' ? undefined : editing}
        mayPublish={can('content.review')}
        onDone={(message) => {
          setEditing(null);
          setNotice(message ?? '');
          reload();
        }}
      />
    );
  }
  return (
    <section class="stack">
      <div class="toolbar">
        <ContentFilters
          t={t}
          locale={props.locale}
          searchLabel={t.searchForms}
          filter={filter}
          onChange={(changed) => {
            setFilter(changed);
            setOffset(0);
          }}
        />
        {can('content.edit') && (
          <button class="primary" onClick={() => setEditing('new')}>
            {t.newForm}
          </button>
        )}
      </div>
      <p class="muted">{t.formsHint}</p>
      {feedback}
      {historyOf && (
        <VersionHistory
          t={t}
          itemId={historyOf.id}
          title={historyOf.title}
          currentVersion={historyOf.version}
          load={() => api.forms.history(historyOf.id)}
          text={text}
          onClose={() => setHistoryOf(null)}
          onRollback={(version) =>
            void act(async () => {
              await api.forms.rollback(historyOf.id, version);
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
          load={() => api.forms.history(reviewOf.id)}
          text={text}
          decide={(version, approve, comment) =>
            act(() =>
              api.forms
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
      {list && (
        <table class="forms">
          <thead>
            <tr>
              <th>{t.guideTitle}</th>
              <th>{t.category}</th>
              <th>{t.formFieldsHeading}</th>
              <th>{t.state}</th>
              <th>{t.version}</th>
              <th>{t.updatedAt}</th>
              <th>{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list.forms.map((form) => (
              <tr key={form.id} data-form-id={form.id}>
                <td>
                  <strong>{form.title}</strong>
                  <div class="muted">{form.id}</div>
                  {form.reviewComment && (
                    <div class="muted">
                      {t.reviewComment}: {form.reviewComment}
                    </div>
                  )}
                </td>
                <td>{GUIDE_CATEGORY_NAMES[props.locale][form.category]}</td>
                <td>{form.definition.fields.length}</td>
                <ReviewRowCells
                  t={t}
                  item={form}
                  can={can}
                  act={act}
                  steps={api.forms}
                  onEdit={() => setEditing(form)}
                  onHistory={() => setHistoryOf(form)}
                  onReview={() => setReviewOf(form)}
                />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />}
    </section>
  );
}
