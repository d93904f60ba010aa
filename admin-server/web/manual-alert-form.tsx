/**
 * Write a manual alert: pick a template (暴雨/台风/停水/停电/疫情/消防/其他) and it fills the level,
 * headline, texts and how long it lasts; change what the situation needs, tick the area (nodes of
 * your own subtree), and submit it for someone else to approve. Server errors show under their fields.
 */
import { useState } from 'preact/hooks';
import {
  alertTone,
  LinliError,
  MANUAL_ALERT_KINDS,
  MANUAL_ALERT_SEVERITIES,
  type ManualAlertInput,
  type ManualAlertSeverity,
  type OrgTree,
} from '@linli/protocol';
import { api } from './api';
import { fromLocalInput, toLocalInput } from './datetime-input';
import { Field, ErrorBox, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { fromTemplate, withSeverity } from './manual-alert-draft';
import { ownSubtree } from './org-tree';

export function ManualAlertForm(props: { t: AdminStrings; tree: OrgTree; onDone: (message?: string) => void }) {
  const { t, tree } = props;
  const words = t.ui.alerts;
  const [input, setInput] = useState<ManualAlertInput>(() => fromTemplate('rainstorm', [], new Date()));
  const [error, setError] = useState<LinliError | null>(null);
  const problems = fieldErrors(t, error, 'manual-alert');
  const text = (field: 'headline' | 'description' | 'instruction') => (event: Event) =>
    setInput({ ...input, [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value });
  const toggleNode = (id: number) =>
    setInput({
      ...input,
      orgIds: input.orgIds.includes(id) ? input.orgIds.filter((other) => other !== id) : [...input.orgIds, id],
    });
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      await api.createManualAlert(input);
      props.onDone(words.submitted);
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  return (
    <form class="editor" onSubmit={submit} aria-label={words.newAlert}>
      <ErrorBox error={error} t={t} />
      <fieldset class="targets templates">
        <legend>{words.template}</legend>
        {MANUAL_ALERT_KINDS.map((kind) => (
          <label key={kind} class="inline">
            <input
              type="radio"
              name="kind"
              value={kind}
              checked={input.kind === kind}
              onChange={() => setInput(fromTemplate(kind, input.orgIds, new Date()))}
            />
            {words.kinds[kind]}
          </label>
        ))}
      </fieldset>
      <div class="row">
        <label class="field">
          <span>{words.severity}</span>
          <select
            name="severity"
            class={`tone tone-${alertTone(input.severity)}`}
            value={input.severity}
            onChange={(e) =>
              setInput(withSeverity(input, (e.target as HTMLSelectElement).value as ManualAlertSeverity))
            }
          >
            {MANUAL_ALERT_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {words.severities[severity]}
              </option>
            ))}
          </select>
        </label>
        <Field label={words.headline} note={problems.note('headline')}>
          <input
            name="headline"
            required
            maxLength={80}
            value={input.headline}
            onInput={text('headline')}
            {...problems.control('headline')}
          />
        </Field>
      </div>
      <Field label={words.description} note={problems.note('description')}>
        <textarea
          name="description"
          rows={4}
          required
          maxLength={2000}
          value={input.description}
          onInput={text('description')}
          {...problems.control('description')}
        />
      </Field>
      <Field label={words.instruction} note={problems.note('instruction')}>
        <textarea
          name="instruction"
          rows={3}
          maxLength={1000}
          value={input.instruction}
          onInput={text('instruction')}
          {...problems.control('instruction')}
        />
      </Field>
      <div class="row">
        <Field label={words.expiresAt} note={problems.note('expiresAt')}>
          <input
            name="expiresAt"
            type="datetime-local"
            required
            value={toLocalInput(input.expiresAt)}
            onInput={(e) =>
              setInput({ ...input, expiresAt: fromLocalInput((e.target as HTMLInputElement).value) ?? '' })
            }
            {...problems.control('expiresAt')}
          />
        </Field>
        <label class="inline">
          <input
            type="checkbox"
            name="exercise"
            checked={input.exercise}
            onChange={(e) => setInput({ ...input, exercise: (e.target as HTMLInputElement).checked })}
          />
          {words.exercise}
        </label>
      </div>
      <fieldset class="targets" {...problems.control('orgIds', true)}>
        <legend>{words.areaPicker}</legend>
        <p class="muted">{words.areaHint}</p>
        {ownSubtree(tree).map(({ node }) => (
          <label key={node.id} class="inline">
            <input
              type="checkbox"
              name="area"
              value={node.id}
              checked={input.orgIds.includes(node.id)}
              onChange={() => toggleNode(node.id)}
            />
            {node.name}
          </label>
        ))}
        {problems.note('orgIds', true)}
      </fieldset>
      <div class="buttons">
        <button type="submit" class="primary">
          {words.submit}
        </button>
        <button type="button" onClick={() => props.onDone()}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
