/**
 * The signed-in user's own account: change the password, turn two-step sign-in on or off. While the
 * password is one an administrator set, it is all there is: the user chooses their own first.
 */
import { useState } from 'preact/hooks';
import { passwordProblem, type SessionView, type TotpSetup } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';

export function AccountPage(props: { t: AdminStrings; session: SessionView; onChanged: () => void }) {
  const { t, session } = props;
  const firstPassword = session.mustChangePassword;
  const { act, feedback } = useActions(t);
  const [newPassword, setNewPassword] = useState('');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const problem = newPassword ? passwordProblem(newPassword, session.username) : undefined;

  const changePassword = (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const current = String(new FormData(form).get('currentPassword'));
    if (problem) return;
    void act(async () => {
      await api.changePassword(current, newPassword);
      form.reset();
      setNewPassword('');
      props.onChanged();
      return t.passwordChanged;
    });
  };
  const startTotp = (event: Event) => {
    event.preventDefault();
    const current = String(new FormData(event.target as HTMLFormElement).get('currentPassword'));
    void act(async () => setSetup(await api.startTotp(current)));
  };
  const confirmTotp = (event: Event) => {
    event.preventDefault();
    const code = String(new FormData(event.target as HTMLFormElement).get('code')).trim();
    void act(async () => {
      await api.confirmTotp(code);
      setSetup(null);
      props.onChanged();
      return t.totpEnabled;
    });
  };
  const disableTotp = (event: Event) => {
    event.preventDefault();
    const current = String(new FormData(event.target as HTMLFormElement).get('currentPassword'));
    void act(async () => {
      await api.disableTotp(current);
      props.onChanged();
      return t.totpDisabled;
    });
  };

  return (
    <section class="stack">
      {firstPassword ? (
        <>
          <h2>{t.ui.ownPasswordTitle}</h2>
          <p>{t.ui.ownPasswordBody}</p>
        </>
      ) : (
        <h2>{t.signedInAs(session.displayName, t.roles[session.role])}</h2>
      )}
      {feedback}
      <form class="editor" onSubmit={changePassword}>
        <h3>{t.changePassword}</h3>
        <div class="row">
          <label class="field">
            <span>{t.currentPassword}</span>
            <input name="currentPassword" type="password" required autoComplete="current-password" />
          </label>
          <label class="field">
            <span>{t.newPassword}</span>
            <input
              name="newPassword"
              type="password"
              required
              autoComplete="new-password"
              value={newPassword}
              aria-invalid={problem ? 'true' : undefined}
              onInput={(e) => setNewPassword((e.target as HTMLInputElement).value)}
            />
            <span class={problem ? 'field-error' : 'muted'} role={problem ? 'alert' : undefined}>
              {problem ? t.passwordRules[problem] : t.passwordRule}
            </span>
          </label>
        </div>
        <div class="buttons">
          <button type="submit" class="primary" disabled={Boolean(problem)}>
            {t.save}
          </button>
        </div>
      </form>
      {!firstPassword && (
        <div class="editor">
          <h3>{t.totpTitle}</h3>
          <p>{session.totpEnabled ? t.totpOn : t.totpOff}</p>
          {!session.totpEnabled && !setup && (
            <form onSubmit={startTotp} class="row">
              <label class="field">
                <span>{t.currentPassword}</span>
                <input name="currentPassword" type="password" required autoComplete="current-password" />
              </label>
              <div class="buttons">
                <button type="submit">{t.totpStart}</button>
              </div>
            </form>
          )}
          {setup && (
            <form onSubmit={confirmTotp} class="stack">
              <p>
                {t.totpScan} <code>{setup.secret}</code>
              </p>
              {/* The SVG comes from our own server's QR encoder; it carries no script. */}
              <div class="qr" dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
              <label class="field">
                <span>{t.totp}</span>
                <input
                  name="code"
                  inputMode="numeric"
                  pattern="\d{6}"
                  maxLength={6}
                  required
                  autoComplete="one-time-code"
                />
              </label>
              <div class="buttons">
                <button type="submit" class="primary">
                  {t.totpConfirm}
                </button>
              </div>
            </form>
          )}
          {session.totpEnabled && (
            <form onSubmit={disableTotp} class="row">
              <label class="field">
                <span>{t.currentPassword}</span>
                <input name="currentPassword" type="password" required autoComplete="current-password" />
              </label>
              <div class="buttons">
                <button type="submit" class="danger">
                  {t.totpDisable}
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
