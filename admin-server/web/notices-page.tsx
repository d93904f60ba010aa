/** Notices: the list with their review state, writing and editing, review by a second person (the notice in full, its changes against the live one), history with a diff and rollback. */
import { useEffect, useState } from 'preact/hooks';
import {
  NOTICE_KIND_NAMES,
  NOTICE_STATES,
  type Locale,
  type NoticeInput,
  type NoticeList,
  type NoticeView,
  type OrgTree,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { noticeText } from './content-text';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { NoticeEditor } from './notice-editor';
import { inOwnSubtree } from './org-tree';
import { PAGE_SIZE, Pager } from './pager';
import { ReviewPanel } from './review-panel';
import { VersionHistory } from './version-history';

export function NoticesPage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t, session } = props;
  const [state, setState] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<NoticeList | null>(null);
  const [editing, setEditing] = useState<NoticeView | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<NoticeView | null>(null);
  const [reviewOf, setReviewOf] = useState<NoticeView | null>(null);
  const text = (version: NoticeInput) => noticeText(t, props.locale, version);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  useEffect(
    () => void api.listNotices({ state, q: query.trim(), offset, limit: PAGE_SIZE }).then(setList, setError),
    [state, query, offset, revision],
  );
  const can = (permission: string) => session.permissions.includes(permission);

  if (editing) {
    return (
      <NoticeEditor
        t={t}
        locale={props.locale}
        tree={props.tree}
        notice={editing === 'new' ? undefined : editing}
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
        <input
          type="search"
          aria-label={t.searchNotices}
          placeholder={t.searchNotices}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <select
          aria-label={t.state}
          value={state}
          onChange={(e) => {
            setState((e.target as HTMLSelectElement).value);
            setOffset(0);
          }}
        >
          <option value="">{t.allStates}</option>
          {NOTICE_STATES.map((value) => (
            <option key={value} value={value}>
              {t.reviewStates[value]}
            </option>
          ))}
        </select>
        {can('content.edit') && (
          <button class="primary" onClick={() => setEditing('new')}>
            {t.newNotice}
          </button>
        )}
      </div>
      {feedback}
      {historyOf && (
        <VersionHistory
          t={t}
          itemId={historyOf.id}
          title={historyOf.title}
          currentVersion={historyOf.version}
          load={() => api.noticeHistory(historyOf.id)}
          text={text}
          onClose={() => setHistoryOf(null)}
          onRollback={(version) =>
            void act(async () => {
              await api.rollbackNotice(historyOf.id, version);
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
          load={() => api.noticeHistory(reviewOf.id)}
          text={text}
          decide={(version, approve, comment) =>
            act(() =>
              api
                .reviewNotice(reviewOf.id, version, approve, comment)
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
        <>
          <table class="notices">
            <thead>
              <tr>
                <th>{t.noticeTitle}</th>
                <th>{t.noticeKind}</th>
                <th>{t.state}</th>
                <th>{t.version}</th>
                <th>{t.noticeWindow}</th>
                <th>{t.updatedAt}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.notices.map((notice) => {
                const mine = inOwnSubtree(props.tree, notice.orgId);
                const mayReview = can('content.review') && notice.editor !== session.username && mine;
                return (
                  <tr key={notice.id} data-notice-id={notice.id}>
                    <td>
                      <strong>{notice.title}</strong>
                      <div class="muted">{t.writtenBy(notice.author, notice.editor)}</div>
                      {notice.reviewComment && (
                        <div class="muted">
                          {t.reviewComment}: {notice.reviewComment}
                        </div>
                      )}
                    </td>
                    <td>{NOTICE_KIND_NAMES[props.locale][notice.kind]}</td>
                    <td class={notice.state === 'in-review' ? 'warn' : ''}>
                      {t.reviewStates[notice.state]}
                      {notice.liveVersion !== null && notice.state !== 'approved' && (
                        <div class="muted">{t.liveVersion(notice.liveVersion)}</div>
                      )}
                    </td>
                    <td>v{notice.version}</td>
                    <td>
                      {notice.publishAt?.slice(0, 16).replace('T', ' ') ?? t.onApproval} –{' '}
                      {notice.expireAt?.slice(0, 16).replace('T', ' ') ?? t.noExpiry}
                    </td>
                    <td>{notice.updatedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td class="actions">
                      {mine && can('content.edit') && <button onClick={() => setEditing(notice)}>{t.edit}</button>}
                      {mine && can('content.edit') && notice.state === 'draft' && (
                        <button onClick={() => act(() => api.submitNotice(notice.id).then(() => t.submitted))}>
                          {t.submitForReview}
                        </button>
                      )}
                      {mayReview && notice.state === 'in-review' && (
                        <button class="primary" onClick={() => setReviewOf(notice)}>
                          {t.ui.review}
                        </button>
                      )}
                      {mine && can('content.review') && notice.liveVersion !== null && (
                        <button
                          onClick={() =>
                            confirm(t.confirmWithdraw(notice.title)) &&
                            act(() => api.withdrawNotice(notice.id).then(() => t.withdrawnMessage))
                          }
                        >
                          {t.withdraw}
                        </button>
                      )}
                      <button onClick={() => setHistoryOf(notice)}>{t.history}</button>
                      {mine && can('content.edit') && (
                        <button
                          class="danger"
                          onClick={() =>
                            confirm(t.confirmDelete(notice.title)) && act(() => api.deleteNotice(notice.id))
                          }
                        >
                          {t.remove}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
