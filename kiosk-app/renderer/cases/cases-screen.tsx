/**
 * 诉求服务: a resident says what they want (我要咨询/求助/投诉/举报/建议), picks the category, writes what
 * happened on the pinyin keyboard, where, and — if they wish — a phone number or the name on the ID
 * card read in this visit (masked on screen), or stays anonymous; a photo through the kiosk's
 * camera if they wish (case-photo.tsx: the camera only on that step); then sends it. The host keeps it
 * in the kiosk's outbox first: with the network down the screen says it is saved and will be sent,
 * and changes as soon as it is. Once taken, the tracking number and the reply date are shown and
 * the 受理单 can be printed. 查询办理进度 asks the tracking number and the last 4 phone digits.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  CASE_NATURES,
  LinliError,
  type BridgeEvent,
  type CaseCategory,
  type CaseNature,
  type CasePublicStatus,
  type CaseSubmission,
  type KioskBridge,
  type Locale,
  type MaskedIdCard,
  maskPhone,
} from '@linli/protocol';
import { useBackStep } from '../back-step';
import { DigitPad } from '../digit-pad';
import { KeyboardInput } from '../keyboard/keyboard-input';
import { LoadedView } from '../loaded-view';
import { useLoaded, valueOf } from '../use-loaded';
import { CameraStep, jpegBase64Of } from './case-photo';
import { CASE_STRINGS, caseErrorText, fieldOf, type CaseStrings } from './case-strings';
import './cases.css';

/** What the resident has written so far: kept while they go back to change the category or a refused case. */
interface Draft {
  description: string;
  place: string;
  /** The address picked from the community's list (its label is the place). */
  addressId?: string;
  phone: string;
  anonymous: boolean;
  cardName: boolean;
  /** The photo taken, as a JPEG data URL (dropped with the draft: when the case is taken, or the visit ends). */
  photo?: string;
}
const EMPTY_DRAFT: Draft = { description: '', place: '', phone: '', anonymous: false, cardName: false };

type Step =
  | { kind: 'nature' }
  | { kind: 'category'; nature: CaseNature; parent?: CaseCategory }
  | { kind: 'details'; nature: CaseNature; category: CaseCategory }
  | { kind: 'photo'; nature: CaseNature; category: CaseCategory }
  | { kind: 'sent'; clientId: string; back: Step }
  | { kind: 'tracking' }
  | { kind: 'phone4'; tracking: string }
  | { kind: 'status'; status: CasePublicStatus };

const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
const TRACKING = { max: 12, valid: /^\d{12}$/ };
const PHONE4 = { max: 4, valid: /^\d{4}$/ };

