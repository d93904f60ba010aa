/** Admin UI shell: sign-in (with the authenticator code when asked), then the pages the user's role opens, in the chosen language. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LOCALES, LinliError, type Locale, type OrgTree, type SessionView } from '@linli/protocol';
import { AccountPage } from './account-page';
import { AlertsPage } from './alerts-page';
import { api } from './api';
import { AuditPage } from './audit-page';
import { BillProvidersPage } from './bill-providers-page';
import { CasesPage } from './cases-page';
import { GridMapPage } from './grid-map-page';
import { QueuePage } from './queue-page';
import { CounterPage } from './counter-page';
import { RatingPadPage } from './rating-pad-page';
import { padSeatOf } from './rating-pad';
import { WorkCalendarPage } from './work-calendar-page';
import { UsagePage } from './usage-page';
import { IndicatorFiguresPage } from './indicator-figures-page';
import { IndicatorReportsPage } from './indicator-reports-page';
import { ReportsPage } from './reports-page';
import { IndicatorsPage } from './indicators-page';
import { ReminderBell } from './reminder-bell';
import { DashboardPage } from './dashboard-page';
import { DevicesPage } from './devices-page';
import { ReleasesPage } from './releases-page';
import { FormsPage } from './forms-page';
import { GuidesPage } from './guides-page';
import { MediaPage } from './media-page';
import { NoticesPage } from './notices-page';
import { Field, fieldErrors } from './feedback';
import { ADMIN_STRINGS, errorText, type AdminStrings } from './i18n';
import { OrgTreeNav } from './org-tree-nav';
import { OrgsPage } from './orgs-page';
import { SessionContext } from './session-context';
import { SignagePage } from './signage-page';
import { TvChannelsPage } from './tv-channels-page';
import { SideNav, isPage, pagesFor, type Page } from './side-nav';
import { UsersPage } from './users-page';
import './admin.css';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

function SignIn(props: { onSignedIn: (session: SessionView) => void; t: AdminStrings }) {
  const { t } = props;
  const [error, setError] = useState<LinliError | null>(null);
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
      if (caught instanceof LinliError && caught.code === 'TOTP_REQUIRED') setNeedsCode(true);
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  // A wrong password or code is said under its field; anything else (locked, disabled, offline) below the form.
  const fields = fieldErrors(t, error, 'signin', { BAD_CREDENTIALS: 'password', TOTP_WRONG: 'totp' });
  const underField = fields.has('password') || fields.has('totp');
  return (
    <form class="signin" onSubmit={submit}>
      <h1>{t.title}</h1>
      <label class="field">
        <span>{t.username}</span>
        <input name="username" defaultValue="admin" autoComplete="username" />
      </label>
      <Field label={t.password} note={fields.has('password') && <div role="alert">{fields.note('password')}</div>}>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          {...fields.control('password')}
          onInput={() => fields.has('password') && setError(null)}
        />
      </Field>
      {needsCode && (
        <Field label={t.totp} note={fields.has('totp') && <div role="alert">{fields.note('totp')}</div>}>
          <input
            name="totp"
            inputMode="numeric"
            maxLength={6}
            autoComplete="one-time-code"
            autoFocus
            {...fields.control('totp')}
          />
        </Field>
      )}
      {error && !underField && (
        <p class="error" role="alert">
          {error.code === 'TOTP_REQUIRED' ? t.totpHint : errorText(t, error)}
        </p>
      )}
      <button type="submit" class="primary">
        {t.signIn}
      </button>
    </form>
  );
}

/** Pages that act on one node of the tree show the tree beside them. */
const TREE_PAGES = new Set<Page>(['devices', 'orgs', 'users', 'audit']);

