/**
 * 预警信息源 (system administrators): the offices that may push CAP alerts, or publish a feed the
 * server polls (订阅地址, set when adding one or later). Adding one shows its key this once, with
 * how to push; the list shows each feed, its last poll and its last error in words; revoking stops
 * the key, and the feed, at once.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  ALERT_FEED_POLL_SEC,
  LinliError,
  isErrorCode,
  type AlertFeedView,
  type AlertSourceCreated,
  type AlertSourceView,
} from '@linli/protocol';
import { api } from './api';
import { localMinute } from './datetime-input';
import { Field, ErrorBox, fieldErrors, type FieldErrors, useActions } from './feedback';
import type { AdminStrings } from './i18n';

const asLinliError = (caught: unknown) =>
  caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));

/** The feed address and interval inputs, with the server's problems under each. */
function FeedFields(props: {
  t: AdminStrings;
  url: string;
  pollSec: string;
  onUrl: (url: string) => void;
  onPollSec: (pollSec: string) => void;
  problems: FieldErrors;
}) {
  const words = props.t.ui.alerts;
  return (
    <>
      <Field label={words.feedUrl} note={props.problems.note('feedUrl')}>
        <input
          name="feedUrl"
          type="url"
          maxLength={2000}
          placeholder="https://"
          value={props.url}
          onInput={(e) => props.onUrl((e.target as HTMLInputElement).value)}
          {...props.problems.control('feedUrl')}
        />
      </Field>
      <Field label={words.pollSec} note={props.problems.note('pollSec')}>
        <input
          name="pollSec"
          type="number"
          min={ALERT_FEED_POLL_SEC.min}
          max={ALERT_FEED_POLL_SEC.max}
          step={1}
          placeholder={String(ALERT_FEED_POLL_SEC.default)}
          value={props.pollSec}
          onInput={(e) => props.onPollSec((e.target as HTMLInputElement).value)}
          {...props.problems.control('pollSec')}
        />
      </Field>
    </>
  );
}

/** The interval as typed: none when left empty (the server's default, or the one set before). */
const pollSecOf = (text: string) => (text.trim() === '' ? {} : { pollSec: Number(text) });