export function CasesScreen(props: {
  bridge: KioskBridge;
  locale: Locale;
  receiptPrinter: boolean;
  card: MaskedIdCard | null;
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  onDone: () => void;
}) {
  const { bridge, locale } = props;
  const t = CASE_STRINGS[locale];
  const catalogue = useLoaded(() => bridge.caseCatalogue({}), 'case-catalogue');
  const [step, setStep] = useState<Step>({ kind: 'nature' });
  const [number, setNumber] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);

  useBackStep(
    step.kind === 'nature'
      ? null
      : step.kind === 'category' && step.parent
        ? () => setStep({ kind: 'category', nature: step.nature })
        : step.kind === 'details'
          ? () => setStep({ kind: 'category', nature: step.nature })
          : step.kind === 'photo'
            ? () => setStep({ kind: 'details', nature: step.nature, category: step.category })
            : step.kind === 'phone4'
              ? () => setStep({ kind: 'tracking' })
              : () => setStep({ kind: 'nature' }),
  );

  const typed = (next: string) => {
    setNumber(next);
    setError('');
  };
  const lookUp = async (tracking: string, phoneLast4: string) => {
    setBusy(true);
    setError('');
    try {
      setStep({ kind: 'status', status: await bridge.caseStatus({ tracking, phoneLast4 }) });
    } catch (failure) {
      setError(caseErrorText(t, failure));
    } finally {
      setBusy(false);
    }
  };
  const categoryName = (path: string) =>
    valueOf(catalogue.loaded)?.categories.find((category) => category.path === path)?.names[locale] ?? path;

  return (
    <section class="task-screen cases-screen" aria-labelledby="cases-title" aria-busy={busy}>
      <h1 id="cases-title">
        {step.kind === 'photo'
          ? t.cameraTitle
          : step.kind === 'category' || step.kind === 'details'
            ? t.iWant[step.nature]
            : step.kind === 'tracking' || step.kind === 'phone4' || step.kind === 'status'
              ? t.lookUp
              : t.title}
      </h1>
      {step.kind === 'nature' && (
        <>
          <p class="case-lead">{t.chooseNature}</p>
          <ul class="case-natures" role="list">
            {CASE_NATURES.map((nature) => (
              <li key={nature}>
                <button
                  class="choice-tile case-nature"
                  data-nature={nature}
                  onClick={() => setStep({ kind: 'category', nature })}
                >
                  <span class="choice-tile-name">{t.iWant[nature]}</span>
                  <span class="choice-tile-hint">{t.wantHints[nature]}</span>
                </button>
              </li>
            ))}
          </ul>
          <button
            class="case-look-up"
            onClick={() => {
              setNumber('');
              setError('');
              setStep({ kind: 'tracking' });
            }}
          >
            {t.lookUp}
            <span class="muted"> · {t.lookUpHint}</span>
          </button>
        </>
      )}
      {step.kind === 'category' && (
        <LoadedView loaded={catalogue.loaded} retry={catalogue.retry} locale={locale}>
          {({ categories }) => {
            const under = (parent: string | undefined) =>
              categories.filter((category) => {
                const at = category.path.lastIndexOf('/');
                return parent === undefined ? at < 0 : category.path.slice(0, at) === parent;
              });
            const shown = under(step.parent?.path);
            const choose = (category: CaseCategory) =>
              step.parent || under(category.path).length === 0
                ? setStep({ kind: 'details', nature: step.nature, category })
                : setStep({ kind: 'category', nature: step.nature, parent: category });
            return (
              <>
                <p class="case-lead">{step.parent ? step.parent.names[locale] : t.chooseCategory}</p>
                <ul class="case-categories" role="list">
                  {shown.map((category) => (
                    <li key={category.path}>
                      <button class="case-category" onClick={() => choose(category)}>
                        {category.names[locale]}
                      </button>
                    </li>
                  ))}
                  {step.parent && (
                    <li>
                      <button
                        class="case-category"
                        onClick={() => setStep({ kind: 'details', nature: step.nature, category: step.parent! })}
                      >
                        {t.otherIn(step.parent.names[locale])}
                      </button>
                    </li>
                  )}
                </ul>
              </>
            );
          }}
        </LoadedView>
      )}
      {step.kind === 'details' && (
        <CaseDetails
          t={t}
          draft={draft}
          onDraft={(change) => setDraft((current) => ({ ...current, ...change }))}
          locale={locale}
          nature={step.nature}
          category={step.category}
          card={props.card}
          bridge={bridge}
          onCamera={() => setStep({ kind: 'photo', nature: step.nature, category: step.category })}
          onSent={(clientId) => setStep({ kind: 'sent', clientId, back: step })}
        />
      )}
      {step.kind === 'photo' && (
        <CameraStep
          t={t}
          bridge={bridge}
          onTaken={(photo) => {
            setDraft((current) => ({ ...current, photo }));
            setStep({ kind: 'details', nature: step.nature, category: step.category });
          }}
          onNoPhoto={() => {
            setDraft(({ photo: _dropped, ...current }) => current);
            setStep({ kind: 'details', nature: step.nature, category: step.category });
          }}
        />
      )}
      {step.kind === 'sent' && (
        <SubmissionView
          t={t}
          locale={locale}
          bridge={bridge}
          clientId={step.clientId}
          receiptPrinter={props.receiptPrinter}
          subscribe={props.subscribe}
          onEdit={() => setStep(step.back)}
          onSent={() => setDraft(EMPTY_DRAFT)}
          onAnother={() => setStep({ kind: 'nature' })}
          onDone={props.onDone}
        />
      )}
      {step.kind === 'tracking' && (
        <DigitPad
          id="case-tracking"
          words={t}
          label={t.enterTracking}
          hint={t.trackingHint}
          accepts={TRACKING}
          number={number}
          onNumber={typed}
          error={error}
          busy={busy}
          submit={t.next}
          onSubmit={() => {
            setStep({ kind: 'phone4', tracking: number });
            setNumber('');
          }}
        />
      )}
      {step.kind === 'phone4' && (
        <DigitPad
          id="case-phone4"
          words={t}
          label={t.enterPhone4}
          hint={t.phone4Hint}
          accepts={PHONE4}
          number={number}
          onNumber={typed}
          error={error}
          busy={busy}
          submit={t.query}
          onSubmit={() => void lookUp(step.tracking, number)}
        />
      )}
      {step.kind === 'status' && (
        <div class="case-status" data-state={step.status.state}>
          <p class="case-state">{t.publicStates[step.status.state]}</p>
          <dl class="facts">
            <div class="fact">
              <dt>{t.tracking}</dt>
              <dd class="case-tracking">{step.status.tracking}</dd>
            </div>
            <div class="fact">
              <dt>{t.iWant[step.status.nature]}</dt>
              <dd>{categoryName(step.status.category)}</dd>
            </div>
            <div class="fact">
              <dt>{t.receivedAt}</dt>
              <dd>{beijingMinute(step.status.receivedAt, locale)}</dd>
            </div>
            <div class="fact">
              <dt>{t.replyBy}</dt>
              <dd>{step.status.replyBy}</dd>
            </div>
          </dl>
          {step.status.reply && (
            <>
              <h2>{t.reply}</h2>
              <p class="case-reply">{step.status.reply}</p>
            </>
          )}
          <div class="screen-buttons">
            <button class="primary" onClick={props.onDone}>
              {t.done}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** What happened, where, and how to reach the resident; the errors beside the field they concern. */
function CaseDetails(props: {
  t: CaseStrings;
  locale: Locale;
  nature: CaseNature;
  category: CaseCategory;
  card: MaskedIdCard | null;
  bridge: KioskBridge;
  draft: Draft;
  onDraft: (change: Partial<Draft>) => void;
  /** To the photo step (拍照, 重拍). */
  onCamera: () => void;
  onSent: (clientId: string) => void;
}) {
  const { t, onDraft } = props;
  const { description, place, phone, anonymous, cardName, addressId, photo } = props.draft;
  // The community's buildings and units; without them the place is typed.
  const addresses = valueOf(useLoaded(() => props.bridge.caseAddresses({}), 'case-addresses').loaded)?.addresses ?? [];
  const [keyboardFor, setKeyboardFor] = useState<'description' | 'place' | 'phone' | null>(null);
  const [problems, setProblems] = useState<{ field?: string; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const keyboard = (field: 'description' | 'place' | 'phone') => ({
    keyboardOpen: keyboardFor === field,
    onKeyboard: (open: boolean) => setKeyboardFor(open ? field : null),
  });
  const problemFor = (field: string) => (problems?.field === field ? problems.text : undefined);

  const send = async () => {
    setKeyboardFor(null);
    if (!description.trim()) return setProblems({ field: 'description', text: t.errors.emptyDescription });
    if (!anonymous && phone && !PHONE.test(phone)) return setProblems({ field: 'phone', text: t.errors.phone });
    setProblems(null);
    setSending(true);
    try {
      const submission = await props.bridge.submitCase({
        nature: props.nature,
        category: props.category.path,
        description: description.trim(),
        ...(place.trim() && { location: { text: place.trim(), ...(addressId && { addressId }) } }),
        ...(!anonymous && phone && { contact: { phone } }),
        ...(!anonymous && cardName && { nameFromIdCard: true }),
        ...(photo && { photo: { jpegBase64: jpegBase64Of(photo) } }),
      });
      props.onSent(submission.clientId);
    } catch (failure) {
      const code = failure instanceof LinliError ? failure.code : undefined;
      const photoFault = code === 'MEDIA_TOO_LARGE' || code === 'MEDIA_TYPE_UNSUPPORTED' || code === 'BODY_TOO_LARGE';
      const field = photoFault ? 'photo' : fieldOf(failure);
      setProblems({ ...(field && { field }), text: caseErrorText(t, failure) });
    } finally {
      setSending(false);
    }
  };

  const field = (
    name: 'description' | 'place' | 'phone',
    label: string,
    hint: string,
    input: (describedBy: string, invalid: boolean) => ComponentChildren,
    optional = false,
  ) => {
    const problem = problemFor(name === 'place' ? 'location' : name);
    return (
      <div class="form-question" data-invalid={problem ? 'true' : undefined}>
        <label for={`case-${name}`}>
          {label}
          {optional && <span class="tag">{t.optional}</span>}
        </label>
        {input(problem ? `case-${name}-error` : `case-${name}-hint`, !!problem)}
        {problem ? (
          <p class="field-error" id={`case-${name}-error`}>
            {problem}
          </p>
        ) : (
          <p class="muted" id={`case-${name}-hint`}>
            {hint}
          </p>
        )}
      </div>
    );
  };

  return (
    <div class="case-details">
      <p class="case-lead">{props.category.names[props.locale]}</p>
      {field('description', t.describe, t.describeHint, (describedBy, invalid) => (
        <KeyboardInput
          id="case-description"
          multiline
          locale={props.locale}
          label={t.describe}
          value={description}
          onValue={(value) => onDraft({ description: value })}
          maxLength={4000}
          describedBy={describedBy}
          invalid={invalid}
          {...keyboard('description')}
        />
      ))}
      {field(
        'place',
        t.location,
        t.locationHint,
        (describedBy, invalid) => (
          <KeyboardInput
            id="case-place"
            locale={props.locale}
            label={t.location}
            value={place}
            onValue={(value) => onDraft({ place: value, addressId: undefined })}
            maxLength={120}
            describedBy={describedBy}
            invalid={invalid}
            {...keyboard('place')}
          />
        ),
        true,
      )}
      {addresses.length > 0 && (
        <div class="case-addresses" role="group" aria-label={t.pickAddress}>
          <p class="muted">{t.pickAddress}</p>
          {addresses.map((address) => (
            <button
              key={address.id}
              type="button"
              aria-pressed={address.id === addressId}
              onClick={() => onDraft({ place: address.label, addressId: address.id })}
            >
              {address.label}
            </button>
          ))}
        </div>
      )}
      <div class="form-question case-photo" data-invalid={problemFor('photo') ? 'true' : undefined}>
        <p class="case-photo-label" id="case-photo-label">
          {t.photo}
          <span class="tag">{t.optional}</span>
        </p>
        {photo && <img class="case-photo-preview" src={photo} alt={t.photoAlt} />}
        <div class="case-photo-buttons" role="group" aria-labelledby="case-photo-label">
          {photo ? (
            <>
              <button type="button" onClick={props.onCamera}>
                {t.retake}
              </button>
              <button type="button" onClick={() => onDraft({ photo: undefined })}>
                {t.noPhoto}
              </button>
            </>
          ) : (
            <button type="button" class="case-take-photo" onClick={props.onCamera}>
              {t.takePhoto}
            </button>
          )}
        </div>
        {problemFor('photo') ? (
          <p class="field-error" id="case-photo-error" role="alert">
            {problemFor('photo')}
          </p>
        ) : (
          <p class="muted">{t.photoHint}</p>
        )}
      </div>
      <label class="case-check">
        <input
          type="checkbox"
          checked={anonymous}
          onChange={(event) => onDraft({ anonymous: (event.target as HTMLInputElement).checked })}
        />
        {t.anonymous}
      </label>
      {anonymous ? (
        <p class="muted">{t.anonymousNote}</p>
      ) : (
        <>
          {field(
            'phone',
            t.phone,
            t.phoneHint,
            (describedBy, invalid) => (
              <KeyboardInput
                id="case-phone"
                type="tel"
                mode="digits"
                locale={props.locale}
                label={t.phone}
                value={phone}
                onValue={(value) => onDraft({ phone: value.replace(/[^\d-]/g, '') })}
                masked={(value) => (PHONE.test(value) ? maskPhone(value) : value)}
                maxLength={13}
                describedBy={describedBy}
                invalid={invalid}
                {...keyboard('phone')}
              />
            ),
            true,
          )}
          {props.card && (
            <label class="case-check">
              <input
                type="checkbox"
                checked={cardName}
                onChange={(event) => onDraft({ cardName: (event.target as HTMLInputElement).checked })}
              />
              {t.useCardName(props.card.name)}
              <span class="muted case-consent">{t.cardNameConsent}</span>
            </label>
          )}
        </>
      )}
      {problems && !problems.field && (
        <p class="task-error" role="alert">
          {problems.text}
        </p>
      )}
      <div class="screen-buttons">
        <button class="primary" disabled={sending} onClick={() => void send()}>
          {sending ? t.sending : t.submit}
        </button>
      </div>
    </div>
  );
}

/** A submission of this visit: queued, sent or rejected, following the host as it moves. */
function SubmissionView(props: {
  t: CaseStrings;
  locale: Locale;
  bridge: KioskBridge;
  clientId: string;
  receiptPrinter: boolean;
  subscribe: (listener: (event: BridgeEvent) => void) => () => void;
  onEdit: () => void;
  /** The case is taken: what was written can go. */
  onSent: () => void;
  onAnother: () => void;
  onDone: () => void;
}) {
  const { t, bridge } = props;
  const [revision, setRevision] = useState(0);
  useEffect(
    () => props.subscribe((event) => event === 'cases-changed' && setRevision((value) => value + 1)),
    [props.subscribe],
  );
  const submissions = useLoaded(() => bridge.caseSubmissions({}), 'case-submissions', [revision]);
  const sent =
    valueOf(submissions.loaded)?.items.some((entry) => entry.clientId === props.clientId && entry.state === 'sent') ??
    false;
  useEffect(() => {
    if (sent) props.onSent();
  }, [sent]);
  const [printing, setPrinting] = useState<{ text: string; failed?: boolean } | null>(null);
  const print = () => {
    setPrinting({ text: t.printingTicket });
    bridge.printCaseTicket({ clientId: props.clientId, locale: props.locale }).then(
      () => setPrinting({ text: t.ticketPrinted }),
      () => setPrinting({ text: t.ticketFailed, failed: true }),
    );
  };
  return (
    <LoadedView loaded={submissions.loaded} retry={submissions.retry} locale={props.locale}>
      {({ items, waitingFromEarlier }) => {
        const item: CaseSubmission | undefined = items.find((entry) => entry.clientId === props.clientId);
        if (!item) return null;
        return (
          <div class="case-submission" data-state={item.state} role="status">
            <p class="case-state">{t.states[item.state]}</p>
            {item.state === 'queued' && <p class="case-queued">{t.queuedNote}</p>}
            {item.state === 'rejected' && (
              <p class="task-error" role="alert">
                {caseRejection(t, item)}
              </p>
            )}
            {item.state === 'sent' && (
              <>
                <dl class="facts">
                  <div class="fact">
                    <dt>{t.tracking}</dt>
                    <dd class="case-tracking">{item.tracking}</dd>
                  </div>
                  <div class="fact">
                    <dt>{t.replyBy}</dt>
                    <dd>{item.replyBy}</dd>
                  </div>
                </dl>
                <p class="muted">{t.keepTracking}</p>
              </>
            )}
            {printing && (
              <p class={printing.failed ? 'task-error' : 'case-printing'} role={printing.failed ? 'alert' : 'status'}>
                {printing.text}
              </p>
            )}
            {waitingFromEarlier > 0 && <p class="muted">{t.waitingFromEarlier(waitingFromEarlier)}</p>}
            <div class="screen-buttons">
              {item.state === 'sent' && props.receiptPrinter && (
                <button class="primary" onClick={print}>
                  {t.printTicket}
                </button>
              )}
              {item.state === 'rejected' && <button onClick={props.onEdit}>{t.edit}</button>}
              <button onClick={props.onAnother}>{t.another}</button>
              <button onClick={props.onDone}>{t.done}</button>
            </div>
          </div>
        );
      }}
    </LoadedView>
  );
}

function caseRejection(t: CaseStrings, item: CaseSubmission): string {
  switch (item.error?.code) {
    case 'CASE_CATEGORY_UNKNOWN':
      return t.errors.category;
    case 'MEDIA_TOO_LARGE':
      return t.errors.photoTooLarge;
    case 'MEDIA_TYPE_UNSUPPORTED':
      return t.errors.photoType;
    case 'VALIDATION_FAILED':
      return item.error.message.includes('phone') ? t.errors.phone : t.errors.other;
    default:
      return t.errors.other;
  }
}

const beijingMinute = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
