/** Kiosks of the chosen node and below: status and device health, enrollment codes for the node, device groups. */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type {
  DeviceGroup,
  DeviceList,
  DeviceView,
  EnrollmentCodeView,
  OrgTree,
  ScreenReport,
  SessionView,
} from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { DevicePanel } from './device-panel';
import { isBelow } from './org-tree';
import { SettingsForm } from './settings-form';

function GroupMembers(props: {
  t: AdminStrings;
  group: DeviceGroup;
  devices: DeviceList['devices'];
  tree: OrgTree;
  manage: boolean;
  onSave: (ids: string[]) => void;
}) {
  const { t, group } = props;
  const [chosen, setChosen] = useState(group.deviceIds);
  const eligible = props.devices.filter(
    (device) => device.orgId === group.orgId || isBelow(props.tree, device.orgId, group.orgId),
  );
  return (
    <details>
      <summary>
        {group.name} · {t.members} {group.deviceIds.length}
      </summary>
      {eligible.map((device) => (
        <label key={device.id} class="inline">
          <input
            type="checkbox"
            disabled={!props.manage}
            checked={chosen.includes(device.id)}
            onChange={() =>
              setChosen(chosen.includes(device.id) ? chosen.filter((id) => id !== device.id) : [...chosen, device.id])
            }
          />
          {device.name}
        </label>
      ))}
      {props.manage && <button onClick={() => props.onSave(chosen)}>{t.saveMembers}</button>}
      <h4>{t.settings}</h4>
      <SettingsForm t={t} scope="group" id={group.id} editable={props.manage} />
    </details>
  );
}

const LIST_REFRESH_MS = 5000;

const DEVICE_FILTERS = ['all', 'online', 'offline', 'attention', 'revoked'] as const;
type DeviceFilter = (typeof DEVICE_FILTERS)[number];

/** Whether a kiosk is shown: its name or id contains the search, and it is in the chosen state. */
function matchesFilter(device: DeviceView, query: string, shown: DeviceFilter): boolean {
  const words = query.trim().toLowerCase();
  if (words && !device.name.toLowerCase().includes(words) && !device.id.toLowerCase().includes(words)) return false;
  if (shown === 'revoked') return device.revoked;
  if (shown === 'online') return !device.revoked && device.online;
  if (shown === 'offline') return !device.revoked && !device.online;
  if (shown === 'attention')
    return (
      !device.revoked &&
      (device.storageFull ||
        device.peripherals.some((p) => p.state !== 'ok') ||
        (device.screen?.refused.length ?? 0) > 0)
    );
  return true;
}

