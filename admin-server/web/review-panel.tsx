/**
 * Review with the content in view: the version under review in full, its changes against the
 * version kiosks show (when there is one), and the decision right there. The decision names the
 * version read (If-Match), so a newer save made meanwhile is an edit conflict, not a blind approval.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AdminStrings } from './i18n';
import { DiffView, type SavedVersion } from './version-history';

export function ReviewPanel<V extends SavedVersion>(props: {
  t: AdminStrings;
  item: { id: string; title: string; version: number; liveVersion: number | null };
  load: () => Promise<{ versions: V[] }>;
  /** The version as readable text: shown in full, and compared line by line with the live one. */
  text: (version: V) => string;
  /** Approves or sends back the version read; resolves true when it went through. */
  decide: (version: number, approve: boolean, comment: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t, item } = props;
  const [versions, setVersions] = useState<V[] | null>(null);
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);
  useEffect(() => void props.load().then((history) => setVersions(history.versions)), [item.id, item.version]);
  if (!versions) return null;
  const read = versions.find((v) => v.version === item.version) ?? versions[0];
  if (!read) return null;
  const live = item.liveVersion === null ? undefined : versions.find((v) => v.version === item.liveVersion);
  const decide = async (approve: boolean) => {
    if (!approve && !comment.trim()) {
      setCommentMissing(true);
      return;
    }
    if (await props.decide(read.version, approve, comment.trim())) props.onClose();
  };
  return (
    <section class="editor review" aria-label={t.ui.reviewHeading(item.title)}>
      <h3>{t.ui.reviewHeading(item.title)}</h3>
      <h4>{t.ui.versionUnderReview(read.version, read.savedBy, read.savedAt.slice(0, 16).replace('T', ' '))}</h4>
      <div class="version-text">{props.text(read)}</div>
      {live && live.version !== read.version ? (
        <>
          <h4>{t.ui.changesAgainstLive(live.version, read.version)}</h4>
          <DiffView before={props.text(live)} after={props.text(read)} />
        </>
      ) : (
        <p class="muted">{t.ui.noLiveVersion}</p>
      )}
      <div class="field">
        <label class="field">
          <span>{t.ui.reviewCommentLabel}</span>
          <textarea
            name="reviewComment"
            rows={2}
            maxLength={500}
            value={comment}
            aria-invalid={commentMissing ? 'true' : undefined}
            aria-describedby={commentMissing ? 'review-comment-missing' : undefined}
            onInput={(event) => {
              setComment((event.target as HTMLTextAreaElement).value);
              setCommentMissing(false);
            }}
          />
        </label>
        {commentMissing && (
          <span class="field-error" id="review-comment-missing" role="alert">
            {t.ui.rejectNeedsComment}
          </span>
        )}
      </div>
      <div class="buttons">
        <button class="primary" onClick={() => void decide(true)}>
          {t.approve}
        </button>
        <button onClick={() => void decide(false)}>{t.reject}</button>
        <button onClick={props.onClose}>{t.close}</button>
      </div>
    </section>
  );
}
