/**
 * 版本发布 (system administrators): new versions of the kiosk and player apps. A version is
 * published, its packages uploaded (with progress), then rolled out to pilot device groups and a
 * share of the other devices, widened step by step, paused or withdrawn. Each release says how many
 * devices run it; each device's own step is in the fleet view.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  RELEASE_APPS,
  RELEASE_CHANNELS,
  RELEASE_PLATFORMS,
  type DeviceGroup,
  type ReleaseApp,
  type ReleaseChannel,
  type ReleasePlatform,
  type ReleaseView,
} from '@linli/protocol';
import { api } from './api';
import { Field, fieldErrors, useActions } from './feedback';
import type { AdminStrings } from './i18n';

/** A file's name as the feed may carry it in a URL: letters, digits, dot, dash and underscore. */
const feedName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'package';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function PublishForm(props: { t: AdminStrings; onPublished: (release: ReleaseView) => void }) {
  const { t } = props;
  const words = t.ui.releases;
  const [draft, setDraft] = useState({
    app: 'kiosk' as ReleaseApp,
    channel: 'stable' as ReleaseChannel,
    version: '',
    notes: '',
  });
  const { act, feedback, error } = useActions(t);
  const problems = fieldErrors(t, error, 'release', { RELEASE_EXISTS: 'version' });
  return (
    <form
      class="editor"
      aria-label={words.publishTitle}
      onSubmit={(event) => {
        event.preventDefault();
        void act(async () => {
          const release = await api.createRelease({ ...draft, version: draft.version.trim() });
          props.onPublished(release);
          setDraft({ ...draft, version: '', notes: '' });
          return words.published(release.version);
        });
      }}
    >
      <h3>{words.publishTitle}</h3>
      {feedback}
      <div class="row">
        <Field label={words.app}>
          <select value={draft.app} onChange={(e) => setDraft({ ...draft, app: e.currentTarget.value as ReleaseApp })}>
            {RELEASE_APPS.map((app) => (
              <option key={app} value={app}>
                {words.apps[app]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={words.channel}>
          <select
            value={draft.channel}
            onChange={(e) => setDraft({ ...draft, channel: e.currentTarget.value as ReleaseChannel })}
          >
            {RELEASE_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {words.channels[channel]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={words.version} note={problems.note('version') ?? <span class="muted">{words.versionHint}</span>}>
          <input
            name="version"
            required
            value={draft.version}
            {...problems.control('version')}
            onInput={(e) => setDraft({ ...draft, version: e.currentTarget.value })}
          />
        </Field>
      </div>
      <Field label={words.notes} note={problems.note('notes')}>
        <textarea
          name="notes"
          rows={2}
          maxLength={2000}
          value={draft.notes}
          onInput={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        />
      </Field>
      <div class="buttons">
        <button type="submit">{words.publish}</button>
      </div>
    </form>
  );
}

function UploadForm(props: { t: AdminStrings; release: ReleaseView; onDone: () => void }) {
  const { t, release } = props;
  const words = t.ui.releases;
  const missing = RELEASE_PLATFORMS.filter((platform) => !release.files.some((file) => file.platform === platform));
  const [platform, setPlatform] = useState<ReleasePlatform>(missing[0] ?? 'linux-x64');
  const [file, setFile] = useState<File | null>(null);
  const [signature, setSignature] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const { act, feedback, error } = useActions(t);
  const problems = fieldErrors(t, error, `release-${release.id}`, {
    RELEASE_FILE_INVALID: 'file',
    RELEASE_FILE_EXISTS: 'platform',
    RELEASE_SIGNATURE_REQUIRED: 'signature',
  });
  if (missing.length === 0) return null;
  return (
    <form
      class="row"
      aria-label={`${words.upload} ${release.version}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) return;
        void act(async () => {
          setProgress(0);
          try {
            const renamed = new File([file], feedName(file.name));
            await api.uploadReleaseFile(release.id, platform, renamed, signature, setProgress);
          } finally {
            setProgress(null);
          }
          setFile(null);
          props.onDone();
          return words.uploaded(feedName(file.name));
        });
      }}
    >
      {feedback}
      <Field label={words.platform} note={problems.note('platform')}>
        <select value={platform} onChange={(e) => setPlatform(e.currentTarget.value as ReleasePlatform)}>
          {missing.map((p) => (
            <option key={p} value={p}>
              {words.platforms[p]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={words.file} note={problems.note('file')}>
        <input
          type="file"
          required
          {...problems.control('file')}
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </Field>
      {platform === 'browser-shell' && (
        <Field
          label={words.signature}
          note={problems.note('signature') ?? <span class="muted">{words.signatureHint}</span>}
        >
          <input
            name="signature"
            required
            value={signature}
            {...problems.control('signature')}
            onInput={(e) => setSignature(e.currentTarget.value)}
          />
        </Field>
      )}
      {progress !== null && <progress aria-label={words.upload} max={1} value={progress} />}
      <button type="submit" disabled={progress !== null}>
        {words.upload}
      </button>
    </form>
  );
}

function RolloutForm(props: { t: AdminStrings; release: ReleaseView; groups: DeviceGroup[]; onDone: () => void }) {
  const { t, release } = props;
  const words = t.ui.releases;
  const [groupIds, setGroupIds] = useState(release.groupIds);
  const [percent, setPercent] = useState(String(release.percent));
  const [paused, setPaused] = useState(release.state === 'paused');
  const { act, feedback, error } = useActions(t);
  const problems = fieldErrors(t, error, `rollout-${release.id}`, { RELEASE_EMPTY: 'percent' });
  return (
    <form
      aria-label={`${words.reach} ${release.version}`}
      onSubmit={(event) => {
        event.preventDefault();
        void act(async () => {
          await api.setRollout(release.id, { groupIds, percent: Number(percent), paused });
          props.onDone();
          return words.rolloutSaved;
        });
      }}
    >
      {feedback}
      <fieldset>
        <legend>{words.pilotGroups}</legend>
        {props.groups.map((group) => (
          <label key={group.id} class="inline">
            <input
              type="checkbox"
              checked={groupIds.includes(group.id)}
              onChange={() =>
                setGroupIds(
                  groupIds.includes(group.id) ? groupIds.filter((id) => id !== group.id) : [...groupIds, group.id],
                )
              }
            />
            {group.name}
          </label>
        ))}
        {problems.note('groupIds', true)}
      </fieldset>
      <div class="row">
        <Field label={words.percent} note={problems.note('percent') ?? <span class="muted">{words.percentHint}</span>}>
          <input
            name="percent"
            type="number"
            min={0}
            max={100}
            required
            value={percent}
            {...problems.control('percent')}
            onInput={(e) => setPercent(e.currentTarget.value)}
          />
        </Field>
        <label class="inline">
          <input type="checkbox" checked={paused} onChange={() => setPaused(!paused)} />
          {words.paused}
        </label>
        <button type="submit">{words.saveRollout}</button>
      </div>
    </form>
  );
}

export function ReleasesPage(props: { t: AdminStrings }) {
  const { t } = props;
  const words = t.ui.releases;
  const [releases, setReleases] = useState<ReleaseView[] | null>(null);
  const [groups, setGroups] = useState<DeviceGroup[]>([]);
  const { act, feedback, revision, setError, reload } = useActions(t);
  useEffect(() => {
    api.releases().then((list) => setReleases(list.releases), setError);
    api.deviceGroups().then((list) => setGroups(list.groups), setError);
  }, [revision]);
  const groupNames = (ids: number[]) => ids.map((id) => groups.find((g) => g.id === id)?.name ?? `#${id}`).join('、');
  return (
    <section class="stack" aria-labelledby="releases-title">
      <h2 id="releases-title">{t.releases}</h2>
      <p class="muted">{words.hint}</p>
      {feedback}
      <PublishForm t={t} onPublished={reload} />
      {releases?.length === 0 && <p>{words.noReleases}</p>}
      {releases?.map((release) => (
        <article key={release.id} class="editor" data-release={`${release.app}-${release.version}`}>
          <h3>
            {words.apps[release.app]} {release.version} · {words.channels[release.channel]} ·{' '}
            <span class={release.state === 'rolling' ? '' : 'warn'}>{words.states[release.state]}</span>
          </h3>
          <p class="muted">
            {release.createdBy} · {release.createdAt.slice(0, 16).replace('T', ' ')} ·{' '}
            {words.devicesOn(release.devicesOn)}
          </p>
          {release.notes && <p>{release.notes}</p>}
          <h4>{words.files}</h4>
          {release.files.length === 0 ? (
            <p class="muted">{words.noFiles}</p>
          ) : (
            <ul>
              {release.files.map((file) => (
                <li key={file.platform}>
                  {words.platforms[file.platform]} · {file.name} · {megabytes(file.size)}
                </li>
              ))}
            </ul>
          )}
          {release.state !== 'withdrawn' && <UploadForm t={t} release={release} onDone={reload} />}
          <h4>{words.reach}</h4>
          <p>{words.reachSummary(groupNames(release.groupIds), release.percent)}</p>
          {release.state !== 'withdrawn' && (
            <>
              <RolloutForm
                key={`${release.id}-${release.percent}-${release.state}`}
                t={t}
                release={release}
                groups={groups}
                onDone={reload}
              />
              <div class="buttons">
                <button
                  class="danger"
                  onClick={() =>
                    confirm(words.confirmWithdraw(words.apps[release.app], release.version)) &&
                    act(async () => {
                      await api.withdrawRelease(release.id);
                      return words.withdrawn(release.version);
                    })
                  }
                >
                  {words.withdraw}
                </button>
              </div>
            </>
          )}
        </article>
      ))}
    </section>
  );
}
