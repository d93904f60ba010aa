/** Enrolled kiosks with their last heartbeat, and the code that enrolls new ones. */
import { useEffect, useState } from 'preact/hooks';
import type { DeviceList } from '@linli/protocol';
import { api } from './api';
import type { AdminStrings } from './i18n';

export function DevicesPage(props: { t: AdminStrings }) {
  const { t } = props;
  const [list, setList] = useState<DeviceList | null>(null);
  const [revision, setRevision] = useState(0);
  useEffect(() => void api.devices().then(setList), [revision]);
  if (!list) return null;
  return (
    <section>
      <p>{t.enrollmentCode}: <code class="code">{list.enrollmentCode}</code></p>
      <table>
        <thead><tr><th>{t.deviceName}</th><th>{t.lastSeen}</th><th>{t.appVersion}</th><th>{t.cursor}</th><th>{t.peripherals}</th><th>{t.actions}</th></tr></thead>
        <tbody>
          {list.devices.map((device) => (
            <tr key={device.id}>
              <td>{device.name}<div class="muted">{device.id}</div></td>
              <td>{device.lastSeenAt?.slice(0, 19).replace('T', ' ') ?? '—'}</td>
              <td>{device.appVersion ?? '—'}</td>
              <td>{device.cursor ?? '—'}</td>
              <td>
                {device.peripherals.length === 0 ? '—' : device.peripherals.map((p) => (
                  <div key={p.id} class={p.state === 'ok' ? '' : 'warn'} title={p.detail}>{p.id}: {t.peripheralStates[p.state]}</div>
                ))}
              </td>
              <td>{device.revoked ? t.revoked : <button onClick={() => void api.revokeDevice(device.id).then(() => setRevision((r) => r + 1))}>{t.revoke}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
