/**
 * The history and the review of content a second person approves (notices, signage), opened from
 * the list's rows: the saved versions with their diffs and rollback, and the version under review
 * with its decision.
 */
import { useState } from 'preact/hooks';
import type { AdminStrings } from './i18n';
import { ReviewPanel } from './review-panel';
import { VersionHistory, type SavedVersion } from './version-history';

interface ListedItem {
  id: string;
  title: string;
  version: number;
  liveVersion: number | null;
}

export function useApprovalDialogs<V extends SavedVersion>(props: {
  t: AdminStrings;
  steps: {
    history: (id: string) => Promise<{ versions: V[] }>;
    rollback: (id: string, version: number) => Promise<unknown>;
    review: (id: string, version: number, approve: boolean, comment?: string) => Promise<unknown>;
  };
  /** A version as readable text: shown in full and compared line by line. */
  text: (version: V) => string;
  /** Runs a step, shows its message or error, and reloads the list. */
  act: (run: () => Promise<unknown>) => Promise<boolean>;
  reload: () => void;
}) {
  const { t, steps, text, act } = props;
  const [historyOf, setHistoryOf] = useState<ListedItem | null>(null);
  const [reviewOf, setReviewOf] = useState<ListedItem | null>(null);
  const dialogs = (
    <>
      {historyOf && (
        <VersionHistory
          t={t}
          itemId={historyOf.id}
          title={historyOf.title}
          currentVersion={historyOf.version}
          load={() => steps.history(historyOf.id)}
          text={text}
          onClose={() => setHistoryOf(null)}
          onRollback={(version) =>
            void act(async () => {
              await steps.rollback(historyOf.id, version);
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
          load={() => steps.history(reviewOf.id)}
          text={text}
          decide={(version, approve, comment) =>
            act(() =>
              steps
                .review(reviewOf.id, version, approve, comment)
                .then(() => (approve ? t.approvedMessage : t.rejected)),
            )
          }
          onClose={() => {
            setReviewOf(null);
            props.reload();
          }}
        />
      )}
    </>
  );
  return { dialogs, openHistory: setHistoryOf, openReview: setReviewOf };
}
