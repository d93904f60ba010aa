/**
 * 电视频道: the channel line-up with each channel's review state and live stream; writing and
 * editing a channel (tv-channel-editor); review by a second person, withdrawal, history with a
 * diff and rollback, as signage has them; the addresses IPTV players subscribe to; and, for
 * reviewers, the line-up keys that open private channels to a platform.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  GuideListItem,
  IssuedKeyCreated,
  IssuedKeyView,
  Locale,
  NoticeView,
  OrgTree,
  SessionView,
  TvChannelList,
  TvChannelVersion,
  TvChannelView,
  TvStreamList,
  TvStreamStatus,
} from '@linli/protocol';
import { api } from './api';
import { useApprovalDialogs } from './approval-dialogs';
import { ContentFilters, useContentFilter } from './content-filters';
import { tvChannelText } from './content-text';
import { Field, useActions } from './feedback';
import { playLiveStream } from './live-stream';
import type { AdminStrings } from './i18n';
import { ownSubtree } from './org-tree';
import { PAGE_SIZE, Pager } from './pager';
import { ApprovalActions, ReviewStateCell } from './review-actions';
import { TvChannelEditor, freeNumber } from './tv-channel-editor';
import { TV_WORDS, type TvPageWords } from './tv-words';

/** Line-up keys of the user's subtree: issued for a node (the key shown once), revoked for good. */
function LineupKeys(props: { t: AdminStrings; words: TvPageWords; tree: OrgTree; session: SessionView }) {
  const { t, words, tree } = props;
  const [keys, setKeys] = useState<IssuedKeyView[]>([]);
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState(props.session.orgId);
  const [issued, setIssued] = useState<IssuedKeyCreated | null>(null);
  const { act, feedback, revision, setError } = useActions(t);
  useEffect(() => void api.tvFeedKeys().then((list) => setKeys(list.keys), setError), [revision]);
  const nodes = ownSubtree(tree).map(({ node }) => node);
  return (
    <section class="stack tv-keys">
      <h3>{words.keys}</h3>
      <p class="muted">{words.keysHint}</p>
      {feedback}
      {issued && (
        <p class="notice" role="status">
          {words.issued(issued.name)} <code data-issued-key>{issued.key}</code>
        </p>
      )}
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          void act(async () => {
            const created = await api.issueTvFeedKey({ name, orgId });
            setIssued(created);
            setName('');
            return '';
          });
        }}
      >
        <Field label={words.keyName}>
          <input
            name="key-name"
            required
            maxLength={60}
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
          />
        </Field>
        <Field label={words.keyOrg}>
          <select
            name="key-org"
            value={String(orgId)}
            onChange={(e) => setOrgId(Number((e.target as HTMLSelectElement).value))}
          >
            {nodes.map((node) => (
              <option key={node.id} value={String(node.id)}>
                {node.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">{words.issue}</button>
      </form>
      {keys.length === 0 ? (
        <p class="muted">{words.noKeys}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{words.keyName}</th>
              <th>{words.keyOrg}</th>
              <th>{t.updatedAt}</th>
              <th>{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} data-key-id={key.id}>
                <td>{key.name}</td>
                <td>{key.orgName}</td>
                <td>{key.createdAt.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  {key.revokedAt ? (
                    <span class="muted">{words.revoked}</span>
                  ) : (
                    <button
                      onClick={() =>
                        window.confirm(words.confirmRevoke(key.name)) &&
                        void act(() => api.revokeTvFeedKey(key.id).then(() => words.revoked))
                      }
                    >
                      {words.revoke}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** How often the streams' state is read again while the page is open. */
const STREAM_STATUS_MS = 5000;

/** The streams' state, read now and every few seconds while shown. */
function useStreams(): TvStreamList | null {
  const [streams, setStreams] = useState<TvStreamList | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      void api
        .tvStreams()
        .then(setStreams, () => setStreams(null))
        .finally(() => {
          if (!stopped) timer = setTimeout(read, STREAM_STATUS_MS);
        });
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  return streams;
}

function StreamCell(props: { words: TvPageWords; stream: TvStreamStatus | undefined; onPreview: () => void }) {
  const { words, stream } = props;
  if (!stream) return <td class="muted">{words.streamStates.none}</td>;
  return (
    <td data-stream-state={stream.state}>
      <strong>{words.streamStates[stream.state]}</strong>
      {stream.bitrate !== null && <div class="muted">{words.bitrate(Math.round(stream.bitrate / 1000))}</div>}
      {stream.lastError && (
        <div class="field-error">
          {words.lastError}: {stream.lastError.at.slice(11, 19)} {stream.lastError.itemId ?? ''}{' '}
          {stream.lastError.message}
        </div>
      )}
      {stream.segments > 0 && (
        <button type="button" onClick={props.onPreview}>
          {words.preview}
        </button>
      )}
    </td>
  );
}

/** The stream in a video element (hls.js, or the browser's own HLS), with its address to open elsewhere. */
function LivePreview(props: { words: TvPageWords; channel: TvChannelView; path: string; onClose: () => void }) {
  const { words, channel } = props;
  const video = useRef<HTMLVideoElement>(null);
  const [unplayable, setUnplayable] = useState(false);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let closed = false;
    void playLiveStream(video.current!, api.tvStreamUrl(props.path)).then(
      (stopIt) => (closed ? stopIt() : (stop = stopIt)),
      () => setUnplayable(true),
    );
    return () => {
      closed = true;
      stop?.();
    };
  }, [props.path]);
  return (
    <section class="tv-preview" aria-label={`${words.preview}：${channel.name}`}>
      <h3>
        {channel.number} {channel.name}
      </h3>
      <video ref={video} autoplay muted controls playsInline onError={() => setUnplayable(true)} />
      {unplayable && <p class="muted">{words.previewUnsupported}</p>}
      {/* Private channels' addresses carry a line-up key: the platform reads them from its M3U. */}
      {channel.public && (
        <p>
          <code>{`${window.location.origin}/tv/streams/${channel.id}/index.m3u8`}</code>
        </p>
      )}
      <button type="button" onClick={props.onClose}>
        {words.closePreview}
      </button>
    </section>
  );
}

export function TvChannelsPage(props: { t: AdminStrings; locale: Locale; tree: OrgTree; session: SessionView }) {
  const { t, tree, session } = props;
  const words = TV_WORDS[props.locale];
  const [filter, setFilter] = useContentFilter();
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<TvChannelList | null>(null);
  const [editing, setEditing] = useState<TvChannelView | 'new' | null>(null);
  const [notices, setNotices] = useState<NoticeView[]>([]);
  const [guides, setGuides] = useState<GuideListItem[]>([]);
  const [previewing, setPreviewing] = useState<TvChannelView | null>(null);
  const streams = useStreams();
  const streamOf = (id: string) => streams?.streams.find((stream) => stream.channelId === id);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  const names = (kind: 'notice' | 'guide', id: string) =>
    (kind === 'notice'
      ? notices.find((notice) => notice.id === id)?.title
      : guides.find((guide) => guide.id === id)?.title) ?? id;
  const { dialogs, openHistory, openReview } = useApprovalDialogs<TvChannelVersion & { title?: string }>({
    t,
    steps: api.tvChannels,
    text: (version) => tvChannelText(words, version, names),
    act,
    reload,
  });
  useEffect(
    () =>
      void api
        .listTvChannels({ state: filter.state, q: filter.q.trim(), offset, limit: PAGE_SIZE })
        .then(setList, setError),
    [filter, offset, revision],
  );
  useEffect(() => {
    // Channels show what boxes are sent: published notices and guides.
    void api.listNotices({ limit: 200 }).then(
      (loaded) => setNotices(loaded.notices.filter((notice) => notice.liveVersion !== null)),
      () => setNotices([]),
    );
    void api.listGuides({ limit: 200 }).then(
      (loaded) => setGuides(loaded.guides.filter((guide) => guide.liveVersion !== null)),
      () => setGuides([]),
    );
  }, []);

  if (editing) {
    return (
      <TvChannelEditor
        t={t}
        locale={props.locale}
        tree={tree}
        channel={editing === 'new' ? undefined : editing}
        nextNumber={freeNumber(list?.channels.map((channel) => channel.number) ?? [])}
        notices={notices}
        guides={guides}
        onDone={(message) => {
          setEditing(null);
          setNotice(message ?? '');
          reload();
        }}
      />
    );
  }
  const origin = window.location.origin;
  return (
    <section class="stack">
      <p class="muted">{words.hint}</p>
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
            {words.newChannel}
          </button>
        )}
      </div>
      {feedback}
      {dialogs}
      <section class="tv-subscribe">
        <h3>{words.subscribe}</h3>
        <p class="muted">{words.subscribeHint}</p>
        <ul>
          <li>
            {words.lineup}: <code>{`${origin}/tv/channels.m3u`}</code>
          </li>
          <li>
            {words.guide}: <code>{`${origin}/tv/xmltv.xml`}</code>
          </li>
        </ul>
      </section>
      {previewing && streamOf(previewing.id) && (
        <LivePreview
          words={words}
          channel={previewing}
          path={streamOf(previewing.id)!.path}
          onClose={() => setPreviewing(null)}
        />
      )}
      {list && (
        <>
          <table class="tv-channels">
            <thead>
              <tr>
                <th>{words.number}</th>
                <th>{words.name}</th>
                <th>{words.visibility}</th>
                <th>{words.stream}</th>
                <th>{t.state}</th>
                <th>{t.version}</th>
                <th>{t.updatedAt}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.channels.map((channel) => (
                <tr key={channel.id} data-channel-id={channel.id}>
                  <td class="tv-number">{channel.number}</td>
                  <td>
                    <strong>{channel.name}</strong>
                    {channel.group && <div class="muted">{channel.group}</div>}
                    <div class="muted">{t.writtenBy(channel.author, channel.editor)}</div>
                    {channel.reviewComment && (
                      <div class="muted">
                        {t.reviewComment}: {channel.reviewComment}
                      </div>
                    )}
                  </td>
                  <td>{channel.public ? words.isPublic : words.isPrivate}</td>
                  <StreamCell words={words} stream={streamOf(channel.id)} onPreview={() => setPreviewing(channel)} />
                  <ReviewStateCell t={t} item={channel} />
                  <td>v{channel.version}</td>
                  <td>{channel.updatedAt.slice(0, 16).replace('T', ' ')}</td>
                  <td class="actions">
                    <ApprovalActions
                      t={t}
                      tree={tree}
                      session={session}
                      item={{ ...channel, title: channel.name }}
                      steps={api.tvChannels}
                      act={act}
                      onEdit={() => setEditing(channel)}
                      onHistory={() => openHistory({ ...channel, title: channel.name })}
                      onReview={() => openReview({ ...channel, title: channel.name })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.channels.length === 0 && <p class="muted">{words.nothingYet}</p>}
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
      {session.permissions.includes('content.review') && (
        <LineupKeys t={t} words={words} tree={tree} session={session} />
      )}
    </section>
  );
}
