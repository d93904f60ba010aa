/**
 * 登记诉求: a walk-in or a phone call written up by staff. For a call: the caller's number, when it
 * came (Beijing time, whatever zone the browser is in), how long it lasted and the recording's
 * reference; then where it is taken, the kind, the category (indented under its parent), urgency,
 * what happened and where, who to call back (nobody: anonymous), and an answer given on the spot,
 * which closes the case at once. The server checks everything; its problems show under their fields.
 */
import { useState } from 'preact/hooks';
import {
  CASE_NATURES,
  CASE_URGENCIES,
  LinliError,
  type CaseCall,
  type CaseCatalogue,
  type CaseNature,
  type CaseReceipt,
  type CaseUrgency,
  type Locale,
  type OrgTree,
  type StaffCaseInput,
} from '@linli/protocol';
import { api } from './api';
import { categoryDepth } from './case-words';
import { ErrorBox, Field, RadioChoices, fieldErrors, needsSummary } from './feedback';
import type { AdminStrings } from './i18n';
import { ownSubtree } from './org-tree';
import { REPORT_TIME_ZONE } from './proof-of-play';
import { instantOfWallTime, wallTimeInput } from './schedule-time';

/** The form as typed: text as it stands, the call time as Beijing wall-clock time (`2026-09-30T10:05`). */
interface Draft {
  channel: 'walk-in' | 'phone';
  orgId: number;
  callerNumber: string;
  calledAt: string;
  durationSeconds: string;
  recordingRef: string;
  nature: CaseNature;
  category: string;
  urgency: CaseUrgency;
  description: string;
  location: string;
  contactName: string;
  contactPhone: string;
  answer: string;
}
type TextField = Exclude<keyof Draft, 'channel' | 'orgId' | 'nature' | 'urgency'>;

/** Every field the form shows, by the path the server names it with. */
const PATHS = [
  'orgId',
  'call/callerNumber',
  'call/calledAt',
  'call/durationSeconds',
  'call/recordingRef',
  'nature',
  'category',
  'urgency',
  'description',
  'location/text',
  'contact/name',
  'contact/phone',
  'answer',
];

