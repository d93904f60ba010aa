/**
 * 诉求办理: the cases taken at or dispatched into the user's subtree, newest first — the open ones
 * unless asked otherwise, by state, by kind, only those dispatched to the user, or by a tracking
 * number or words — each with its deadline light in colour and words and the resident masked. A
 * case opens in full with its steps (case-detail); staff who take cases write up walk-ins and calls
 * (case-intake-form) and are given the tracking number and the residents' status page to hand on.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  CASE_NATURES,
  CASE_STATES,
  type CaseCatalogue,
  type CaseList,
  type CaseNature,
  type CaseReceipt,
  type CaseState,
  type Locale,
  type OrgTree,
} from '@linli/protocol';
import { api } from './api';
import { CaseDetail, LightBadge } from './case-detail';
import { CaseIntakeForm } from './case-intake-form';
import { categoryWords, maskedContact } from './case-words';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { PAGE_SIZE, Pager } from './pager';
import { usePermission } from './session-context';

interface CaseFilter {
  /** '': every state. */
  state: CaseState | 'open' | '';
  nature: CaseNature | '';
  mine: boolean;
  q: string;
}

/** What a new case's writer hands on: the tracking number, the reply date and the status page. */
function Receipt(props: { t: AdminStrings; receipt: CaseReceipt; onOpen: () => void }) {
  const { t, receipt } = props;
  const words = t.ui.cases;
  return (
    <div class="notice case-receipt" role="status">
      <p>
        {receipt.state === 'closed' && `${words.answeredAndClosed} `}
        {words.registered(receipt.tracking)}
        {receipt.state !== 'closed' && ` · ${words.replyBy(receipt.replyBy)}`}
      </p>
      <div class="buttons">
        <a class="button" href={api.caseStatusUrl(receipt)} target="_blank" rel="noopener">
          {words.statusPage}
        </a>
        <button onClick={props.onOpen}>{words.openRegistered}</button>
      </div>
    </div>
  );
}

export function CasesPage(props: {
  t: AdminStrings;
  locale: Locale;
  tree: OrgTree;
  /** A case to open (from a reminder); each new request opens it again. */
  caseToOpen?: { id: number; count: number } | null;
}) {
  const { t, locale } = props;
  const words = t.ui.cases;
  const [catalogue, setCatalogue] = useState<CaseCatalogue | null>(null);
  const [filter, setFilter] = useState<CaseFilter>({ state: 'open', nature: '', mine: false, q: '' });
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<CaseList | null>(null);
  const [opened, setOpened] = useState<number | null>(props.caseToOpen?.id ?? null);
  useEffect(() => {
    if (props.caseToOpen) setOpened(props.caseToOpen.id);
  }, [props.caseToOpen?.count]);
  const [registering, setRegistering] = useState(false);
  const [receipt, setReceipt] = useState<CaseReceipt | null>(null);
  const { feedback, revision, setError, reload } = useActions(t);
  const mayRegister = usePermission('case.intake');
  useEffect(() => void api.caseCatalogue().then(setCatalogue, setError), []);
  useEffect(
    () =>
      void api
        .listCases({
          state: filter.state || undefined,
          nature: filter.nature || undefined,
          mine: filter.mine,
          q: filter.q.trim() || undefined,
          offset,
          limit: PAGE_SIZE,
        })
        .then(setList, setError),
    [filter, offset, revision],
  );
  const refine = (changed: Partial<CaseFilter>) => {
    setFilter({ ...filter, ...changed });
    setOffset(0);
  };
  // The receipt names the case by its tracking number only: its id is looked up to open it.
  const openTracking = (tracking: string) =>
    api.listCases({ q: tracking, limit: 1 }).then((found) => found.cases[0] && setOpened(found.cases[0].id), setError);

  if (!catalogue) return <section class="stack">{feedback}</section>;
  if (opened !== null)
    return (
      <CaseDetail
        t={t}
        locale={locale}
        id={opened}
        catalogue={catalogue}
        tree={props.tree}
        onClose={() => {
          setOpened(null);
          reload();
        }}
      />
    );
  if (registering)
    return (
      <CaseIntakeForm
        t={t}
        locale={locale}
        tree={props.tree}
        catalogue={catalogue}
        onCancel={() => setRegistering(false)}
        onRegistered={(registered) => {
          setRegistering(false);
          setReceipt(registered);
          reload();
        }}
      />
    );
  return (
    <section class="stack">
      <div class="toolbar">
        <select
          aria-label={t.state}
          value={filter.state}
          onChange={(event) => refine({ state: (event.target as HTMLSelectElement).value as CaseFilter['state'] })}
        >
          <option value="open">{words.openCases}</option>
          <option value="">{t.allStates}</option>
          {CASE_STATES.map((state) => (
            <option key={state} value={state}>
              {words.states[state]}
            </option>
          ))}
        </select>
        <select
          aria-label={words.nature}
          value={filter.nature}
          onChange={(event) => refine({ nature: (event.target as HTMLSelectElement).value as CaseFilter['nature'] })}
        >
          <option value="">{words.allNatures}</option>
          {CASE_NATURES.map((nature) => (
            <option key={nature} value={nature}>
              {words.natures[nature]}
            </option>
          ))}
        </select>
        <label class="inline">
          <input
            type="checkbox"
            checked={filter.mine}
            onChange={(event) => refine({ mine: (event.target as HTMLInputElement).checked })}
          />
          {words.mine}
        </label>
        <input
          type="search"
          aria-label={words.searchLabel}
          placeholder={words.searchLabel}
          value={filter.q}
          onInput={(event) => refine({ q: (event.target as HTMLInputElement).value })}
        />
        {mayRegister && (
          <button
            class="primary"
            onClick={() => {
              setReceipt(null);
              setRegistering(true);
            }}
          >
            {words.register}
          </button>
        )}
      </div>
      {receipt && <Receipt t={t} receipt={receipt} onOpen={() => void openTracking(receipt.tracking)} />}
      {feedback}
      {list && list.total === 0 && <p class="muted">{words.noCases}</p>}
      {list && list.total > 0 && (
        <>
          <table class="cases">
            <thead>
              <tr>
                <th>{words.tracking}</th>
                <th>{words.nature}</th>
                <th>{t.category}</th>
                <th>{words.description}</th>
                <th>{words.intakeOrg}</th>
                <th>{t.state}</th>
                <th>{words.deadline}</th>
                <th>{words.contact}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.cases.map((view) => (
                <tr key={view.id} data-case-id={view.id} data-tracking={view.tracking}>
                  <td class="nowrap">{view.tracking}</td>
                  <td class="nowrap">
                    {words.natures[view.nature]}
                    {view.urgency === 'urgent' && <span class="tag">{words.urgencies.urgent}</span>}
                  </td>
                  <td>{categoryWords(catalogue.categories, view.category, locale)}</td>
                  <td>
                    <span class="clamp">{view.description}</span>
                  </td>
                  <td class="nowrap">
                    {view.orgName}
                    {view.assignee && <div class="muted">→ {view.assignee.orgName}</div>}
                  </td>
                  <td class="nowrap">{words.states[view.state]}</td>
                  <td class="nowrap">
                    <LightBadge t={t} view={view} />
                  </td>
                  <td>{maskedContact(t, view)}</td>
                  <td class="nowrap">
                    <button aria-label={`${words.open} ${view.tracking}`} onClick={() => setOpened(view.id)}>
                      {words.open}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager t={t} offset={offset} total={list.total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
