/** Where a device stands, in WGS 84 degrees: alerts whose area is a polygon or circle reach it by this. */
import { useState } from 'preact/hooks';
import type { DeviceView } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';

export function DeviceLocationForm(props: { t: AdminStrings; device: DeviceView; editable: boolean }) {
  const { t, device } = props;
  const words = t.ui.alerts;
  const [latitude, setLatitude] = useState(device.location ? String(device.location.latitude) : '');
  const [longitude, setLongitude] = useState(device.location ? String(device.location.longitude) : '');
  const { act, feedback } = useActions(t);
  const save = (event: Event) => {
    event.preventDefault();
    void act(() =>
      api
        .setDeviceLocation(device.id, { latitude: Number(latitude), longitude: Number(longitude) })
        .then(() => words.locationSaved),
    );
  };
  const clear = () =>
    void act(async () => {
      await api.setDeviceLocation(device.id, null);
      setLatitude('');
      setLongitude('');
      return words.locationCleared;
    });
  return (
    <form class="stack" onSubmit={save} aria-label={words.location}>
      <h3>{words.location}</h3>
      <p class="muted">{words.locationHint}</p>
      {feedback}
      <div class="row">
        <label class="field">
          <span>{words.latitude}</span>
          <input
            name="latitude"
            type="number"
            step="any"
            min={-90}
            max={90}
            required
            disabled={!props.editable}
            value={latitude}
            onInput={(e) => setLatitude((e.target as HTMLInputElement).value)}
          />
        </label>
        <label class="field">
          <span>{words.longitude}</span>
          <input
            name="longitude"
            type="number"
            step="any"
            min={-180}
            max={180}
            required
            disabled={!props.editable}
            value={longitude}
            onInput={(e) => setLongitude((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      {props.editable && (
        <div class="buttons">
          <button type="submit">{words.saveLocation}</button>
          {(latitude || longitude) && (
            <button type="button" onClick={clear}>
              {words.clearLocation}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
