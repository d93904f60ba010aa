/** Admin UI shell: sign-in, then guides and devices, in the chosen language. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LOCALES, LinliError, type Locale } from '@linli/protocol';
import { api } from './api';
import { DevicesPage } from './devices-page';
import { GuidesPage } from './guides-page';
import { ADMIN_STRINGS } from './i18n';
import './admin.css';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

function SignIn(props: { onSignedIn: (user: string) => void; locale: Locale }) {
  const t = ADMIN_STRINGS[props.locale];
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      const session = await api.login(String(form.get('username')), String(form.get('password')));
      props.onSignedIn(session.username);
    } catch (caught) {
      setError(caught instanceof LinliError ? `${caught.code}: ${caught.message}` : String(caught));
    }
  };
  return (
    <form class="signin" onSubmit={submit}>
      <h1>{t.title}</h1>
      <label class="field"><span>{t.username}</span><input name="username" defaultValue="admin" autoComplete="username" /></label>
      <label class="field"><span>{t.password}</span><input name="password" type="password" autoComplete="current-password" /></label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary">{t.signIn}</button>
    </form>
  );
}

function AdminApp() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [user, setUser] = useState<string | null | undefined>(undefined);
  const [page, setPage] = useState<'guides' | 'devices'>('guides');
  const t = ADMIN_STRINGS[locale];
  useEffect(() => void api.session().then((s) => setUser(s.username), () => setUser(null)), []);

  const languages = (
    <nav class="languages">
      {LOCALES.map((code) => <button key={code} aria-pressed={code === locale} onClick={() => setLocale(code)}>{LOCALE_NAMES[code]}</button>)}
    </nav>
  );
  if (user === undefined) return null;
  if (user === null) return <div lang={locale}>{languages}<SignIn locale={locale} onSignedIn={setUser} /></div>;
  return (
    <div class="admin" lang={locale}>
      <header>
        <strong>{t.title}</strong>
        <nav class="tabs">
          <button aria-pressed={page === 'guides'} onClick={() => setPage('guides')}>{t.guides}</button>
          <button aria-pressed={page === 'devices'} onClick={() => setPage('devices')}>{t.devices}</button>
        </nav>
        {languages}
        <button onClick={() => void api.logout().then(() => setUser(null))}>{t.signOut}</button>
      </header>
      <main>{page === 'guides' ? <GuidesPage t={t} locale={locale} /> : <DevicesPage t={t} />}</main>
    </div>
  );
}

render(<AdminApp />, document.getElementById('app')!);
