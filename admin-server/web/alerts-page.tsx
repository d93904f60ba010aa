/**
 * 预警信息: the emergency alerts received and issued (active first, in their warning colour, with
 * where they cover), manual alerts written from templates with their review by a second person and
 * their cancellation, and, for system administrators, the alert sources.
 */
import { useEffect, useState } from 'preact/hooks';
import { alertTone, type AlertView, type ManualAlertView, type OrgTree, type SessionView } from '@linli/protocol';
import { AlertSourcesPanel } from './alert-sources-panel';
import { api } from './api';
import { localMinute } from './datetime-input';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { ManualAlertForm } from './manual-alert-form';

const nodeNames = (tree: OrgTree, ids: readonly number[], separator: string) =>
  ids.map((id) => tree.nodes.find((node) => node.id === id)?.name ?? `#${id}`).join(separator);

function ReceivedAlerts(props: { t: AdminStrings; tree: OrgTree; alerts: AlertView[] }) {
  const { t, tree, alerts } = props;
  const words = t.ui.alerts;
  if (alerts.length === 0) return <p class="muted">{words.noAlerts}</p>;
  return (
    <table class="alerts">
      <thead>
        <tr>
          <th>{words.severity}</th>
          <th>{words.headline}</th>
          <th>{words.senderName}</th>
          <th>{words.area}</th>
          <th>{words.state}</th>
          <th>{words.receivedAt}</th>
          <th>{words.expiresAt}</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const shown = alert.alert;
          return (
            <tr key={alert.id} data-alert-id={alert.id} class={alert.state === 'active' ? 'active' : 'muted'}>
              <td>
                {shown && (
                  <span class={`tone tone-${alertTone(shown.severity)}`}>{words.severities[shown.severity]}</span>
                )}
              </td>
              <td>
                <strong>{shown?.headline ?? alert.msgType}</strong>
                {shown?.test && <span class="tag">{words.exerciseMark}</span>}
                {shown?.description && <div class="muted clamp">{shown.description}</div>}
              </td>
              <td>
                {shown?.senderName ?? alert.sender}
                <div class="muted">
                  {words.source}: {alert.source}
                </div>
              </td>
              <td>
                {alert.orgIds.length > 0
                  ? nodeNames(tree, alert.orgIds, t.ui.signage.listSeparator)
                  : alert.areas.map((area) => area.areaDesc).join(t.ui.signage.listSeparator) || words.outsideTree}
              </td>
              <td>{words.states[alert.state]}</td>
              <td>{localMinute(alert.receivedAt)}</td>
              <td>{alert.expiresAt ? localMinute(alert.expiresAt) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ManualAlertRows(props: {
  t: AdminStrings;
  tree: OrgTree;
  session: SessionView;
  alerts: ManualAlertView[];
  act: (work: () => Promise<unknown>) => Promise<boolean>;
}) {
  const { t, tree, session, alerts, act } = props;
  const words = t.ui.alerts;
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const mayReview = session.permissions.includes('content.review');
  const mayEdit = session.permissions.includes('content.edit');
  if (alerts.length === 0) return <p class="muted">{words.noManual}</p>;
  return (
    <table class="manual-alerts">
      <thead>
        <tr>
          <th>{words.severity}</th>
          <th>{words.headline}</th>
          <th>{words.area}</th>
          <th>{words.state}</th>
          <th>{words.author}</th>
          <th>{words.reviewer}</th>
          <th>{t.actions}</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const own = alert.author === session.username;
          const mayCancel = (own && mayEdit) || mayReview;
          const area = nodeNames(tree, alert.orgIds, t.ui.signage.listSeparator);
          const live = alert.state === 'issued' && alert.alertState === 'active';
          return (
            <tr key={alert.id} data-manual-alert-id={alert.id}>
              <td>
                <span class={`tone tone-${alertTone(alert.severity)}`}>{words.severities[alert.severity]}</span>
              </td>
              <td>
                <strong>{alert.headline}</strong>
                {alert.exercise && <span class="tag">{words.exerciseMark}</span>}
                <div class="muted">
                  {words.kinds[alert.kind]} · {words.expiresAt} {localMinute(alert.expiresAt)}
                </div>
              </td>
              <td>{area}</td>
              <td class={alert.state === 'in-review' ? 'warn' : ''}>
                {words.manualStates[alert.state]}
                {alert.alertState && alert.state === 'issued' && (
                  <div class="muted">{words.states[alert.alertState]}</div>
                )}
                {alert.reviewComment && <div class="muted">{alert.reviewComment}</div>}
              </td>
              <td>
                {alert.author}
                <div class="muted">{localMinute(alert.createdAt)}</div>
              </td>
              <td>{alert.reviewer ?? ''}</td>
              <td class="actions">
                {alert.state === 'in-review' && mayReview && !own && rejecting !== alert.id && (
                  <>
                    <button
                      class="primary"
                      onClick={() =>
                        confirm(words.confirmApprove(alert.headline, area)) &&
                        act(() => api.reviewManualAlert(alert.id, true).then(() => words.approved))
                      }
                    >
                      {words.approve}
                    </button>
                    <button onClick={() => (setRejecting(alert.id), setComment(''))}>{words.reject}</button>
                  </>
                )}
                {rejecting === alert.id && (
                  <form
                    class="row"
                    onSubmit={(event) => {
                      event.preventDefault();
                      void act(() =>
                        api.reviewManualAlert(alert.id, false, comment.trim()).then(() => {
                          setRejecting(null);
                          return words.rejected;
                        }),
                      );
                    }}
                  >
                    <label class="field">
                      <span>{words.rejectComment}</span>
                      <input
                        name="comment"
                        maxLength={500}
                        value={comment}
                        onInput={(e) => setComment((e.target as HTMLInputElement).value)}
                      />
                    </label>
                    <button type="submit">{words.reject}</button>
                    <button type="button" onClick={() => setRejecting(null)}>
                      {t.cancel}
                    </button>
                  </form>
                )}
                {alert.state === 'in-review' && mayCancel && rejecting !== alert.id && (
                  <button onClick={() => act(() => api.cancelManualAlert(alert.id).then(() => words.withdrawn))}>
                    {words.withdraw}
                  </button>
                )}
                {live && mayCancel && (
                  <button
                    class="danger"
                    onClick={() =>
                      confirm(words.confirmCancel(alert.headline)) &&
                      act(() => api.cancelManualAlert(alert.id).then(() => words.cancelled))
                    }
                  >
                    {words.cancelAlert}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function AlertsPage(props: { t: AdminStrings; tree: OrgTree; session: SessionView }) {
  const { t, tree, session } = props;
  const words = t.ui.alerts;
  const [received, setReceived] = useState<AlertView[] | null>(null);
  const [manual, setManual] = useState<ManualAlertView[] | null>(null);
  const [writing, setWriting] = useState(false);
  const { act, feedback, revision, setError, setNotice, reload } = useActions(t);
  useEffect(() => {
    void api.alerts().then((list) => setReceived(list.alerts), setError);
    void api.manualAlerts().then((list) => setManual(list.alerts), setError);
  }, [revision]);
  return (
    <div class="stack">
      {feedback}
      <section class="stack" aria-labelledby="alerts-received-title">
        <h2 id="alerts-received-title">{words.received}</h2>
        <p class="muted">{words.receivedHint}</p>
        {received && <ReceivedAlerts t={t} tree={tree} alerts={received} />}
      </section>
      <section class="stack" aria-labelledby="alerts-manual-title">
        <div class="toolbar">
          <h2 id="alerts-manual-title">{words.manual}</h2>
          {session.permissions.includes('content.edit') && !writing && (
            <button class="primary" onClick={() => setWriting(true)}>
              {words.newAlert}
            </button>
          )}
        </div>
        <p class="muted">{words.manualHint}</p>
        {writing && (
          <ManualAlertForm
            t={t}
            tree={tree}
            onDone={(message) => {
              setWriting(false);
              setNotice(message ?? '');
              reload();
            }}
          />
        )}
        {manual && <ManualAlertRows t={t} tree={tree} session={session} alerts={manual} act={act} />}
      </section>
      {session.role === 'system-admin' && <AlertSourcesPanel t={t} />}
    </div>
  );
}
