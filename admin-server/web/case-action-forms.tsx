/**
 * The steps a case allows its reader now, one button each. A step without inputs is taken at the
 * click (forwarding outside asks first); one with inputs opens its form under the buttons: the
 * reason, the reply, where to dispatch it and to whom, the days asked for, the decision, what the
 * resident said, the case to merge into. A problem the server finds with a field is said under it.
 */
import { useState } from 'preact/hooks';
import {
  CASE_SATISFACTIONS,
  LinliError,
  type CaseAction,
  type CaseActionInput,
  type CaseView,
  type OrgTree,
} from '@linli/protocol';
import { api } from './api';
import { EMPTY_VALUES, actionInput, fieldsOf, type ActionValues, type CaseActionField } from './case-actions';
import { ErrorBox, Field, RadioChoices, fieldErrors, needsSummary } from './feedback';
import type { AdminStrings } from './i18n';
import { wholeTree } from './org-tree';

/** Where the server's problems with each input lie (a detail's path). */
const PATHS: Record<CaseActionField, readonly string[]> = {
  note: ['note'],
  reply: ['reply'],
  assignee: ['assigneeOrgId', 'assigneeUser'],
  days: ['days'],
  approve: ['approve'],
  satisfaction: ['satisfaction'],
  mergeInto: ['mergeInto'],
};

/**
 * Takes a step on the case: resolves to the error when it names fields (for the form to place),
 * or null once the step is done or the panel has said what went wrong.
 */
export type TakeStep = (input: CaseActionInput) => Promise<LinliError | null>;

