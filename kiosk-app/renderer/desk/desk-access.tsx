/**
 * Getting to the desk: the clerk's sign-in (user name, password, and the authenticator code when
 * their account asks for one), choosing the PIN for breaks, and the lock screen that PIN opens.
 * Errors are said under the field they concern.
 */
import { useState } from 'preact/hooks';
import type { DeskClerk, DeskStatus, KioskBridge } from '@linli/protocol';
import { DeskInput, DeskSubmit } from './desk-field';
import { deskErrorOf, type DeskStrings } from './desk-strings';

type Errors = Record<string, string>;

export function DeskSignInScreen(props: {
  bridge: KioskBridge;
  t: DeskStrings;
  said?: string;
  onStatus: (status: DeskStatus) => void;
}) {
  const { t } = props;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>(props.said ? { form: props.said } : {});
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      props.onStatus(await props.bridge.deskSignIn({ username: username.trim(), password, ...(totp ? { totp } : {}) }));
    } catch (error) {
      const { field, text } = deskErrorOf(t, error);
      if (field === 'totp') setAskTotp(true);
      setErrors({ [field]: text });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="task-screen desk-access" aria-labelledby="desk-sign-in-title">
      <h1 id="desk-sign-in-title">{t.signInTitle}</h1>
      <p class="muted">{t.signInLead}</p>
      <form onSubmit={submit} aria-busy={busy}>
        <DeskInput
          id="desk-username"
          label={t.username}
          value={username}
          onValue={setUsername}
          error={errors.username}
          attributes={{ name: 'username', autocomplete: 'username', required: true, maxLength: 64 }}
        />
        <DeskInput
          id="desk-password"
          label={t.password}
          value={password}
          onValue={setPassword}
          error={errors.password}
          attributes={{
            name: 'password',
            type: 'password',
            autocomplete: 'current-password',
            required: true,
            maxLength: 200,
          }}
        />
        {askTotp && (
          <DeskInput
            id="desk-totp"
            label={t.totp}
            value={totp}
            onValue={setTotp}
            error={errors.totp}
            attributes={{ name: 'totp', inputMode: 'numeric', autocomplete: 'one-time-code', maxLength: 6 }}
          />
        )}
        <DeskSubmit error={errors.form} label={busy ? t.signingIn : t.signIn} disabled={busy} />
      </form>
    </section>
  );
}

const PIN_SHAPE = /^\d{4,6}$/;

function PinInput(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  onInput: (value: string) => void;
}) {
  return (
    <DeskInput
      id={props.id}
      label={props.label}
      value={props.value}
      error={props.error}
      hint={props.hint}
      onValue={(value) => props.onInput(value.replace(/\D/g, ''))}
      attributes={{ type: 'password', inputMode: 'numeric', autocomplete: 'off', maxLength: 6 }}
    />
  );
}

export function DeskPinScreen(props: { bridge: KioskBridge; t: DeskStrings; onStatus: (status: DeskStatus) => void }) {
  const { t } = props;
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!PIN_SHAPE.test(pin)) return setErrors({ pin: t.pinShape });
    if (pin !== again) return setErrors({ again: t.pinMismatch });
    try {
      props.onStatus(await props.bridge.deskSetPin({ pin }));
    } catch (error) {
      setErrors({ form: deskErrorOf(t, error).text });
    }
  };
  return (
    <section class="task-screen desk-access" aria-labelledby="desk-pin-title">
      <h1 id="desk-pin-title">{t.pinTitle}</h1>
      <p class="muted">{t.pinLead}</p>
      <form onSubmit={submit}>
        <PinInput id="desk-pin" label={t.pin} value={pin} error={errors.pin} hint={t.pinShape} onInput={setPin} />
        <PinInput id="desk-pin-again" label={t.pinAgain} value={again} error={errors.again} onInput={setAgain} />
        <DeskSubmit error={errors.form} label={t.savePin} />
      </form>
    </section>
  );
}

export function DeskLockScreen(props: {
  bridge: KioskBridge;
  t: DeskStrings;
  clerk: DeskClerk;
  onStatus: (status: DeskStatus, said?: string) => void;
}) {
  const { t } = props;
  const [pin, setPin] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      props.onStatus(await props.bridge.deskUnlock({ pin }));
    } catch (failure) {
      const { field, text } = deskErrorOf(t, failure);
      setPin('');
      // Signed out (the last wrong PIN, or the server ended the session): back to the sign-in.
      if (field === 'form') return props.onStatus(await props.bridge.deskStatus({}), text);
      setError(text);
    }
  };
  return (
    <section class="task-screen desk-access desk-locked" aria-labelledby="desk-locked-title">
      <h1 id="desk-locked-title">{t.lockedTitle(props.clerk.displayName)}</h1>
      <p class="muted">{t.lockedLead}</p>
      <form onSubmit={submit}>
        <PinInput id="desk-unlock-pin" label={t.pin} value={pin} error={error} onInput={setPin} />
        <div class="screen-buttons">
          <button class="primary" type="submit" disabled={!PIN_SHAPE.test(pin)}>
            {t.unlock}
          </button>
          <button
            type="button"
            onClick={() => void props.bridge.deskSignOut({}).then((status) => props.onStatus(status))}
          >
            {t.switchClerk}
          </button>
        </div>
      </form>
    </section>
  );
}
