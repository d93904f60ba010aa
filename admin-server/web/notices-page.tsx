/** Notices: the list with their review state, writing and editing, review by a second person (the notice in full, its changes against the live one), history with a diff and rollback. */
import { useEffect, useState } from 'preact/hooks';
import {
  NOTICE_KIND_NAMES,
  type Locale,
  type NoticeInput,
  type NoticeList,
  type NoticeView,
  type OrgTree,
  type SessionView,
} from '@linli/protocol';
import { api } from './api';
import { useApprovalDialogs } from './approval-dialogs';
import { ContentFilters, useContentFilter } from './content-filters';
import { noticeText } from './content-text';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { NoticeEditor } from './notice-editor';
import { PAGE_SIZE, Pager } from './pager';
import { ApprovalActions, ReviewStateCell } from './review-actions';

export function NoticesPage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t, session } = props;
  const [filter, setFilter] = useContentFilter();
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<NoticeList | null>(null);
  const [editing, setEditing] = useState<NoticeView | 'new' | null>(null);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  const { dialogs, openHistory, openReview } = useApprovalDialogs({
    t,
    steps: api.notices,
    text: (version: NoticeInput) => noticeText(t, props.locale, version),
    act,
    reload,
  });
  useEffect(
    () =>
      void api
        .listNotices({ state: filter.state, q: filter.q.trim(), offset, limit: PAGE_SIZE })
        .then(setList, setError),
    [filter, offset, revision],
  );

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
        <ContentFilters
          t={t}
          locale={props.locale}
          searchLabel={t.searchNotices}
          filter={filter}
          withCategory={false}
          onChange={(changed) => {
            setFilter(changed);
            setOffset(0);
          }}
        />
        {session.permissions.includes('content.edit') && (
          <button class="primary" onClick={() => setEditing('new')}>
            {t.newNotice}
          </button>
        )}
      </div>
      {feedback}
      {dialogs}
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
              {list.notices.map((notice) => (
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
                  <ReviewStateCell t={t} item={notice} />
                  <td>v{notice.version}</td>
                  <td>
                    {notice.publishAt?.slice(0, 16).replace('T', ' ') ?? t.onApproval} –{' '}
                    {notice.expireAt?.slice(0, 16).replace('T', ' ') ?? t.noExpiry}
                  </td>
                  <td>{notice.updatedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td class="actions">
                    <ApprovalActions
                      t={t}
                      tree={props.tree}
                      session={session}
                      item={notice}
                      steps={api.notices}
                      act={act}
                      onEdit={() => setEditing(notice)}
                      onHistory={() => openHistory(notice)}
                      onReview={() => openReview(notice)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
