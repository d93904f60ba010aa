/** A kiosk's peripherals as rows: a driver picker and that driver's fields, rows added and removed, problems under each field. */
import type { JSX } from 'preact';
import { PERIPHERAL_KIND_OF_DRIVER, type PeripheralDriver } from '@linli/protocol';
import type { FieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import {
  DRIVER_FIELDS,
  FIELD_EXAMPLES,
  PUSHABLE_DRIVERS,
  newPeripheralRow,
  type PeripheralRow,
} from './peripheral-rows';

/** Where the devices file sits in the settings, as error paths name it. */
const AT = 'peripherals/peripherals';

export function PeripheralEditor(props: {
  t: AdminStrings;
  rows: PeripheralRow[];
  maintenancePin: string;
  editable: boolean;
  problems: FieldErrors;
  onRows: (rows: PeripheralRow[]) => void;
  onMaintenancePin: (pin: string) => void;
}) {
  const { t, rows, problems } = props;
  const words = t.ui.peripheralEditor;
  const change = (index: number, next: Partial<PeripheralRow>) =>
    props.onRows(rows.map((row, i) => (i === index ? { ...row, ...next } : row)));
  /** A labelled control with its problem under it; `named` is the control's full name (with the row's number). */
  type Aria = ReturnType<FieldErrors['control']> & { 'aria-label'?: string };
  const field = (path: string, label: string, control: (aria: Aria) => JSX.Element, named?: string) => (
    <div class="field" key={path}>
      <label class="field">
        <span>{label}</span>
        {control({ ...problems.control(path), ...(named && { 'aria-label': named }) })}
      </label>
      {problems.note(path)}
    </div>
  );
  return (
    <fieldset class="peripherals" aria-describedby="peripherals-hint">
      <legend>{words.title}</legend>
      <p class="muted" id="peripherals-hint">
        {props.editable ? words.hint : words.readOnly}
      </p>
      {rows.map((row, index) => {
        const n = index + 1;
        const at = `${AT}/${index}`;
        return (
          <div class="peripheral-entry" key={row.key} data-driver={row.driver}>
            {field(
              `${at}/driver`,
              words.driver,
              (aria) => (
                <select
                  name={`peripheral-${n}-driver`}
                  value={row.driver}
                  disabled={!props.editable}
                  onChange={(event) =>
                    change(index, { driver: (event.target as HTMLSelectElement).value as PeripheralDriver })
                  }
                  {...aria}
                >
                  {PUSHABLE_DRIVERS.map((driver) => (
                    <option key={driver} value={driver}>
                      {t.ui.peripheralKinds[PERIPHERAL_KIND_OF_DRIVER[driver]]} · {words.drivers[driver]}
                    </option>
                  ))}
                </select>
              ),
              t.ui.rowLabel(words.driver, n),
            )}
            {field(
              `${at}/id`,
              words.id,
              (aria) => (
                <input
                  name={`peripheral-${n}-id`}
                  value={row.id}
                  placeholder="receipt"
                  required
                  disabled={!props.editable}
                  onInput={(event) => change(index, { id: (event.target as HTMLInputElement).value })}
                  {...aria}
                />
              ),
              t.ui.rowLabel(words.id, n),
            )}
            {DRIVER_FIELDS[row.driver].map((spec) =>
              field(
                `${at}/${spec.name}`,
                words.fields[spec.name],
                (aria) =>
                  spec.kind === 'choice' ? (
                    <select
                      name={`peripheral-${n}-${spec.name}`}
                      value={row.values[spec.name] ?? ''}
                      disabled={!props.editable}
                      onChange={(event) =>
                        change(index, {
                          values: { ...row.values, [spec.name]: (event.target as HTMLSelectElement).value },
                        })
                      }
                      {...aria}
                    >
                      <option value="">{words.defaultChoice}</option>
                      {spec.choices.map((choice) => (
                        <option key={choice} value={String(choice)}>
                          {String(choice)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      name={`peripheral-${n}-${spec.name}`}
                      value={row.values[spec.name] ?? ''}
                      placeholder={FIELD_EXAMPLES[spec.name] ?? ''}
                      inputMode={spec.kind === 'integer' ? 'numeric' : undefined}
                      disabled={!props.editable}
                      onInput={(event) =>
                        change(index, {
                          values: { ...row.values, [spec.name]: (event.target as HTMLInputElement).value },
                        })
                      }
                      {...aria}
                    />
                  ),
                t.ui.rowLabel(words.fields[spec.name], n),
              ),
            )}
            {props.editable && (
              <div class="buttons">
                <button
                  type="button"
                  aria-label={t.ui.rowLabel(words.remove, n)}
                  onClick={() => props.onRows(rows.filter((_, i) => i !== index))}
                >
                  {words.remove}
                </button>
              </div>
            )}
          </div>
        );
      })}
      <div class="row">
        {field('peripherals/maintenancePin', words.maintenancePin, (aria) => (
          <input
            name="maintenancePin"
            inputMode="numeric"
            autoComplete="off"
            value={props.maintenancePin}
            disabled={!props.editable}
            onInput={(event) => props.onMaintenancePin((event.target as HTMLInputElement).value)}
            {...aria}
          />
        ))}
      </div>
      {props.editable && (
        <div class="buttons">
          <button type="button" onClick={() => props.onRows([...rows, newPeripheralRow()])}>
            {words.add}
          </button>
        </div>
      )}
    </fieldset>
  );
}
