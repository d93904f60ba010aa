/**
 * One case in full for staff: what the resident said and where, where it was taken and who handles
 * it, its deadlines (the dispatch limit to the minute, the others as dates, all in Beijing time) and
 * light, the extension, waiting, supervisions and reopenings, the steps so far, and a button for
 * each step the reader may take now. Steps are taken on the version read: a case someone changed
 * meanwhile is reloaded and the reader told. The contact stays masked until asked for, and that
 * read goes on the audit trail.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  LinliError,
  type CaseActionInput,
  type CaseCatalogue,
  type CaseContactView,
  type CaseView,
  type Locale,
  type OrgTree,
} from '@linli/protocol';
import { api } from './api';
import { CaseActions } from './case-action-forms';
import { beijingMinute, categoryWords, lightWords, maskedContact } from './case-words';
import { ErrorBox, useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { usePermission } from './session-context';

/** The badge colours (admin.css .tone-*) of the lights. */
const TONES = { ok: 'green', yellow: 'yellow', red: 'red' } as const;

/** The deadline light as a coloured badge that says it in words too; while waiting, that the clock is stopped. */
export function LightBadge(props: { t: AdminStrings; view: CaseView }) {
  const { t, view } = props;
  if (view.waitingSince) return <span class="muted">{t.ui.cases.paused}</span>;
  if (!view.lights) return null;
  return (
    <span class={`tone tone-${TONES[view.lights.light]}`} data-light={view.lights.light}>
      {lightWords(t, view.lights)}
    </span>
  );
}

/** Term and value pairs, those without a value left out. */
function Facts(props: { facts: [string, ComponentChildren][] }) {
  return (
    <dl class="case-facts">
      {props.facts
        .filter(([, value]) => value !== undefined && value !== null && value !== false && value !== '')
        .map(([term, value]) => [<dt key={`${term}-term`}>{term}</dt>, <dd key={term}>{value}</dd>])}
    </dl>
  );
}

/** The masked contact, and the full one once asked for: each full read is on the audit trail. */
function Contact(props: { t: AdminStrings; view: CaseView }) {
  const { t, view } = props;
  const words = t.ui.cases;
  const [full, setFull] = useState<CaseContactView | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  // Only those who take or handle cases call residents back; the server refuses everyone else.
  const intake = usePermission('case.intake');
  const handle = usePermission('case.handle');
  if (view.contactPurgedAt) return <>{words.contactPurged(beijingMinute(view.contactPurgedAt))}</>;
  if (!view.contactMasked && !view.call) return <>{words.anonymous}</>;
  const reveal = () =>
    api
      .caseContact(view.id)
      .then(setFull, (caught: unknown) =>
        setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught))),
      );
  return (
    <div class="stack">
      {full ? (
        <Facts
          facts={[
            [words.contactName, full.name],
            [words.contactPhone, full.phone],
            [words.callerNumber, full.callerNumber],
          ]}
        />
      ) : (
        <span>{maskedContact(t, view)}</span>
      )}
      {!full && (intake || handle) && (
        <div class="inline">
          <button onClick={() => void reveal()} aria-describedby="case-contact-audited">
            {words.showContact}
          </button>
          <span class="muted" id="case-contact-audited">
            {words.contactAudited}
          </span>
        </div>
      )}
      <ErrorBox error={error} t={t} />
    </div>
  );
}

