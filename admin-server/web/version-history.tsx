/** Saved versions of a guide or notice: pick one, see what it changed against the one before, roll back to it. */
import { useEffect, useState } from 'preact/hooks';
import type { AdminStrings } from './i18n';
import { lineDiff } from './text-diff';

/** Two versions as readable text, line by line: removed lines struck through, added ones marked. */
export function DiffView(props: { before: string; after: string }) {
  return (
    <pre class="diff">
      {lineDiff(props.before, props.after).map((line, index) => (
        <div key={index} class={`diff-${line.kind}`}>
          {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
          {line.text}
        </div>
      ))}
    </pre>
  );
}

export interface SavedVersion {
  version: number;
  savedAt: string;
  savedBy: string;
}

export function VersionHistory<V extends SavedVersion>(props: {
  t: AdminStrings;
  itemId: string;
  title: string;
  currentVersion: number;
  load: () => Promise<{ versions: V[] }>;
  /** The version as readable text; the diff compares these line by line. */
  text: (version: V) => string;
  onRollback: (version: number) => void;
  onClose: () => void;
}) {
  const { t } = props;
  const [versions, setVersions] = useState<V[] | null>(null);
  const [shown, setShown] = useState(0);
  useEffect(() => void props.load().then((history) => setVersions(history.versions)), [props.itemId]);
  if (!versions) return null;
  const version = versions[shown]!;
  const previous = versions[shown + 1];
  return (
    <section class="editor" aria-label={t.history}>
      <h3>
        {t.history}: {props.title}
      </h3>
      <div class="buttons">
        {versions.map((v, index) => (
          <button key={v.version} aria-pressed={index === shown} onClick={() => setShown(index)}>
            v{v.version} · {v.savedBy} · {v.savedAt.slice(0, 16).replace('T', ' ')}
          </button>
        ))}
      </div>
      <p class="muted">{previous ? t.diffAgainst(previous.version, version.version) : t.firstVersion}</p>
      <DiffView before={previous ? props.text(previous) : ''} after={props.text(version)} />
      <div class="buttons">
        {version.version !== props.currentVersion && (
          <button onClick={() => props.onRollback(version.version)}>{t.rollbackTo(version.version)}</button>
        )}
        <button onClick={props.onClose}>{t.close}</button>
      </div>
    </section>
  );
}