function StepForm(props: {
  t: AdminStrings;
  view: CaseView;
  tree: OrgTree;
  action: CaseAction;
  take: TakeStep;
  report: (error: unknown) => void;
  onCancel: () => void;
}) {
  const { t, view, action } = props;
  const words = t.ui.cases;
  const fields = fieldsOf(action);
  const has = (field: CaseActionField) => fields.includes(field);
  const [values, setValues] = useState<ActionValues>(EMPTY_VALUES);
  const [mergeTracking, setMergeTracking] = useState('');
  const [error, setError] = useState<LinliError | null>(null);
  const prefix = `case-${action}`;
  const problems = fieldErrors(t, error, prefix);
  const typed = (name: 'note' | 'reply' | 'assigneeUser' | 'days') => (event: Event) =>
    setValues({ ...values, [name]: (event.target as HTMLInputElement | HTMLTextAreaElement).value });

  /** The case a tracking number names (merge takes the case's id), or undefined when none in reach has it. */
  const caseOf = async (tracking: string) =>
    /^\d{12}$/.test(tracking) ? (await api.listCases({ q: tracking, limit: 1 })).cases[0] : undefined;

  const submit = async (approve?: boolean) => {
    setError(null);
    let mergeInto: number | undefined;
    if (has('mergeInto')) {
      try {
        mergeInto = (await caseOf(mergeTracking.trim()))?.id;
      } catch (caught) {
        return props.report(caught);
      }
      if (mergeInto === undefined)
        return setError(
          new LinliError('VALIDATION_FAILED', undefined, [{ path: '/mergeInto', message: words.noSuchTracking }]),
        );
    }
    setError(await props.take(actionInput(action, view.version, { ...values, approve, mergeInto })));
  };

  const step = words.steps[action];
  return (
    <form
      class="case-step"
      aria-label={step}
      onSubmit={(event) => {
        event.preventDefault();
        if (!has('approve')) void submit();
      }}
    >
      {needsSummary(
        t,
        error,
        fields.flatMap((field) => PATHS[field]),
      ) && <ErrorBox error={error} t={t} />}
      {has('assignee') && (
        <div class="row">
          <Field label={words.assignee} note={problems.note('assigneeOrgId')}>
            <select
              name="assigneeOrgId"
              value={values.assigneeOrgId === undefined ? '' : String(values.assigneeOrgId)}
              onChange={(event) => {
                const chosen = (event.target as HTMLSelectElement).value;
                setValues({ ...values, assigneeOrgId: chosen ? Number(chosen) : undefined });
              }}
              {...problems.control('assigneeOrgId')}
            >
              <option value="">{words.chooseOrg}</option>
              {wholeTree(props.tree).map(({ node, depth }) => (
                <option key={node.id} value={node.id}>
                  {'\u3000'.repeat(depth)}
                  {node.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={words.assigneeUser} note={problems.note('assigneeUser')}>
            <input
              name="assigneeUser"
              autoComplete="off"
              value={values.assigneeUser}
              onInput={typed('assigneeUser')}
              {...problems.control('assigneeUser')}
            />
          </Field>
        </div>
      )}
      {has('days') && (
        <Field label={words.days} note={problems.note('days')}>
          <input
            name="days"
            type="number"
            min={1}
            max={60}
            value={values.days}
            onInput={typed('days')}
            {...problems.control('days')}
          />
        </Field>
      )}
      {has('satisfaction') && (
        <RadioChoices
          name="satisfaction"
          legend={words.satisfaction}
          options={CASE_SATISFACTIONS}
          words={words.satisfactions}
          value={values.satisfaction}
          onChange={(satisfaction) => setValues({ ...values, satisfaction })}
          problems={problems}
        />
      )}
      {has('mergeInto') && (
        <Field label={words.mergeInto} note={problems.note('mergeInto')}>
          <input
            name="mergeInto"
            inputMode="numeric"
            autoComplete="off"
            list={`${prefix}-similar`}
            value={mergeTracking}
            onInput={(event) => setMergeTracking((event.target as HTMLInputElement).value)}
            {...problems.control('mergeInto')}
          />
          <datalist id={`${prefix}-similar`}>
            {(view.similar ?? []).map((similar) => (
              <option key={similar.id} value={similar.tracking}>
                {similar.description}
              </option>
            ))}
          </datalist>
        </Field>
      )}
      {has('reply') && (
        <Field label={words.reply} note={problems.note('reply')}>
          <textarea
            name="reply"
            rows={4}
            value={values.reply}
            onInput={typed('reply')}
            {...problems.control('reply')}
          />
        </Field>
      )}
      {has('note') && (
        <Field label={words.notes[action as keyof typeof words.notes]} note={problems.note('note')}>
          <textarea name="note" rows={3} value={values.note} onInput={typed('note')} {...problems.control('note')} />
        </Field>
      )}
      <div class="buttons">
        {has('approve') ? (
          <>
            <button type="button" class="primary" onClick={() => void submit(true)}>
              {words.approve}
            </button>
            <button type="button" onClick={() => void submit(false)}>
              {words.sendBack}
            </button>
          </>
        ) : (
          <button type="submit" class="primary">
            {words.confirmStep(step)}
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/** One button per step the case allows the reader now; `take` runs a step, `report` says a failure in the panel. */
export function CaseActions(props: {
  t: AdminStrings;
  view: CaseView;
  tree: OrgTree;
  take: TakeStep;
  report: (error: unknown) => void;
}) {
  const { t, view } = props;
  const words = t.ui.cases;
  const [opened, setOpened] = useState<CaseAction | null>(null);
  const actions = view.actions ?? [];
  if (actions.length === 0) return <p class="muted">{words.noActions}</p>;
  const press = (action: CaseAction) => {
    if (fieldsOf(action).length > 0) return setOpened(opened === action ? null : action);
    // Forwarded, the case leaves the office for the city platform: asked first.
    if (action === 'forward' && !confirm(words.confirmForward)) return;
    void props.take(actionInput(action, view.version, EMPTY_VALUES)).then((error) => error && props.report(error));
  };
  return (
    <div class="stack">
      <div class="buttons wrap">
        {actions.map((action) => (
          <button
            key={action}
            data-action={action}
            aria-expanded={fieldsOf(action).length > 0 ? opened === action : undefined}
            onClick={() => press(action)}
          >
            {words.steps[action]}
          </button>
        ))}
      </div>
      {opened && (
        <StepForm
          key={opened}
          t={t}
          view={view}
          tree={props.tree}
          action={opened}
          take={props.take}
          report={props.report}
          onCancel={() => setOpened(null)}
        />
      )}
    </div>
  );
}
