/**
 * 信息发布: signage publications with their review state, targets and last change; writing and
 * editing (the layout designer, playlists, the schedule and the player's preview); review by a
 * second person, withdrawal, and history with a diff and rollback, as notices have them; and
 * 播放记录, what played where (for those who may see the screens).
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceGroup, Locale, NoticeView, OrgTree, SessionView, SignageList, SignageView } from '@linli/protocol';
import { api } from './api';
import { useApprovalDialogs } from './approval-dialogs';
import { ContentFilters, useContentFilter } from './content-filters';
import { signageText } from './content-text';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { PAGE_SIZE, Pager } from './pager';
import { ProofOfPlayReport } from './proof-of-play-report';
import { ApprovalActions, ReviewStateCell } from './review-actions';
import { SignageEditor } from './signage-editor';
import { orientationOf } from './signage-draft';

/** Where a publication goes, in names: the nodes and groups it names, or its own node's whole subtree. */
function targetsWords(t: AdminStrings, tree: OrgTree, groups: readonly DeviceGroup[], item: SignageView): string {
  const nodeName = (id: number) => tree.nodes.find((node) => node.id === id)?.name ?? `#${id}`;
  const named = [
    ...item.targets.orgIds.map(nodeName),
    ...item.targets.groupIds.map(
      (id) => `${t.deviceGroup}: ${groups.find((group) => group.id === id)?.name ?? `#${id}`}`,
    ),
  ];
  return named.length > 0 ? named.join(t.ui.signage.listSeparator) : t.ui.signage.wholeSubtree(nodeName(item.orgId));
}

export function SignagePage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t, tree, session } = props;
  const words = t.ui.signage;
  const [filter, setFilter] = useContentFilter();
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<SignageList | null>(null);
  const [editing, setEditing] = useState<SignageView | 'new' | null>(null);
  const [showingPlays, setShowingPlays] = useState(false);
  const [groups, setGroups] = useState<DeviceGroup[]>([]);
  const [notices, setNotices] = useState<NoticeView[]>([]);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  const noticeTitle = (id: string) => notices.find((notice) => notice.id === id)?.title ?? id;
  const { dialogs, openHistory, openReview } = useApprovalDialogs({
    t,
    steps: api.signage,
    text: (version) => signageText(t, version, noticeTitle),
    act,
    reload,
  });
  useEffect(
    () =>
      void api
        .listSignage({ state: filter.state, q: filter.q.trim(), offset, limit: PAGE_SIZE })
        .then(setList, setError),
    [filter, offset, revision],
  );
  useEffect(() => {
    void api.deviceGroups().then(
      (loaded) => setGroups(loaded.groups),
      () => setGroups([]),
    );
    // Notice items may show the notices devices have: those with a live version.
    void api.listNotices({ limit: 200 }).then(
      (loaded) => setNotices(loaded.notices.filter((notice) => notice.liveVersion !== null)),
      () => setNotices([]),
    );
  }, []);

  if (showingPlays) {
    return <ProofOfPlayReport t={t} tree={tree} noticeTitle={noticeTitle} onBack={() => setShowingPlays(false)} />;
  }
  if (editing) {
    return (
      <SignageEditor
        t={t}
        tree={tree}
        publication={editing === 'new' ? undefined : editing}
        notices={notices}
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
          searchLabel={words.search}
          filter={filter}
          withCategory={false}
          onChange={(changed) => {
            setFilter(changed);
            setOffset(0);
          }}
        />
        {session.permissions.includes('content.edit') && (
          <button class="primary" onClick={() => setEditing('new')}>
            {words.newPublication}
          </button>
        )}
        {/* The report reads the screens, as the devices page does. */}
        {session.permissions.includes('device.view') && (
          <button onClick={() => setShowingPlays(true)}>{words.plays.open}</button>
        )}
      </div>
      {feedback}
      {dialogs}
      {list && (
        <>
          <table class="signage">
            <thead>
              <tr>
                <th>{words.publicationTitle}</th>
                <th>{words.orientation}</th>
                <th>{t.targets}</th>
                <th>{t.state}</th>
                <th>{t.version}</th>
                <th>{t.updatedAt}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.publications.map((item) => (
                <tr key={item.id} data-signage-id={item.id}>
                  <td>
                    <strong>{item.title}</strong>
                    <div class="muted">{t.writtenBy(item.author, item.editor)}</div>
                    {item.reviewComment && (
                      <div class="muted">
                        {t.reviewComment}: {item.reviewComment}
                      </div>
                    )}
                  </td>
                  <td>{words.orientations[orientationOf(item.schedule)]}</td>
                  <td>{targetsWords(t, tree, groups, item)}</td>
                  <ReviewStateCell t={t} item={item} />
                  <td>v{item.version}</td>
                  <td>{item.updatedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td class="actions">
                    <ApprovalActions
                      t={t}
                      tree={tree}
                      session={session}
                      item={item}
                      steps={api.signage}
                      act={act}
                      onEdit={() => setEditing(item)}
                      onHistory={() => openHistory(item)}
                      onReview={() => openReview(item)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.publications.length === 0 && <p class="muted">{words.nothingYet}</p>}
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