function AdminApp() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [page, setPage] = useState<Page>(pageOfHash);
  const [tree, setTree] = useState<OrgTree | null>(null);
  const [selected, setSelected] = useState(0);
  // A case a reminder asked to open (count: the same case opened again is a new request).
  const [caseToOpen, setCaseToOpen] = useState<{ id: number; count: number } | null>(null);
  const t = ADMIN_STRINGS[locale];
  const refreshSession = () => api.session().then(setSession, () => setSession(null));
  const loadTree = (selectId?: number) =>
    api.orgTree().then((loaded) => {
      setTree(loaded);
      setSelected((current) => selectId ?? (current || loaded.rootId));
    });
  useEffect(() => void refreshSession(), []);
  // The open page is in the address (#guides), so a reload, a bookmark and the back button keep it.
  // Every change of the address renders again: a rating pad's address (#rating-pad/…) is no page.
  const [, setHash] = useState(location.hash);
  useEffect(() => {
    const follow = () => {
      setPage(pageOfHash());
      setHash(location.hash);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const open = (name: Page) => {
    setPage(name);
    if (location.hash !== `#${name}`) location.hash = name;
  };
  // The tree is loaded once the user may read it (not before they have chosen their own password).
  const mayWork = session && !session.mustChangePassword;
  useEffect(() => {
    if (mayWork) void loadTree();
  }, [session?.username, mayWork]);

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
  const signOut = <button onClick={() => void api.logout().then(() => setSession(null))}>{t.signOut}</button>;
  if (session.mustChangePassword)
    return (
      <div class="admin" lang={locale}>
        <header>
          <strong>{t.title}</strong>
          {languages}
          {signOut}
        </header>
        <main class="first-password">
          <AccountPage t={t} session={session} onChanged={() => void refreshSession()} />
        </main>
      </div>
    );
  // A window's rating pad fills its screen: no menus for the resident to wander into.
  const padSeat = padSeatOf(location.hash);
  if (padSeat) return <RatingPadPage t={t} locale={locale} hallId={padSeat.hallId} window={padSeat.window} />;
  const pages = pagesFor(session.permissions);
  const shown = pages.includes(page) ? page : pages[0]!;
  const body = (() => {
    if (shown === 'account') return <AccountPage t={t} session={session} onChanged={() => void refreshSession()} />;
    if (shown === 'dashboard') return <DashboardPage t={t} session={session} onOpen={open} />;
    if (shown === 'media') return <MediaPage t={t} canEdit={session.permissions.includes('content.edit')} />;
    if (!tree) return null;
    if (shown === 'cases') return <CasesPage t={t} locale={locale} tree={tree} caseToOpen={caseToOpen} />;
    if (shown === 'gridMap') return <GridMapPage t={t} locale={locale} />;
    if (shown === 'queue') return <QueuePage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'counter') return <CounterPage t={t} locale={locale} />;
    if (shown === 'guides') return <GuidesPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'printForms') return <FormsPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'notices') return <NoticesPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'signage') return <SignagePage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'tvChannels') return <TvChannelsPage t={t} locale={locale} tree={tree} session={session} />;
    if (shown === 'alerts') return <AlertsPage t={t} tree={tree} session={session} />;
    if (shown === 'devices') return <DevicesPage t={t} tree={tree} selected={selected} session={session} />;
    if (shown === 'releases') return <ReleasesPage t={t} />;
    if (shown === 'orgs')
      return <OrgsPage t={t} tree={tree} selected={selected} onChanged={(id) => void loadTree(id)} />;
    if (shown === 'billProviders') return <BillProvidersPage t={t} tree={tree} />;
    if (shown === 'workCalendar') return <WorkCalendarPage t={t} locale={locale} />;
    if (shown === 'usage') return <UsagePage t={t} locale={locale} session={session} />;
    if (shown === 'indicatorFigures') return <IndicatorFiguresPage t={t} locale={locale} />;
    if (shown === 'reports') return <ReportsPage t={t} locale={locale} session={session} />;
    if (shown === 'indicatorReports') return <IndicatorReportsPage t={t} locale={locale} session={session} />;
    if (shown === 'indicators') return <IndicatorsPage t={t} locale={locale} session={session} />;
    if (shown === 'users') return <UsersPage t={t} tree={tree} selected={selected} session={session} />;
    return <AuditPage t={t} locale={locale} tree={tree} selected={selected} />;
  })();
  return (
    <SessionContext.Provider value={session}>
      <div class="admin" lang={locale}>
        <header>
          <strong>{t.title}</strong>
          {languages}
          {session.permissions.includes('case.view') && (
            <ReminderBell
              t={t}
              onOpenCase={(id) => {
                setCaseToOpen((last) => ({ id, count: (last?.count ?? 0) + 1 }));
                open('cases');
              }}
            />
          )}
          <span class="muted">{t.signedInAs(session.displayName, t.roles[session.role])}</span>
          {signOut}
        </header>
        <div class="shell">
          <SideNav t={t} pages={pages} shown={shown} onOpen={open} />
          {TREE_PAGES.has(shown) && tree ? (
            <div class="with-tree">
              <OrgTreeNav t={t} tree={tree} selected={selected} onSelect={setSelected} />
              <main>{body}</main>
            </div>
          ) : (
            <main>{body}</main>
          )}
        </div>
      </div>
    </SessionContext.Provider>
  );
}

function pageOfHash(): Page {
  const name = decodeURIComponent(location.hash.slice(1));
  return isPage(name) ? name : 'dashboard';
}

render(<AdminApp />, document.getElementById('app')!);
