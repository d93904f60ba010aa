/** The row buttons of reviewed content: guides and forms (published by reviewers), notices and signage (approved by a second person). */
import type { OrgTree, ReviewState, SessionView } from '@linli/protocol';
import type { ApprovedContentApi, ReviewedContentApi } from './api';
import type { AdminStrings } from './i18n';
import { inOwnSubtree } from './org-tree';

export function ReviewActions(props: {
  t: AdminStrings;
  item: { id: string; title: string; state: ReviewState; published: boolean; version: number };
  can: (permission: string) => boolean;
  /** Runs a call, shows its message or error, and reloads the list. */
  act: (run: () => Promise<unknown>) => Promise<boolean>;
  steps: ReviewedContentApi;
  onEdit: () => void;
  onHistory: () => void;
  /** Opens the version under review beside its decision (ReviewPanel). */
  onReview: () => void;
}) {
  const { t, item, can, act, steps } = props;
  const { state } = item;
  return (
    <>
      {can('content.edit') && <button onClick={props.onEdit}>{t.edit}</button>}
      {can('content.edit') && state === 'draft' && (
        <button onClick={() => act(() => steps.submit(item.id).then(() => t.submitted))}>{t.submitForReview}</button>
      )}
      {can('content.review') && state === 'in-review' && (
        <button class="primary" onClick={props.onReview}>
          {t.ui.review}
        </button>
      )}
      {can('content.review') && (state === 'draft' || state === 'withdrawn') && (
        <button onClick={() => act(() => steps.publish(item.id, true))}>{t.publish}</button>
      )}
      {can('content.review') && item.published && (
        <button onClick={() => act(() => steps.publish(item.id, false))}>{t.unpublish}</button>
      )}
      <button onClick={props.onHistory}>{t.history}</button>
      {can('content.edit') && (
        <button class="danger" onClick={() => confirm(t.confirmDelete(item.title)) && act(() => steps.remove(item.id))}>
          {t.remove}
        </button>
      )}
    </>
  );
}

/**
 * The row buttons of content a second person approves (notices, signage): edit, submit, review
 * (for someone other than the last editor), withdraw what is live, history, delete. Items of a
 * node above the user's own are theirs to read only.
 */
export function ApprovalActions(props: {
  t: AdminStrings;
  tree: OrgTree;
  session: SessionView;
  item: { id: string; title: string; orgId: number; state: ReviewState; liveVersion: number | null; editor: string };
  steps: Pick<ApprovedContentApi<never, unknown, unknown>, 'submit' | 'withdraw' | 'remove'>;
  /** Runs a step, shows its message or error, and reloads the list. */
  act: (run: () => Promise<unknown>) => Promise<boolean>;
  onEdit: () => void;
  onHistory: () => void;
  /** Opens the version under review beside its decision (ReviewPanel). */
  onReview: () => void;
}) {
  const { t, item, steps, act } = props;
  const can = (permission: string) => props.session.permissions.includes(permission);
  const mine = inOwnSubtree(props.tree, item.orgId);
  const mayEdit = mine && can('content.edit');
  const mayReview = mine && can('content.review');
  return (
    <>
      {mayEdit && <button onClick={props.onEdit}>{t.edit}</button>}
      {mayEdit && item.state === 'draft' && (
        <button onClick={() => act(() => steps.submit(item.id).then(() => t.submitted))}>{t.submitForReview}</button>
      )}
      {mayReview && item.editor !== props.session.username && item.state === 'in-review' && (
        <button class="primary" onClick={props.onReview}>
          {t.ui.review}
        </button>
      )}
      {mayReview && item.liveVersion !== null && (
        <button
          onClick={() =>
            confirm(t.confirmWithdraw(item.title)) && act(() => steps.withdraw(item.id).then(() => t.withdrawnMessage))
          }
        >
          {t.withdraw}
        </button>
      )}
      <button onClick={props.onHistory}>{t.history}</button>
      {mayEdit && (
        <button class="danger" onClick={() => confirm(t.confirmDelete(item.title)) && act(() => steps.remove(item.id))}>
          {t.remove}
        </button>
      )}
    </>
  );
}

/** A state cell: the state, and which version devices show while a newer one is in the works. */
export function ReviewStateCell(props: { t: AdminStrings; item: { state: ReviewState; liveVersion: number | null } }) {
  const { t, item } = props;
  return (
    <td class={item.state === 'in-review' ? 'warn' : ''}>
      {t.reviewStates[item.state]}
      {item.liveVersion !== null && item.state !== 'approved' && (
        <div class="muted">{t.liveVersion(item.liveVersion)}</div>
      )}
    </td>
  );
}

/** The last cells of a reviewed item's row: state, version, last change and the row's buttons. */
export function ReviewRowCells(
  props: Parameters<typeof ReviewActions>[0] & {
    item: { liveVersion: number | null; version: number; updatedAt: string };
  },
) {
  return (
    <>
      <ReviewStateCell t={props.t} item={props.item} />
      <td>v{props.item.version}</td>
      <td>{props.item.updatedAt.slice(0, 16).replace('T', ' ')}</td>
      <td class="actions">
        <ReviewActions {...props} />
      </td>
    </>
  );
}

/** An editor's buttons: publish (or send for review, for users who may not publish), keep a draft, cancel. */
export function ReviewSaveButtons(props: { t: AdminStrings; mayPublish: boolean; onCancel: () => void }) {
  const { t } = props;
  return (
    <div class="buttons">
      <button type="submit" class="primary" value="publish">
        {props.mayPublish ? t.saveAndPublish : t.saveAndSubmit}
      </button>
      <button type="submit" value="draft">
        {t.saveDraft}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t.cancel}
      </button>
    </div>
  );
}

/** Whether the editor's form was sent with the publish button rather than the draft one. */
export function wantsPublish(event: SubmitEvent): boolean {
  return (event.submitter as HTMLButtonElement | null)?.value !== 'draft';
}

/** What to say after a save, by what was asked and what the user may do. */
export function savedMessage(t: AdminStrings, published: boolean, mayPublish: boolean, draftSaved: string): string {
  return !published ? draftSaved : mayPublish ? t.saved : t.submitted;
}
