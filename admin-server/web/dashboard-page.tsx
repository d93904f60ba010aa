/** The first page after sign-in: kiosks online and offline, and notices waiting for review. */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceList, NoticeList, SessionView } from '@linli/protocol';
import { api } from './api';
import type { AdminStrings } from './i18n';

export function DashboardPage(props: { t: AdminStrings; session: SessionView; onOpen: (page: 'devices' | 'notices') => void }) {
  const { t, session } = props;
  const [devices, setDevices] = useState<DeviceList | null>(null);
  const [review, setReview] = useState<NoticeList | null>(null);
  useEffect(() => {
    if (session.permissions.includes('device.view')) void api.devices().then(setDevices, () => setDevices(null));
    if (session.permissions.includes('content.view')) void api.listNotices({ state: 'in-review', limit: 10 }).then(setReview, () => setReview(null));
  }, [session.username]);
  const active = devices?.devices.filter((device) => !device.revoked) ?? [];
  const offline = active.filter((device) => !device.online);
  return (
    <section class="stack">
      <div class="cards">
        {devices && (
          <>
            <button class="card" onClick={() => props.onOpen('devices')}><span class="figure">{active.length - offline.length}</span>{t.devicesOnline}</button>
            <button class={`card ${offline.length > 0 ? 'warn' : ''}`} onClick={() => props.onOpen('devices')}><span class="figure">{offline.length}</span>{t.devicesOffline}</button>
          </>
        )}
        {review && <button class={`card ${review.total > 0 ? 'warn' : ''}`} onClick={() => props.onOpen('notices')}><span class="figure">{review.total}</span>{t.awaitingReview}</button>}
      </div>
      {offline.length > 0 && (
        <div class="editor">
          <h3>{t.devicesOffline}</h3>
          <ul>{offline.map((device) => <li key={device.id}>{device.name} <span class="muted">{t.lastSeen}: {device.lastSeenAt?.slice(0, 16).replace('T', ' ') ?? '—'}</span></li>)}</ul>
        </div>
      )}
      {review && review.total > 0 && (
        <div class="editor">
          <h3>{t.awaitingReview}</h3>
          <ul>{review.notices.map((notice) => <li key={notice.id}>{notice.title} <span class="muted">{t.writtenBy(notice.author, notice.editor)}</span></li>)}</ul>
        </div>
      )}
    </section>
  );
}