function Timeline(props: { t: AdminStrings; view: CaseView }) {
  const { t } = props;
  const words = t.ui.cases;
  return (
    <table class="case-steps">
      <thead>
        <tr>
          <th>{t.when}</th>
          <th>{t.actor}</th>
          <th>{words.step}</th>
          <th>{t.state}</th>
          <th>{words.note}</th>
        </tr>
      </thead>
      <tbody>
        {(props.view.steps ?? []).map((step, i) => (
          <tr key={i} data-step={step.action}>
            <td>{beijingMinute(step.at)}</td>
            <td>{step.actor}</td>
            <td>{words.steps[step.action]}</td>
            <td>{step.from ? `${words.states[step.from]} → ${words.states[step.to]}` : words.states[step.to]}</td>
            <td class="case-text">{step.note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CaseDetail(props: {
  t: AdminStrings;
  locale: Locale;
  id: number;
  catalogue: CaseCatalogue;
  tree: OrgTree;
  onClose: () => void;
}) {
  const { t } = props;
  const words = t.ui.cases;
  const [view, setView] = useState<CaseView | null>(null);
  const [changed, setChanged] = useState(false);
  const { feedback, setError, setNotice } = useActions(t);
  const load = () => api.getCase(props.id).then(setView, setError);
  useEffect(() => void load(), [props.id]);

  const take = async (input: CaseActionInput): Promise<LinliError | null> => {
    setError(null);
    setNotice('');
    setChanged(false);
    try {
      const next = await api.actOnCase(props.id, input);
      setView(next);
      setNotice(words.done(words.steps[input.action], words.states[next.state]));
      return null;
    } catch (caught) {
      const error = caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught));
      if (error.code === 'CASE_CHANGED') {
        await load();
        setChanged(true);
        return null;
      }
      if (error.details?.length) return error;
      setError(error);
      return null;
    }
  };
  const report = (caught: unknown) =>
    setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));

  const header = (
    <div class="toolbar">
      <h2 id="case-detail-title">{view ? words.heading(view.tracking) : ''}</h2>
      {view && <strong data-state={view.state}>{words.states[view.state]}</strong>}
      {view && <LightBadge t={t} view={view} />}
      <button onClick={() => void load()}>{words.refresh}</button>
      <button onClick={props.onClose}>{words.backToList}</button>
    </div>
  );
  if (!view)
    return (
      <section class="editor case-detail" aria-labelledby="case-detail-title">
        {header}
        {feedback}
      </section>
    );
  const { deadlines } = view;
  return (
    <section class="editor case-detail" aria-labelledby="case-detail-title">
      {header}
      {feedback}
      {changed && (
        <p class="error" role="alert">
          {words.changed}
        </p>
      )}
      <Facts
        facts={[
          [words.nature, words.natures[view.nature]],
          [t.category, categoryWords(props.catalogue.categories, view.category, props.locale)],
          [words.urgency, words.urgencies[view.urgency]],
          [words.channel, words.channels[view.channel]],
          [words.receivedAt, beijingMinute(view.receivedAt)],
          [words.intakeOrg, view.orgName],
          [
            words.assignee,
            view.assignee
              ? view.assignee.user
                ? words.assigneeWithUser(view.assignee.orgName, view.assignee.user)
                : view.assignee.orgName
              : words.notDispatched,
          ],
          [words.description, <span class="case-text">{view.description}</span>],
          [words.location, view.location?.text],
          [words.contact, <Contact t={t} view={view} />],
          [
            words.call,
            view.call &&
              words.callWords(beijingMinute(view.call.calledAt), view.call.durationSeconds, view.call.recordingRef),
          ],
          [
            words.reply,
            view.reply && (
              <>
                <span class="case-text">{view.reply}</span>
                {view.answeredOnSpot && <span class="tag">{words.answeredOnSpot}</span>}
                {view.repliedAt && <div class="muted">{words.repliedAt(beijingMinute(view.repliedAt))}</div>}
              </>
            ),
          ],
          [words.satisfaction, view.satisfaction && words.satisfactions[view.satisfaction]],
          [words.closedAt, view.closedAt && beijingMinute(view.closedAt)],
          [words.extension, view.extension && words.extensionWords(view.extension.state, view.extension.days)],
          [words.steps.wait, view.waitingSince && words.waiting(view.waitingSince)],
          [
            words.forwarded,
            view.forwarded && (
              <>
                {words.forwardWords(
                  view.forwarded.platform,
                  words.forwardStates[view.forwarded.state],
                  view.forwarded.externalId,
                )}
                {view.forwarded.lastError && <div class="field-error">{view.forwarded.lastError}</div>}
              </>
            ),
          ],
          [words.steps.merge, view.mergedInto && words.mergedInto(view.mergedInto.tracking)],
          [words.supervisions, String(view.supervisions)],
          [words.reopens, String(view.reopens)],
        ]}
      />
      <h3>{words.deadlines}</h3>
      <Facts
        facts={[
          [words.deadlineNames.dispatchBy, beijingMinute(deadlines.dispatchBy)],
          [words.deadlineNames.signBy, deadlines.signBy],
          [words.deadlineNames.replyBy, deadlines.replyBy],
          [words.deadlineNames.closeBy, deadlines.closeBy],
          [words.deadlineNames.extensionLatest, deadlines.extensionLatest],
        ]}
      />
      {view.similar && view.similar.length > 0 && (
        <>
          <h3>{words.similar}</h3>
          <ul class="case-similar">
            {view.similar.map((similar) => (
              <li key={similar.id}>
                {similar.tracking} · {words.states[similar.state]} ·{' '}
                {words.similarity(Math.round(similar.similarity * 100))}
                <div class="muted">{similar.description}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{words.timeline}</h3>
      <Timeline t={t} view={view} />
      <h3>{words.workflow}</h3>
      <CaseActions key={view.version} t={t} view={view} tree={props.tree} take={take} report={report} />
    </section>
  );
}
