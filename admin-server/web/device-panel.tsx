/** One device's remote commands with their results, where it stands, and its settings. */
import { useEffect, useState } from 'preact/hooks';
import {
  COMMAND_KINDS,
  RELEASE_CHANNELS,
  type CommandView,
  type DeviceView,
  type ReleaseChannel,
} from '@linli/protocol';
import { api } from './api';
import { DeviceLocationForm } from './device-location-form';
import { Field, useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { SettingsForm } from './settings-form';

const REFRESH_MS = 3000;

export function DevicePanel(props: { t: AdminStrings; device: DeviceView; manage: boolean; onClose: () => void }) {
  const { t, device } = props;
  const [commands, setCommands] = useState<CommandView[]>([]);
  const { act, feedback, revision, setError } = useActions(t);
  const [channel, setChannel] = useState(device.updateChannel);
  useEffect(() => {
    const load = () => api.commands(device.id).then((list) => setCommands(list.commands), setError);
    void load();
    // A command is answered within seconds when the kiosk is online; keep the list current while open.
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [device.id, revision]);
  return (
    <section class="editor" aria-label={device.name}>
      <h3>{device.name}</h3>
      {feedback}
      {props.manage && (
        <div class="buttons">
          {COMMAND_KINDS.map((kind) => (
            <button key={kind} onClick={() => act(() => api.sendCommand(device.id, kind).then(() => t.commandSent))}>
              {t.commandKinds[kind]}
            </button>
          ))}
        </div>
      )}
      <table class="commands">
        <thead>
          <tr>
            <th>{t.command}</th>
            <th>{t.issued}</th>
            <th>{t.state}</th>
            <th>{t.result}</th>
          </tr>
        </thead>
        <tbody>
          {commands.map((command) => (
            <tr key={command.id} data-command={command.kind}>
              <td>{t.commandKinds[command.kind]}</td>
              <td>
                {command.issuedBy} · {command.issuedAt.slice(11, 19)}
              </td>
              <td class={command.state === 'done' ? '' : command.state === 'pending' ? 'muted' : 'warn'}>
                {t.commandStates[command.state]}
              </td>
              <td>
                {command.detail ?? ''}
                {command.hasScreenshot && (
                  <a href={api.screenshotUrl(command.id)} target="_blank" rel="noopener">
                    <img class="shot" alt={t.commandKinds.screenshot} src={api.screenshotUrl(command.id)} />
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <DeviceLocationForm t={t} device={device} editable={props.manage} />
      <Field label={t.ui.releases.updateChannel}>
        <select
          name="update-channel"
          disabled={!props.manage}
          value={channel}
          onChange={(e) => {
            const chosen = e.currentTarget.value as ReleaseChannel;
            void act(async () => {
              await api.setUpdateChannel(device.id, chosen);
              setChannel(chosen);
              return t.ui.releases.channelSaved;
            });
          }}
        >
          {RELEASE_CHANNELS.map((option) => (
            <option key={option} value={option}>
              {t.ui.releases.channels[option]}
            </option>
          ))}
        </select>
      </Field>
      <h3>{t.settings}</h3>
      <SettingsForm t={t} scope="device" id={device.id} editable={props.manage} />
      <div class="buttons">
        <button onClick={props.onClose}>{t.close}</button>
      </div>
    </section>
  );
}
