/** The settings of a device group or one device; empty fields keep the kiosk's own defaults; peripherals as rows. */
import { useEffect, useState } from 'preact/hooks';
import { LinliError, type DeviceSettings, type SettingsView } from '@linli/protocol';
import { api } from './api';
import { ErrorBox, fieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { PeripheralEditor } from './peripheral-editor';
import { fileOf, rowProblems, rowsOf, type PeripheralRow } from './peripheral-rows';
import { usePermission } from './session-context';

type Fields = Record<
  | 'idleSec'
  | 'idleWarningSec'
  | 'attractMessage'
  | 'openingHours'
  | 'screenOff'
  | 'dailyRestart'
  | 'allowedOrigins'
  | 'maintenancePin',
  string
> & { attractNotices: 'default' | 'on' | 'off'; peripherals: PeripheralRow[] };

function fieldsOf(settings: DeviceSettings): Fields {
  return {
    idleSec: settings.idleSec?.toString() ?? '',
    idleWarningSec: settings.idleWarningSec?.toString() ?? '',
    attractNotices: settings.attractNotices === undefined ? 'default' : settings.attractNotices ? 'on' : 'off',
    attractMessage: settings.attractMessage ?? '',
    openingHours: settings.openingHours ?? '',
    screenOff: settings.screenOff ?? '',
    dailyRestart: settings.dailyRestart ?? '',
    allowedOrigins: (settings.allowedOrigins ?? []).join('\n'),
    maintenancePin: settings.peripherals?.maintenancePin ?? '',
    peripherals: rowsOf(settings.peripherals),
  };
}

/**
 * Only what was filled in is sent; the server checks every field and names the bad ones.
 * `keptPeripherals`: sent as they were, for users who may not change them.
 */
function settingsOf(fields: Fields, keptPeripherals?: { file: DeviceSettings['peripherals'] }): DeviceSettings {
  const origins = fields.allowedOrigins
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const peripherals = keptPeripherals ? keptPeripherals.file : fileOf(fields.peripherals, fields.maintenancePin);
  return {
    ...(fields.idleSec && { idleSec: Number(fields.idleSec) }),
    ...(fields.idleWarningSec && { idleWarningSec: Number(fields.idleWarningSec) }),
    ...(fields.attractNotices !== 'default' && { attractNotices: fields.attractNotices === 'on' }),
    ...(fields.attractMessage.trim() && { attractMessage: fields.attractMessage.trim() }),
    ...(fields.openingHours.trim() && { openingHours: fields.openingHours.trim() }),
    ...(fields.screenOff.trim() && { screenOff: fields.screenOff.trim() }),
    ...(fields.dailyRestart.trim() && { dailyRestart: fields.dailyRestart.trim() }),
    ...(origins.length > 0 && { allowedOrigins: origins }),
    ...(peripherals !== undefined && { peripherals }),
  };
}

export function SettingsForm(props: {
  t: AdminStrings;
  scope: 'device' | 'group';
  id: string | number;
  editable: boolean;
}) {
  const { t } = props;
  const [view, setView] = useState<SettingsView | null>(null);
  const [fields, setFields] = useState<Fields | null>(null);
  const [error, setError] = useState<LinliError | null>(null);
  const [saved, setSaved] = useState('');
  // Which peripherals a kiosk drives is for system administrators (device.peripherals) only.
  const mayChangePeripherals = usePermission('device.peripherals') && props.editable;
  useEffect(
    () =>
      void api.settings(props.scope, props.id).then((loaded) => {
        setView(loaded);
        setFields(fieldsOf(loaded.settings));
      }, setError),
    [props.scope, props.id],
  );
  if (!fields || !view) return <ErrorBox error={error} t={t} />;
  // Only the problems of each row's own driver; the schema's other shapes would only confuse.
  const shownError = error && rowProblems(error, fields.peripherals);
  const problems = fieldErrors(t, shownError, `settings-${props.scope}-${props.id}`);
  const set = (name: keyof Fields) => (event: Event) =>
    setFields({ ...fields, [name]: (event.target as HTMLInputElement).value });
  const text = (
    name: Exclude<keyof Fields, 'attractNotices' | 'allowedOrigins' | 'peripherals' | 'maintenancePin'>,
    label: string,
    placeholder = '',
  ) => (
    <label class="field">
      <span>{label}</span>
      <input
        name={name}
        value={fields[name]}
        placeholder={placeholder}
        disabled={!props.editable}
        onInput={set(name)}
      />
    </label>
  );
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      setError(null);
      const kept = mayChangePeripherals ? undefined : { file: view.settings.peripherals };
      const next = await api.saveSettings(props.scope, props.id, settingsOf(fields, kept));
      setView(next);
      setSaved(t.settingsSaved);
    } catch (caught) {
      setSaved('');
      setError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    }
  };
  return (
    <form class="stack settings" onSubmit={save}>
      <p class="muted">
        {t.settingsHint}
        {view.updatedBy && ` · ${t.updatedBy(view.updatedBy, view.updatedAt!.slice(0, 16).replace('T', ' '))}`}
      </p>
      <div class="row">
        {text('idleSec', t.idleSec, '90')}
        {text('idleWarningSec', t.idleWarningSec, '15')}
        <label class="field">
          <span>{t.attractNotices}</span>
          <select
            name="attractNotices"
            value={fields.attractNotices}
            disabled={!props.editable}
            onChange={set('attractNotices')}
          >
            <option value="default">{t.keepDefault}</option>
            <option value="on">{t.show}</option>
            <option value="off">{t.hide}</option>
          </select>
        </label>
      </div>
      <div class="row">
        {text('attractMessage', t.attractMessage)}
        {text('openingHours', t.openingHours, '09:00-17:00')}
        {text('screenOff', t.screenOff, '22:00-07:00')}
        {text('dailyRestart', t.dailyRestart, '04:30')}
      </div>
      <div class="row">
        <label class="field">
          <span>{t.allowedOrigins}</span>
          <textarea
            name="allowedOrigins"
            rows={3}
            placeholder="https://www.gov.cn"
            disabled={!props.editable}
            value={fields.allowedOrigins}
            onInput={set('allowedOrigins')}
          />
        </label>
      </div>
      <PeripheralEditor
        t={t}
        rows={fields.peripherals}
        maintenancePin={fields.maintenancePin}
        editable={mayChangePeripherals}
        problems={problems}
        onRows={(peripherals) => setFields({ ...fields, peripherals })}
        onMaintenancePin={(maintenancePin) => setFields({ ...fields, maintenancePin })}
      />
      <ErrorBox error={shownError} t={t} />
      {saved && (
        <p class="notice" role="status">
          {saved}
        </p>
      )}
      {props.editable && (
        <div class="buttons">
          <button type="submit" class="primary">
            {t.saveSettings}
          </button>
        </div>
      )}
    </form>
  );
}