/** Blank text left out, so the server's "must not be empty" and "required" read as the field's own problem. */
function staffCaseInput(draft: Draft): StaffCaseInput {
  const given = (value: string) => value.trim() || undefined;
  const name = given(draft.contactName);
  const phone = given(draft.contactPhone);
  const location = given(draft.location);
  const answer = given(draft.answer);
  const calledAt = instantOfWallTime(draft.calledAt, REPORT_TIME_ZONE);
  const seconds = given(draft.durationSeconds);
  const recordingRef = given(draft.recordingRef);
  // A call missing its time or length is sent as it is: the server's "required" goes under the field.
  const call = {
    callerNumber: draft.callerNumber.trim(),
    ...(calledAt === null ? {} : { calledAt: new Date(calledAt).toISOString() }),
    ...(seconds ? { durationSeconds: Number(seconds) } : {}),
    ...(recordingRef ? { recordingRef } : {}),
  } as CaseCall;
  return {
    channel: draft.channel,
    orgId: draft.orgId,
    nature: draft.nature,
    category: draft.category,
    urgency: draft.urgency,
    description: draft.description,
    ...(location ? { location: { text: location } } : {}),
    ...(name || phone ? { contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
    ...(answer ? { answer } : {}),
    ...(draft.channel === 'phone' ? { call } : {}),
  };
}

export function CaseIntakeForm(props: {
  t: AdminStrings;
  locale: Locale;
  tree: OrgTree;
  catalogue: CaseCatalogue;
  onRegistered: (receipt: CaseReceipt) => void;
  onCancel: () => void;
}) {
  const { t, catalogue } = props;
  const words = t.ui.cases;
  const [draft, setDraft] = useState<Draft>(() => ({
    channel: 'walk-in',
    orgId: props.tree.rootId,
    callerNumber: '',
    calledAt: wallTimeInput(Date.now(), REPORT_TIME_ZONE),
    durationSeconds: '',
    recordingRef: '',
    nature: 'consultation',
    category: '',
    urgency: 'normal',
    description: '',
    location: '',
    contactName: '',
    contactPhone: '',
    answer: '',
  }));
  const [error, setError] = useState<LinliError | null>(null);
  const problems = fieldErrors(t, error, 'case-intake');
  const typed = (field: TextField) => (event: Event) =>
    setDraft({ ...draft, [field]: (event.target as HTMLInputElement | HTMLTextAreaElement).value });
  /** A text input or box bound to its draft field, marked when the server names its path. */
  const text = (field: TextField, path: string) => ({
    name: field,
    value: draft[field],
    onInput: typed(field),
    ...problems.control(path),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      props.onRegistered(await api.registerCase(staffCaseInput(draft)));
    } catch (caught) {
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };

  return (
    <form class="editor case-intake" onSubmit={submit} aria-labelledby="case-intake-title">
      <h2 id="case-intake-title">{words.register}</h2>
      {needsSummary(t, error, PATHS) && <ErrorBox error={error} t={t} />}
      <div class="row">
        <RadioChoices
          name="channel"
          legend={words.channel}
          options={['walk-in', 'phone'] as const}
          words={words.channels}
          value={draft.channel}
          onChange={(channel) => setDraft({ ...draft, channel })}
        />
        <Field label={words.intakeOrg} note={problems.note('orgId')}>
          <select
            name="orgId"
            value={String(draft.orgId)}
            onChange={(event) => setDraft({ ...draft, orgId: Number((event.target as HTMLSelectElement).value) })}
            {...problems.control('orgId')}
          >
            {ownSubtree(props.tree).map(({ node, depth }) => (
              <option key={node.id} value={node.id}>
                {'\u3000'.repeat(depth)}
                {node.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {draft.channel === 'phone' && (
        <div class="row wrap">
          <Field label={words.callerNumber} note={problems.note('call/callerNumber')}>
            <input inputMode="tel" autoComplete="off" required {...text('callerNumber', 'call/callerNumber')} />
          </Field>
          <Field label={words.calledAt} note={problems.note('call/calledAt')}>
            <input type="datetime-local" required {...text('calledAt', 'call/calledAt')} />
          </Field>
          <Field label={words.durationSeconds} note={problems.note('call/durationSeconds')}>
            <input type="number" min={0} required {...text('durationSeconds', 'call/durationSeconds')} />
          </Field>
          <Field label={words.recordingRef} note={problems.note('call/recordingRef')}>
            <input autoComplete="off" {...text('recordingRef', 'call/recordingRef')} />
          </Field>
        </div>
      )}
      <div class="row">
        <Field label={words.nature} note={problems.note('nature')}>
          <select
            name="nature"
            value={draft.nature}
            onChange={(event) =>
              setDraft({ ...draft, nature: (event.target as HTMLSelectElement).value as CaseNature })
            }
            {...problems.control('nature')}
          >
            {CASE_NATURES.map((nature) => (
              <option key={nature} value={nature}>
                {words.natures[nature]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.category} note={problems.note('category')}>
          <select
            name="category"
            required
            value={draft.category}
            onChange={(event) => setDraft({ ...draft, category: (event.target as HTMLSelectElement).value })}
            {...problems.control('category')}
          >
            <option value="">{words.chooseCategory}</option>
            {catalogue.categories.map((category) => (
              <option key={category.path} value={category.path}>
                {'\u3000'.repeat(categoryDepth(category))}
                {category.names[props.locale]}
              </option>
            ))}
          </select>
        </Field>
        <RadioChoices
          name="urgency"
          legend={words.urgency}
          options={CASE_URGENCIES}
          words={words.urgencies}
          value={draft.urgency}
          onChange={(urgency) => setDraft({ ...draft, urgency })}
          problems={problems}
        />
      </div>
      <Field label={words.description} note={problems.note('description')}>
        <textarea rows={4} required {...text('description', 'description')} />
      </Field>
      <Field label={words.locationText} note={problems.note('location/text')}>
        <input {...text('location', 'location/text')} />
      </Field>
      <div class="row">
        <Field label={words.contactName} note={problems.note('contact/name')}>
          <input autoComplete="off" {...text('contactName', 'contact/name')} />
        </Field>
        <Field label={words.contactPhone} note={problems.note('contact/phone')}>
          <input inputMode="tel" autoComplete="off" {...text('contactPhone', 'contact/phone')} />
        </Field>
      </div>
      <p class="muted">{words.anonymousHint}</p>
      <Field
        label={words.answer}
        note={
          <>
            <span class="muted">{words.answerHint}</span>
            {problems.note('answer')}
          </>
        }
      >
        <textarea rows={3} {...text('answer', 'answer')} />
      </Field>
      <div class="buttons">
        <button type="submit" class="primary">
          {words.save}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