/** Sets or changes an existing source's feed. */
function FeedForm(props: { t: AdminStrings; source: AlertSourceView; onSaved: () => void; onCancel: () => void }) {
  const { t, source } = props;
  const [url, setUrl] = useState(source.feed?.url ?? '');
  const [pollSec, setPollSec] = useState(String(source.feed?.pollSec ?? ''));
  const [error, setError] = useState<LinliError | null>(null);
  const problems = fieldErrors(t, error, `feed-${source.id}`);
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      await api.setAlertSourceFeed(source.id, { feedUrl: url.trim(), ...pollSecOf(pollSec) });
      setError(null);
      props.onSaved();
    } catch (caught) {
      setError(asLinliError(caught));
    }
  };
  return (
    <form class="stack" onSubmit={save} aria-label={`${t.ui.alerts.setFeed}: ${source.name}`}>
      <div class="row">
        <FeedFields t={t} url={url} pollSec={pollSec} onUrl={setUrl} onPollSec={setPollSec} problems={problems} />
      </div>
      <ErrorBox error={error} t={t} />
      <div class="buttons">
        <button type="submit">{t.save}</button>
        <button type="button" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/** How the last poll went, in words: when, how many documents, and its error by code (the server's text and the code for support). */
function FeedState(props: { t: AdminStrings; feed: AlertFeedView }) {
  const { t, feed } = props;
  const words = t.ui.alerts;
  const error = feed.lastError;
  return (
    <>
      {feed.lastPolledAt ? (
        <span>
          {words.lastPoll} {localMinute(feed.lastPolledAt)}
          {feed.lastTaken ? <span class="muted"> · {words.taken(feed.lastTaken)}</span> : null}
        </span>
      ) : (
        <span class="muted">{words.notPolledYet}</span>
      )}
      <br />
      {error ? (
        <>
          <span class="field-error">{isErrorCode(error.code) ? t.errors.codes[error.code] : error.code}</span>
          <br />
          <small class="muted feed-error">
            {error.message} {t.errors.note(error.code)}
          </small>
        </>
      ) : (
        feed.lastPolledAt && <span>{words.feedOk}</span>
      )}
    </>
  );
}

export function AlertSourcesPanel(props: { t: AdminStrings }) {
  const { t } = props;
  const words = t.ui.alerts;
  const [sources, setSources] = useState<AlertSourceView[] | null>(null);
  const [name, setName] = useState('');
  const [feedUrl, setFeedUrl] = useState('');
  const [pollSec, setPollSec] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [created, setCreated] = useState<AlertSourceCreated | null>(null);
  const [addError, setAddError] = useState<LinliError | null>(null);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  useEffect(() => void api.alertSources().then((list) => setSources(list.sources), setError), [revision]);
  const problems = fieldErrors(t, addError, 'alert-source');
  const add = async (event: Event) => {
    event.preventDefault();
    try {
      const feed = feedUrl.trim() ? { feedUrl: feedUrl.trim(), ...pollSecOf(pollSec) } : {};
      setCreated(await api.createAlertSource({ name, ...feed }));
      setAddError(null);
      setName('');
      setFeedUrl('');
      setPollSec('');
      await api.alertSources().then((list) => setSources(list.sources));
    } catch (caught) {
      setAddError(asLinliError(caught));
    }
  };
  return (
    <section class="stack" aria-labelledby="alert-sources-title">
      <h2 id="alert-sources-title">{words.sources}</h2>
      <p class="muted">{words.sourcesHint}</p>
      {feedback}
      <form class="row" onSubmit={add}>
        <Field label={words.sourceName} note={problems.note('name')}>
          <input
            name="sourceName"
            required
            maxLength={60}
            value={name}
            onInput={(e) => setName((e.target as HTMLInputElement).value)}
            {...problems.control('name')}
          />
        </Field>
        <FeedFields
          t={t}
          url={feedUrl}
          pollSec={pollSec}
          onUrl={setFeedUrl}
          onPollSec={setPollSec}
          problems={problems}
        />
        <button type="submit">{words.addSource}</button>
      </form>
      <p class="muted">{words.feedHint}</p>
      <ErrorBox error={addError} t={t} />
      {created && (
        <div class="notice key-once" role="status">
          <p>{words.keyOnce(created.name)}</p>
          <code class="secret">{created.key}</code>
          <p class="muted">{words.keyUsage}</p>
        </div>
      )}
      {sources && sources.length === 0 && <p class="muted">{words.noSources}</p>}
      {sources && sources.length > 0 && (
        <table class="alert-sources">
          <thead>
            <tr>
              <th>{words.sourceName}</th>
              <th>{words.createdAt}</th>
              <th>{words.feed}</th>
              <th>{words.lastError}</th>
              <th>{t.state}</th>
              <th>{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => [
              <tr key={source.id}>
                <td>{source.name}</td>
                <td>
                  {localMinute(source.createdAt)} <span class="muted">{source.createdBy}</span>
                </td>
                <td>
                  {source.feed ? (
                    <>
                      <code class="feed-url">{source.feed.url}</code>{' '}
                      <span class="muted">{words.every(source.feed.pollSec)}</span>
                    </>
                  ) : (
                    <span class="muted">{words.pushOnly}</span>
                  )}
                </td>
                <td>{source.feed && <FeedState t={t} feed={source.feed} />}</td>
                <td>{source.revokedAt ? words.revokedAt(localMinute(source.revokedAt)) : ''}</td>
                <td class="actions">
                  {!source.revokedAt && (
                    <button onClick={() => setEditing(editing === source.id ? null : source.id)}>
                      {words.setFeed}
                    </button>
                  )}
                  {source.feed && (
                    <button
                      onClick={() =>
                        confirm(words.confirmClearFeed(source.name)) &&
                        act(() => api.setAlertSourceFeed(source.id, { feedUrl: null }).then(() => words.feedCleared))
                      }
                    >
                      {words.clearFeed}
                    </button>
                  )}
                  {!source.revokedAt && (
                    <button
                      onClick={() =>
                        confirm(words.confirmRevoke(source.name)) &&
                        act(() => api.revokeAlertSource(source.id).then(() => words.revoked))
                      }
                    >
                      {words.revoke}
                    </button>
                  )}
                </td>
              </tr>,
              editing === source.id && !source.revokedAt && (
                <tr key={`${source.id}-feed`}>
                  <td colSpan={6}>
                    <FeedForm
                      t={t}
                      source={source}
                      onCancel={() => setEditing(null)}
                      onSaved={() => {
                        setEditing(null);
                        setNotice(words.feedSaved);
                        reload();
                      }}
                    />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}
    </section>
  );
}
