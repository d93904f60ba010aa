/**
 * The staff mobile app (网格员/社区主任) at /admin/mobile.html, phone-sized: sign in with the admin
 * account; 我的任务 — the cases dispatched to me — signed for, noted and answered there; 上报事件 — a
 * grid event with its category, words and the phone's position, kept in the phone's outbox and
 * sent when there is a network. The service worker keeps the app's files, so it opens offline.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  CASE_PHOTOS_MAX,
  CSRF_HEADER,
  LOCALES,
  errorFromBody,
  uuidV7,
  type CaseCatalogue,
  type CaseList,
  type CaseReceipt,
  type CaseReminderList,
  type CaseView,
  type Locale,
  type SessionView,
  type StaffCaseInput,
} from '@linli/protocol';
import { allReports, keepReport, sendQueued, type OutboxReport } from './mobile-outbox';
import { MOBILE_STRINGS, type MobileStrings } from './mobile-strings';
import './mobile.css';

let csrfToken = '';
const SESSION_KEY = 'linli-staff-session';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/v1/admin${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(method !== 'GET' && { [CSRF_HEADER]: csrfToken }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(json) ?? new Error(`HTTP ${response.status}`);
  return json as T;
}

const sendReport = async (input: StaffCaseInput) => (await call<CaseReceipt>('POST', '/cases', input)).tracking;

async function uploadPhoto(photo: Blob): Promise<string> {
  const response = await fetch('/api/v1/admin/case-photos', {
    method: 'POST',
    headers: { 'content-type': photo.type || 'application/octet-stream', [CSRF_HEADER]: csrfToken },
    body: photo,
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(json) ?? new Error(`HTTP ${response.status}`);
  return (json as { id: string }).id;
}

function App() {
  const [locale, setLocale] = useState<Locale>('zh-Hans');
  const t = MOBILE_STRINGS[locale];
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);
  const [tab, setTab] = useState<'tasks' | 'report'>('tasks');
  const signedIn = (view: SessionView) => {
    csrfToken = view.csrfToken;
    // Kept for opening the app offline: the session cookie still stands when the network is back.
    localStorage.setItem(SESSION_KEY, JSON.stringify(view));
    setSession(view);
  };
  useEffect(() => {
    call<SessionView>('GET', '/session').then(signedIn, (failure: unknown) => {
      const kept = localStorage.getItem(SESSION_KEY);
      if (failure instanceof TypeError && kept) {
        const view = JSON.parse(kept) as SessionView;
        csrfToken = view.csrfToken;
        return setSession(view);
      }
      localStorage.removeItem(SESSION_KEY);
      setSession(null);
    });
  }, []);
  if (session === undefined) return null;
  return (
    <div class="mobile" lang={locale}>
      <header>
        <strong>{t.title}</strong>
        <nav aria-label="Language">
          {LOCALES.map((code) => (
            <button key={code} aria-pressed={code === locale} onClick={() => setLocale(code)}>
              {code === 'zh-Hans' ? '简' : code === 'zh-Hant' ? '繁' : 'EN'}
            </button>
          ))}
        </nav>
      </header>
      {session === null ? (
        <SignIn t={t} onSignedIn={signedIn} />
      ) : (
        <>
          <nav class="tabs" aria-label={t.title}>
            <button aria-pressed={tab === 'tasks'} onClick={() => setTab('tasks')}>
              {t.tasks}
            </button>
            <button aria-pressed={tab === 'report'} onClick={() => setTab('report')}>
              {t.report}
            </button>
          </nav>
          {tab === 'tasks' ? <Tasks t={t} /> : <Report t={t} locale={locale} orgId={session.orgId} />}
        </>
      )}
    </div>
  );
}

function SignIn(props: { t: MobileStrings; onSignedIn: (view: SessionView) => void }) {
  const { t } = props;
  const [error, setError] = useState('');
  return (
    <form
      class="card"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        call<SessionView>('POST', '/login', { username: form.get('username'), password: form.get('password') }).then(
          props.onSignedIn,
          (failure: Error) => setError(failure.message),
        );
      }}
    >
      <label>
        {t.username}
        <input name="username" autoComplete="username" required />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary">{t.signIn}</button>
    </form>
  );
}

function Tasks(props: { t: MobileStrings }) {
  const { t } = props;
  const [cases, setCases] = useState<CaseView[] | null>(null);
  const [open, setOpen] = useState<CaseView | null>(null);
  const [reminders, setReminders] = useState<CaseReminderList['reminders']>([]);
  const load = () => {
    void call<CaseReminderList>('GET', '/case-reminders').then(
      (list) => setReminders(list.reminders),
      () => undefined,
    );
    return call<CaseList>('GET', '/cases?mine=true&state=open').then(
      (list) => setCases(list.cases),
      () => setCases([]),
    );
  };
  useEffect(() => void load(), []);
  const openCase = (id: number) => void call<CaseView>('GET', `/cases/${id}`).then(setOpen);
  if (open) return <Task t={t} view={open} onBack={() => (setOpen(null), void load())} />;
  if (!cases) return null;
  const reminderList = reminders.length > 0 && (
    <section class="card reminders" aria-label={t.reminders}>
      <h2>{t.reminders}</h2>
      <ul role="list">
        {reminders.map((reminder) => (
          <li key={reminder.id} data-light={reminder.light} data-read={reminder.read}>
            <button
              onClick={() => {
                if (!reminder.read) void call('POST', '/case-reminders/read', { ids: [reminder.id] });
                openCase(reminder.caseId);
              }}
            >
              {t.reminder(reminder)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
  return cases.length === 0 ? (
    <>
      {reminderList}
      <p class="card muted">{t.noTasks}</p>
    </>
  ) : (
    <>
      {reminderList}
      <ul class="tasks" role="list">
        {cases.map((view) => (
          <li key={view.id}>
            <button class="card task" data-light={view.lights?.light} onClick={() => openCase(view.id)}>
              <span class="task-state">{t.states[view.state] ?? view.state}</span>
              <span>{view.description}</span>
              <span class="muted">
                {view.location?.text ?? ''} · {t.due(view.deadlines.replyBy)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function Task(props: { t: MobileStrings; view: CaseView; onBack: () => void }) {
  const { t } = props;
  const [view, setView] = useState(props.view);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [uploading, setUploading] = useState(false);
  // Photos of the work go with a progress note or the answer: uploaded first, then named in the step.
  const act = async (body: object, withPhotos = false) => {
    try {
      setUploading(withPhotos && photos.length > 0);
      const ids = withPhotos ? await Promise.all(photos.map(uploadPhoto)) : [];
      const next = await call<CaseView>('POST', `/cases/${view.id}/actions`, {
        ...body,
        version: view.version,
        ...(ids.length > 0 && { photos: ids }),
      });
      setView(next);
      setText('');
      setPhotos([]);
      setError('');
    } catch (failure) {
      setError((failure as Error).message || t.failed);
    } finally {
      setUploading(false);
    }
  };
  const can = (action: string) => view.actions?.includes(action as never);
  return (
    <section class="card" aria-label={view.tracking}>
      <button onClick={props.onBack}>{t.back}</button>
      <p class="task-state">{t.states[view.state] ?? view.state}</p>
      <p>{view.description}</p>
      <p class="muted">
        {view.location?.text ?? ''} · {t.due(view.deadlines.replyBy)}
      </p>
      {can('sign') && (
        <button class="primary" onClick={() => void act({ action: 'sign' })}>
          {t.sign}
        </button>
      )}
      {(can('progress') || can('reply')) && (
        <>
          <label>
            {t.note}
            <textarea value={text} onInput={(event) => setText((event.target as HTMLTextAreaElement).value)} />
          </label>
          <PhotoPicker t={t} label={t.workPhotos} photos={photos} onPick={setPhotos} />
          {uploading && (
            <p class="muted" role="status">
              {t.uploading}
            </p>
          )}
          <div class="buttons">
            {can('progress') && (
              <button
                disabled={!text.trim() || uploading}
                onClick={() => void act({ action: 'progress', note: text.trim() }, true)}
              >
                {t.progress}
              </button>
            )}
            {can('reply') && (
              <button
                class="primary"
                disabled={!text.trim() || uploading}
                onClick={() => void act({ action: 'reply', reply: text.trim() }, true)}
              >
                {t.reply}
              </button>
            )}
          </div>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Photos from the phone's camera or its gallery, in the app's words (the browser's own file button speaks the phone's language). */
