/**
 * 咨询台账 at the desk: the clerk writes down each consultation — what was asked, its category,
 * answered on the spot or forwarded (and where), the resident's name and phone if they gave them
 * (kept masked) — and sees today's counts and their latest entries. Errors under their field.
 */
import { useState } from 'preact/hooks';
import {
  CONSULTATION_CATEGORIES,
  CONSULTATION_OUTCOMES,
  type ConsultationCategory,
  type ConsultationOutcome,
  type DeskToday,
  type KioskBridge,
} from '@linli/protocol';
import { DeskField, DeskInput, DeskSubmit } from './desk-field';
import { deskErrorOf, type DeskStrings } from './desk-strings';

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
/** The time of day an entry was written, on the desk's clock. */
const timeOf = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

export function LedgerScreen(props: {
  bridge: KioskBridge;
  t: DeskStrings;
  today: DeskToday | null;
  onRecorded: () => void;
  onSignedOut: (said: string) => void;
}) {
  const { t } = props;
  const [topic, setTopic] = useState('');
  const [category, setCategory] = useState<ConsultationCategory>('other');
  const [outcome, setOutcome] = useState<ConsultationOutcome>('answered');
  const [forwardedTo, setForwardedTo] = useState('');
  const [residentName, setResidentName] = useState('');
  const [residentPhone, setResidentPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [recorded, setRecorded] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!topic.trim()) problems.topic = t.errors.topicBlank;
    if (outcome === 'forwarded' && !forwardedTo.trim()) problems.forwardedTo = t.errors.forwardedTo;
    if (residentPhone && !PHONE.test(residentPhone)) problems.residentPhone = t.errors.phone;
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      await props.bridge.recordConsultation({
        topic: topic.trim(),
        category,
        outcome,
        ...(outcome === 'forwarded' ? { forwardedTo: forwardedTo.trim() } : {}),
        ...(residentName.trim() ? { residentName: residentName.trim() } : {}),
        ...(residentPhone ? { residentPhone } : {}),
      });
      setTopic('');
      setForwardedTo('');
      setResidentName('');
      setResidentPhone('');
      setRecorded(true);
      props.onRecorded();
    } catch (error) {
      const { field, text } = deskErrorOf(t, error);
      if (field === 'form' && text === t.errors.signedOut) return props.onSignedOut(text);
      setErrors({ [field]: text });
    }
  };

  const today = props.today;
  return (
    <section class="task-screen ledger-screen" aria-labelledby="ledger-title">
      <h1 id="ledger-title">{t.ledgerTitle}</h1>
      <form class="ledger-form" onSubmit={submit}>
        <DeskInput
          id="ledger-topic"
          label={t.topic}
          value={topic}
          onValue={(value) => {
            setTopic(value);
            setRecorded(false);
          }}
          error={errors.topic}
          hint={t.topicHint}
          attributes={{ maxLength: 200 }}
        />
        <DeskField id="ledger-category" label={t.category}>
          {(describedBy) => (
            <select
              id="ledger-category"
              value={category}
              aria-describedby={describedBy}
              onChange={(event) => setCategory((event.target as HTMLSelectElement).value as ConsultationCategory)}
            >
              {CONSULTATION_CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {t.categories[value]}
                </option>
              ))}
            </select>
          )}
        </DeskField>
        <fieldset class="ledger-outcome">
          <legend>{t.outcome}</legend>
          {CONSULTATION_OUTCOMES.map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="outcome"
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              {t.outcomes[value]}
            </label>
          ))}
        </fieldset>
        {outcome === 'forwarded' && (
          <DeskInput
            id="ledger-forwarded"
            label={t.forwardedTo}
            value={forwardedTo}
            onValue={setForwardedTo}
            error={errors.forwardedTo}
            hint={t.forwardedToHint}
            attributes={{ maxLength: 60 }}
          />
        )}
        <div class="ledger-resident">
          <DeskInput
            id="ledger-name"
            label={t.residentName}
            value={residentName}
            onValue={setResidentName}
            error={errors.residentName}
            attributes={{ maxLength: 40, autocomplete: 'off' }}
          />
          <DeskInput
            id="ledger-phone"
            label={t.residentPhone}
            value={residentPhone}
            onValue={setResidentPhone}
            error={errors.residentPhone}
            attributes={{ maxLength: 13, inputMode: 'tel', autocomplete: 'off' }}
          />
        </div>
        <p class="muted">{t.residentHint}</p>
        <DeskSubmit error={errors.form} label={t.record} />
        {recorded && (
          <p class="print-note" role="status">
            {t.recorded}
          </p>
        )}
      </form>
      <section class="ledger-recent" aria-labelledby="ledger-recent-title">
        <h2 id="ledger-recent-title">{t.recentTitle}</h2>
        {today && today.recent.length > 0 ? (
          <table>
            <tbody>
              {today.recent.map((entry) => (
                <tr key={entry.id}>
                  <td>{timeOf(entry.at)}</td>
                  <td>{t.categories[entry.category]}</td>
                  <td>{entry.topic}</td>
                  <td>
                    {t.outcomes[entry.outcome]}
                    {entry.forwardedTo ? ` → ${entry.forwardedTo}` : ''}
                  </td>
                  <td>{[entry.residentMasked, entry.phoneMasked].filter(Boolean).join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{t.noneYet}</p>
        )}
      </section>
    </section>
  );
}
