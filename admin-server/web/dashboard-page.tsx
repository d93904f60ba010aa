/**
 * The first page after sign-in: kiosks online and offline, notices and guides waiting for review,
 * and, while nobody else could approve the user's notices (a fresh install), what to do about it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceList, GuideList, NoticeList, SessionView } from '@linli/protocol';
import { api } from './api';
import type { AdminStrings } from './i18n';

export function DashboardPage(props: {
  t: AdminStrings;
  session: SessionView;
  onOpen: (page: 'devices' | 'notices' | 'guides' | 'users') => void;
}) {
  const { t, session } = props;
  const [devices, setDevices] = useState<DeviceList | null>(null);
  const [review, setReview] = useState<NoticeList | null>(null);
  const [guideReview, setGuideReview] = useState<GuideList | null>(null);
  const [approvers, setApprovers] = useState<number | null>(null);
  const may = (permission: string) => session.permissions.includes(permission);
  useEffect(() => {
    if (may('content.edit'))
      void api.noticeApprovers().then(
        (reply) => setApprovers(reply.approvers),
        () => null,
      );
    if (session.permissions.includes('device.view')) void api.devices().then(setDevices, () => setDevices(null));
    if (session.permissions.includes('content.view')) {
      void api.listNotices({ state: 'in-review', limit: 10 }).then(setReview, () => setReview(null));
      void api.listGuides({ state: 'in-review' }).then(setGuideReview, () => setGuideReview(null));
    }
  }, [session.username]);
  const active = devices?.devices.filter((device) => !device.revoked) ?? [];
  const offline = active.filter((device) => !device.online);
  return (
    <section class="stack">
      {approvers !== null && approvers < 2 && (
        <div class="hint" role="status">
          <h3>{t.ui.secondApproverTitle}</h3>
          <p>{t.ui.secondApproverBody}</p>
          {may('user.manage') ? (
            <button class="primary" onClick={() => props.onOpen('users')}>
              {t.ui.addApprover}
            </button>
          ) : (
            <p>{t.ui.askForApprover}</p>
          )}
        </div>
      )}
      <div class="cards">
        {devices && (
          <>
            <button class="card" onClick={() => props.onOpen('devices')}>
              <span class="figure">{active.length - offline.length}</span>
              {t.devicesOnline}
            </button>
            <button class={`card ${offline.length > 0 ? 'warn' : ''}`} onClick={() => props.onOpen('devices')}>
              <span class="figure">{offline.length}</span>
              {t.devicesOffline}
            </button>
          </>
        )}
        {review && (
          <button class={`card ${review.total > 0 ? 'warn' : ''}`} onClick={() => props.onOpen('notices')}>
            <span class="figure">{review.total}</span>
            {t.awaitingReview}
          </button>
        )}
        {guideReview && (
          <button class={`card ${guideReview.total > 0 ? 'warn' : ''}`} onClick={() => props.onOpen('guides')}>
            <span class="figure">{guideReview.total}</span>
            {t.guidesAwaitingReview}
          </button>
        )}
      </div>
      {offline.length > 0 && (
        <div class="editor">
          <h3>{t.devicesOffline}</h3>
          <ul>
            {offline.map((device) => (
              <li key={device.id}>
                {device.name}{' '}
                <span class="muted">
                  {t.lastSeen}: {device.lastSeenAt?.slice(0, 16).replace('T', ' ') ?? '—'}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {review && review.total > 0 && (
        <div class="editor">
          <h3>{t.awaitingReview}</h3>
          <ul>
            {review.notices.map((notice) => (
              <li key={notice.id}>
                {notice.title} <span class="muted">{t.writtenBy(notice.author, notice.editor)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {guideReview && guideReview.total > 0 && (
        <div class="editor">
          <h3>{t.guidesAwaitingReview}</h3>
          <ul>
            {guideReview.guides.slice(0, 10).map((guide) => (
              <li key={guide.id}>
                {guide.title} <span class="muted">v{guide.version}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