function PhotoPicker(props: { t: MobileStrings; label: string; photos: File[]; onPick: (photos: File[]) => void }) {
  const { t } = props;
  return (
    <>
      <label class="photo-picker">
        {props.label}
        <span class="button">{t.pickPhotos}</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          multiple
          onChange={(event) =>
            props.onPick([...((event.target as HTMLInputElement).files ?? [])].slice(0, CASE_PHOTOS_MAX))
          }
        />
      </label>
      {props.photos.length > 0 && <p class="muted">{t.photosChosen(props.photos.length)}</p>}
    </>
  );
}

const CATEGORIES_KEY = 'linli.staff.categories';

/** The case categories kept from the last fetch (none before the first). */
function keptCategories(): CaseCatalogue['categories'] {
  try {
    return JSON.parse(localStorage.getItem(CATEGORIES_KEY) ?? '[]') as CaseCatalogue['categories'];
  } catch {
    return [];
  }
}

function Report(props: { t: MobileStrings; locale: Locale; orgId: number }) {
  const { t } = props;
  const [categories, setCategories] = useState<CaseCatalogue['categories']>([]);
  const [reports, setReports] = useState<OutboxReport[]>([]);
  const [position, setPosition] = useState<{ lat: number; long: number } | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [locating, setLocating] = useState('');
  const [online, setOnline] = useState(navigator.onLine);
  const refresh = async () => setReports(await allReports());
  const flush = async () => {
    await sendQueued(uploadPhoto, sendReport);
    await refresh();
  };
  useEffect(() => {
    // The categories last fetched are kept on the phone, so a report can be written offline even
    // when the app was opened without a network.
    call<CaseCatalogue>('GET', '/case-catalogue').then(
      (catalogue) => {
        setCategories(catalogue.categories);
        localStorage.setItem(CATEGORIES_KEY, JSON.stringify(catalogue.categories));
      },
      () => setCategories(keptCategories()),
    );
    void flush();
    const back = () => {
      setOnline(true);
      void flush();
    };
    const gone = () => setOnline(false);
    addEventListener('online', back);
    addEventListener('offline', gone);
    return () => {
      removeEventListener('online', back);
      removeEventListener('offline', gone);
    };
  }, []);
  const locate = () =>
    navigator.geolocation.getCurrentPosition(
      (found) => {
        setPosition({ lat: found.coords.latitude, long: found.coords.longitude });
        setLocating('');
      },
      () => setLocating(t.locationUnavailable),
    );
  const queued = reports.filter((report) => report.state === 'queued').length;
  return (
    <>
      {!online && <p class="card offline">{t.offline}</p>}
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          const place = String(data.get('place') ?? '').trim();
          const input: StaffCaseInput = {
            channel: 'mobile',
            orgId: props.orgId,
            nature: 'report',
            category: String(data.get('category')),
            description: String(data.get('description')).trim(),
            ...((place || position) && { location: { ...(place && { text: place }), ...position } }),
          };
          // Kept on the phone first; then sent, now or when the network is back.
          void keepReport({
            clientId: uuidV7(),
            input,
            photos,
            queuedAt: new Date().toISOString(),
            state: 'queued',
          }).then(() => {
            form.reset();
            setPosition(null);
            setPhotos([]);
            return flush();
          });
        }}
      >
        <label>
          {t.category}
          <select name="category" required>
            {categories.map((category) => (
              <option key={category.path} value={category.path}>
                {category.path.includes('/') ? '\u3000' : ''}
                {category.names[props.locale]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.description}
          <textarea name="description" required maxLength={4000} />
        </label>
        <label>
          {t.place}
          <input name="place" maxLength={120} />
        </label>
        <PhotoPicker t={t} label={t.photos} photos={photos} onPick={setPhotos} />
        <button type="button" onClick={locate}>
          {t.locate}
        </button>
        {position && <p class="muted">{t.located(position.lat.toFixed(5), position.long.toFixed(5))}</p>}
        {locating && <p class="error">{locating}</p>}
        <button class="primary">{t.submit}</button>
      </form>
      {queued > 0 && (
        <p class="card queued" role="status">
          {t.queued(queued)}
        </p>
      )}
      <ul class="reports" role="list">
        {reports
          .filter((report) => report.state !== 'queued')
          .reverse()
          .map((report) => (
            <li key={report.clientId} class="card" data-state={report.state}>
              {report.state === 'sent' ? t.sentAs(report.tracking ?? '') : t.rejected(report.error ?? '')}
            </li>
          ))}
      </ul>
    </>
  );
}

if ('serviceWorker' in navigator)
  void navigator.serviceWorker.register('/admin/mobile-sw.js', { scope: '/admin/mobile' });
render(<App />, document.getElementById('app')!);