export function DevicesPage(props: { t: AdminStrings; tree: OrgTree; selected: number; session: SessionView }) {
  const { t, tree } = props;
  const [list, setList] = useState<DeviceList | null>(null);
  const [codes, setCodes] = useState<EnrollmentCodeView[]>([]);
  const [groups, setGroups] = useState<DeviceGroup[]>([]);
  const [codeForm, setCodeForm] = useState({ validDays: '7', maxUses: '1' });
  const [groupName, setGroupName] = useState('');
  const [open, setOpen] = useState<DeviceView | null>(null);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<DeviceFilter>('all');
  const { act, feedback, revision, setError } = useActions(t);
  const manage = props.session.permissions.includes('device.manage');
  useEffect(() => {
    void api.devices().then(setList);
    void api.deviceGroups().then((loaded) => setGroups(loaded.groups));
    if (manage) void api.enrollmentCodes().then((loaded) => setCodes(loaded.codes));
  }, [revision]);
  // Devices report every minute (online, version, update step): the list follows while it is open.
  useEffect(() => {
    const timer = setInterval(() => void api.devices().then(setList, setError), LIST_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  const node = tree.nodes.find((candidate) => candidate.id === props.selected);
  if (!list || !node) return null;
  const inNode = (orgId: number) => orgId === node.id || isBelow(tree, orgId, node.id);
  const orgName = (id: number) => tree.nodes.find((candidate) => candidate.id === id)?.name ?? String(id);
  const inTree = list.devices.filter((device) => inNode(device.orgId));
  const devices = inTree.filter((device) => matchesFilter(device, query, shown));
  return (
    <section class="stack">
      {feedback}
      {list.enrollmentCode && node.id === tree.rootId && (
        <p>
          {t.deploymentCode}: <code class="code">{list.enrollmentCode}</code>
        </p>
      )}
      {manage && (
        <div class="editor">
          <h3>{t.enrollmentCodes}</h3>
          <p class="muted">{t.codeFor(node.name)}</p>
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              void act(() =>
                api.createEnrollmentCode({
                  orgId: node.id,
                  validDays: Number(codeForm.validDays),
                  maxUses: codeForm.maxUses ? Number(codeForm.maxUses) : null,
                }),
              );
            }}
          >
            <label class="field">
              <span>{t.validDays}</span>
              <input
                name="validDays"
                type="number"
                min={1}
                max={365}
                required
                value={codeForm.validDays}
                onInput={(e) => setCodeForm({ ...codeForm, validDays: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class="field">
              <span>{t.maxUses}</span>
              <input
                name="maxUses"
                type="number"
                min={1}
                max={1000}
                value={codeForm.maxUses}
                onInput={(e) => setCodeForm({ ...codeForm, maxUses: (e.target as HTMLInputElement).value })}
              />
            </label>
            <div class="buttons">
              <button type="submit" class="primary">
                {t.newCode}
              </button>
            </div>
          </form>
          <table class="codes">
            <thead>
              <tr>
                <th>{t.enrollmentCodes}</th>
                <th>{t.deviceOrg}</th>
                <th>{t.uses}</th>
                <th>{t.expires}</th>
                <th>{t.actions}</th>
              </tr>
            </thead>
            <tbody>
              {codes
                .filter((code) => inNode(code.orgId))
                .map((code) => (
                  <tr key={code.code} data-code={code.code}>
                    <td>
                      <code class="code">{code.code}</code>
                    </td>
                    <td>{orgName(code.orgId)}</td>
                    <td>
                      {code.uses}
                      {code.maxUses === null ? '' : ` / ${code.maxUses}`}
                    </td>
                    <td>{code.expiresAt.slice(0, 16).replace('T', ' ')}</td>
                    <td>
                      {code.revoked ? (
                        t.codeRevoked
                      ) : (
                        <button onClick={() => act(() => api.revokeEnrollmentCode(code.code))}>{t.revokeCode}</button>
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="toolbar">
        <input
          type="search"
          aria-label={t.ui.searchDevices}
          placeholder={t.ui.searchDevices}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <select
          aria-label={t.state}
          value={shown}
          onChange={(e) => setShown((e.target as HTMLSelectElement).value as DeviceFilter)}
        >
          {DEVICE_FILTERS.map((filter) => (
            <option key={filter} value={filter}>
              {t.ui.deviceFilters[filter]}
            </option>
          ))}
        </select>
      </div>
      {devices.length === 0 ? (
        <p class="empty" role="status">
          {inTree.length === 0 ? (
            t.ui.noDevicesHere(node.name)
          ) : (
            <>
              {t.ui.noDevicesMatch}{' '}
              <button
                onClick={() => {
                  setQuery('');
                  setShown('all');
                }}
              >
                {t.ui.clearFilters}
              </button>
            </>
          )}
        </p>
      ) : (
        <table class="devices">
          <thead>
            <tr>
              <th>{t.deviceName}</th>
              <th>{t.deviceKind}</th>
              <th>{t.deviceOrg}</th>
              <th>{t.state}</th>
              <th>{t.lastSeen}</th>
              <th>{t.appVersion}</th>
              <th>{t.cursor}</th>
              <th>{t.peripherals}</th>
              <th>{t.actions}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <Fragment key={device.id}>
                <tr data-device-id={device.id}>
                  <td>
                    {device.name}
                    <div class="muted">{device.id}</div>
                  </td>
                  <td>{t.deviceKinds[device.kind]}</td>
                  <td>
                    {orgName(device.orgId)}
                    {device.groupIds.length > 0 && (
                      <div class="muted">
                        {device.groupIds.map((id) => groups.find((group) => group.id === id)?.name ?? id).join('、')}
                      </div>
                    )}
                  </td>
                  <td class={device.online || device.revoked ? '' : 'warn'}>
                    {device.revoked ? t.revoked : device.online ? t.online : t.offline}
                    {device.storageFull && !device.revoked && (
                      <div class="warn" data-storage-full="true">
                        {t.storageFull}
                      </div>
                    )}
                  </td>
                  <td>{device.lastSeenAt?.slice(0, 19).replace('T', ' ') ?? '—'}</td>
                  <td>
                    {device.appVersion ?? '—'}
                    {device.updateChannel === 'beta' && <div class="muted">{t.ui.releases.channels.beta}</div>}
                    {device.update && device.update.step !== 'current' && (
                      <div
                        class={
                          device.update.step === 'failed' || device.update.step === 'rolled-back' ? 'warn' : 'muted'
                        }
                        title={device.update.detail ?? undefined}
                        data-update-step={device.update.step}
                      >
                        {t.ui.releases.steps[device.update.step]}
                        {device.update.version && ` ${device.update.version}`}
                      </div>
                    )}
                  </td>
                  <td>{device.cursor ?? '—'}</td>
                  <td>
                    {device.kind === 'player' ? (
                      <ScreenCell t={t} screen={device.screen} />
                    ) : device.peripherals.length === 0 ? (
                      '—'
                    ) : (
                      device.peripherals.map((p) => (
                        <div key={p.id} class={p.state === 'ok' ? '' : 'warn'} title={p.code}>
                          {t.ui.peripheralKinds[p.kind]} · {p.id}: {t.peripheralStates[p.state]}
                          {p.code && <span class="peripheral-code"> ({p.code})</span>}
                        </div>
                      ))
                    )}
                  </td>
                  <td class="actions">
                    {!device.revoked && <button onClick={() => setOpen(device)}>{t.manageDevice}</button>}
                    {!device.revoked && manage && (
                      <button
                        onClick={() => confirm(t.confirmRevoke(device.name)) && act(() => api.revokeDevice(device.id))}
                      >
                        {t.revoke}
                      </button>
                    )}
                  </td>
                </tr>
                {open?.id === device.id && (
                  // Settings and commands right under the kiosk they are for.
                  <tr class="device-panel-row">
                    <td colSpan={9}>
                      <DevicePanel key={open.id} t={t} device={open} manage={manage} onClose={() => setOpen(null)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <div class="editor">
        <h3>{t.groups}</h3>
        {groups
          .filter((group) => inNode(group.orgId))
          .map((group) => (
            <GroupMembers
              key={`${group.id}-${group.deviceIds.join()}`}
              t={t}
              group={group}
              devices={list.devices}
              tree={tree}
              manage={manage}
              onSave={(ids) => void act(() => api.setGroupMembers(group.id, ids))}
            />
          ))}
        {manage && (
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              void act(async () => {
                await api.createDeviceGroup(node.id, groupName);
                setGroupName('');
              });
            }}
          >
            <label class="field">
              <span>{t.groupName}</span>
              <input
                name="groupName"
                required
                maxLength={40}
                value={groupName}
                onInput={(e) => setGroupName((e.target as HTMLInputElement).value)}
              />
            </label>
            <div class="buttons">
              <button type="submit">{t.newGroup}</button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

/** What a signage player's screen shows and what went wrong there, as of its last heartbeat. */
function ScreenCell(props: { t: AdminStrings; screen: ScreenReport | null }) {
  const { t, screen } = props;
  if (!screen) return <>—</>;
  return (
    <>
      <div>{screen.playing ? t.screenPlaying(screen.playing.title, screen.playing.version) : t.screenNothing}</div>
      {screen.refused.length > 0 && (
        <div
          class="warn"
          title={screen.refused.map((refusal) => `${refusal.id} v${refusal.version}: ${refusal.code}`).join('\n')}
        >
          {t.screenRefused(screen.refused.length)}
        </div>
      )}
      {screen.frozenReloads > 0 && <div class="warn">{t.screenReloads(screen.frozenReloads)}</div>}
      {screen.videosNotStarted > 0 && <div class="warn">{t.screenVideos(screen.videosNotStarted)}</div>}
      {screen.playsPending > 0 && <div class="muted">{t.screenPlaysPending(screen.playsPending)}</div>}
    </>
  );
}
