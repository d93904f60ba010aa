/** Admin UI shell: sign-in (with the authenticator code when asked), then the pages the user's role opens, in the chosen language. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LOCALES, LinliError, type Locale, type OrgTree, type Permission, type SessionView } from '@linli/protocol';
import { AccountPage } from './account-page';
import { api } from './api';
import { AuditPage } from './audit-page';
import { DashboardPage } from './dashboard-page';
import { DevicesPage } from './devices-page';
import { FormsPage } from './forms-page';
import { GuidesPage } from './guides-page';
import { MediaPage } from './media-page';
import { NoticesPage } from './notices-page';
import { ADMIN_STRINGS, errorText, type AdminStrings } from './i18n';
import { OrgTreeNav } from './org-tree-nav';
import { OrgsPage } from './orgs-page';
import { UsersPage } from './users-page';
import './admin.css';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

function SignIn(props: { onSignedIn: (session: SessionView) => void; t: AdminStrings }) {
  const { t } = props;
  const [error, setError] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      props.onSignedIn(
        await api.login(
          String(form.get('username')),
          String(form.get('password')),
          form.get('totp')?.toString().trim(),
        ),
      );
    } catch (caught) {
      if (caught instanceof LinliError && caught.code === 'TOTP_REQUIRED') {
        setNeedsCode(true);
        setError(t.totpHint);
        return;
      }
      setError(errorText(t, caught));
    }
  };
  return (
    <form class="signin" onSubmit={submit}>
      <h1>{t.title}</h1>
      <label class="field">
        <span>{t.username}</span>
        <input name="username" defaultValue="admin" autoComplete="username" />
      </label>
      <label class="field">
        <span>{t.password}</span>
        <input name="password" type="password" autoComplete="current-password" />
      </label>
      {needsCode && (
        <label class="field">
          <span>{t.totp}</span>
          <input name="totp" inputMode="numeric" maxLength={6} autoComplete="one-time-code" autoFocus />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary">
        {t.signIn}
      </button>
    </form>
  );
}

type Page =
  'dashboard' | 'notices' | 'guides' | 'printForms' | 'media' | 'devices' | 'orgs' | 'users' | 'audit' | 'account';
const PAGE_PERMISSION: Record<Page, Permission | null> = {
  dashboard: null,
  notices: 'content.view',
  guides: 'content.view',
  printForms: 'content.view',
  media: 'content.view',
  devices: 'device.view',
  orgs: 'org.manage',
  users: 'user.manage',
  audit: 'audit.view',
  account: null,
};
/** Pages that act on one node of the tree show the tree beside them. */
const TREE_PAGES = new Set<Page>(['devices', 'orgs', 'users', 'audit']);

function AdminApp() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [page, setPage] = useState<Page>('dashboard');
  const [tree, setTree] = useState<OrgTree | null>(null);
  const [selected, setSelected] = useState(0);
  const t = ADMIN_STRINGS[locale];
  const refreshSession = () => api.session().then(setSession, () => setSession(null));
  const loadTree = (selectId?: number) =>
    api.orgTree().then((loaded) => {
      setTree(loaded);
      setSelected((current) => selectId ?? (current || loaded.rootId));
    });
  useEffect(() => void refreshSession(), []);
  useEffect(() => {
    if (session) void loadTree();
  }, [session?.username]);

  const languages = (
    <nav class="languages">
      {LOCALES.map((code) => (
        <button key={code} aria-pressed={code === locale} onClick={() => setLocale(code)}>
          {LOCALE_NAMES[code]}
        </button>
      ))}
    </nav>
  );
  if (session === undefined) return null;
  if (session === null)
    return (
      <div lang={locale}>
        {languages}
        <SignIn t={t} onSignedIn={setSession} />
      </div>
    );
  const pages = (Object.keys(PAGE_PERMISSION) as Page[]).filter((name) => {
    const needed = PAGE_PERMISSION[name];
    return needed === null || session.permissions.includes(needed);
  });
  const shown = pages.includes(page) ? page : pages[0]!;
  const body = (() => {
    if (shown === 'account') return <AccountPage t={t} session={session} onChanged={() => void refreshSession()} />;
    if (shown === 'dashboard') return <DashboardPage t={t} session={session} onOpen={setPage} />;
    if (shown === 'media') return <MediaPage t={t} canEdit={session.permissions.includes('content.edit')} />;
    if (!tree) return null;
    if (shown === 'guides') return <GuidesPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'printForms') return <FormsPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'notices') return <NoticesPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'devices') return <DevicesPage t={t} tree={tree} selected={selected} session={session} />;
    if (shown === 'orgs')
      return <OrgsPage t={t} tree={tree} selected={selected} onChanged={(id) => void loadTree(id)} />;
    if (shown === 'users') return <UsersPage t={t} tree={tree} selected={selected} session={session} />;
    return <AuditPage t={t} tree={tree} selected={selected} />;
  })();
  return (
    <div class="admin" lang={locale}>
      <header>
        <strong>{t.title}</strong>
        <nav class="tabs">
          {pages.map((name) => (
            <button key={name} aria-pressed={name === shown} onClick={() => setPage(name)}>
              {t[name]}
            </button>
          ))}
        </nav>
        {languages}
        <span class="muted">{t.signedInAs(session.displayName, t.roles[session.role])}</span>
        <button onClick={() => void api.logout().then(() => setSession(null))}>{t.signOut}</button>
      </header>
      {TREE_PAGES.has(shown) && tree ? (
        <div class="with-tree">
          <OrgTreeNav t={t} tree={tree} selected={selected} onSelect={setSelected} />
          <main>{body}</main>
        </div>
      ) : (
        <main>{body}</main>
      )}
    </div>
  );
}

render(<AdminApp />, document.getElementById('app')!);
