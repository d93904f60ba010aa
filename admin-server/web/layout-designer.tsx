/**
 * The layout designer: a publication's layouts as tabs (one of them the default), each a preset
 * or zones of its own on the 12×12 grid, drawn to the screen's shape. A zone is moved by dragging
 * it and resized by dragging an edge or a corner, snapping to whole cells; with the keyboard, the
 * arrow keys move the selected zone and Shift with them resizes it. Overlaps and zones past the
 * grid are said under the canvas, and the zone is marked.
 */
import { useRef } from 'preact/hooks';
import {
  LAYOUT_PRESETS,
  ORIENTATIONS,
  SIGNAGE_GRID,
  type Layout,
  type LayoutPreset,
  type SignageSchedule,
  type Zone,
} from '@linli/protocol';
import { Field, type FieldErrors } from './feedback';
import type { AdminStrings } from './i18n';
import { unusedId } from './playlist-items';
import { orientationOf, withNewLayout, withOrientation, withoutLayout, withPreset } from './signage-draft';
import { layoutName } from './signage-words';
import { RESIZE_HANDLES, cellsOf, draggedBox, freeBox, keyedBox, type DragHandle, type GridBox } from './zone-geometry';

/** Where a zone sits on the canvas, as shares of it. */
const boxStyle = (box: GridBox) => ({
  left: `${(box.x / SIGNAGE_GRID) * 100}%`,
  top: `${(box.y / SIGNAGE_GRID) * 100}%`,
  width: `${(box.w / SIGNAGE_GRID) * 100}%`,
  height: `${(box.h / SIGNAGE_GRID) * 100}%`,
});

/** The parts of a zone the geometry checks name: the zone itself (an overlap), its id and its box. */
const ZONE_FIELDS = ['', '/id', '/x', '/y', '/w', '/h'] as const;

interface Drag {
  zoneIndex: number;
  handle: DragHandle;
  pointerX: number;
  pointerY: number;
  start: GridBox;
}

export function LayoutDesigner(props: {
  t: AdminStrings;
  schedule: SignageSchedule;
  layoutIndex: number;
  zoneIndex: number;
  problems: FieldErrors;
  onChange: (schedule: SignageSchedule) => void;
  onSelect: (layoutIndex: number, zoneIndex: number) => void;
}) {
  const { t, schedule, layoutIndex, zoneIndex, problems } = props;
  const words = t.ui.signage;
  const canvas = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const presetChoice = useRef<HTMLSelectElement>(null);
  const layout = schedule.layouts[layoutIndex] ?? schedule.layouts[0]!;
  const layoutPath = `schedule/layouts/${layoutIndex}`;
  const zonePath = (index: number) => `${layoutPath}/zones/${index}`;
  const orientation = orientationOf(schedule);

  const changeLayout = (changed: Layout) =>
    props.onChange({ ...schedule, layouts: schedule.layouts.map((each, i) => (i === layoutIndex ? changed : each)) });
  const changeZone = (index: number, changed: Partial<Zone>) =>
    changeLayout({ ...layout, zones: layout.zones.map((zone, i) => (i === index ? { ...zone, ...changed } : zone)) });

  const startDrag = (event: PointerEvent, index: number, handle: DragHandle) => {
    const zone = layout.zones[index]!;
    (event.currentTarget as Element).setPointerCapture(event.pointerId);
    drag.current = { zoneIndex: index, handle, pointerX: event.clientX, pointerY: event.clientY, start: zone };
    props.onSelect(layoutIndex, index);
  };
  const followPointer = (event: PointerEvent) => {
    const held = drag.current;
    const area = canvas.current?.getBoundingClientRect();
    if (!held || !area) return;
    const box = draggedBox(
      held.start,
      held.handle,
      cellsOf(event.clientX - held.pointerX, area.width / SIGNAGE_GRID),
      cellsOf(event.clientY - held.pointerY, area.height / SIGNAGE_GRID),
    );
    const zone = layout.zones[held.zoneIndex]!;
    if (box.x !== zone.x || box.y !== zone.y || box.w !== zone.w || box.h !== zone.h) changeZone(held.zoneIndex, box);
  };
  const endDrag = () => {
    drag.current = null;
  };

  const zoneHasProblem = (index: number) => ZONE_FIELDS.some((field) => problems.has(`${zonePath(index)}${field}`));
  const selected = layout.zones[zoneIndex];
  const addZone = () => {
    const id = unusedId(
      'zone',
      layout.zones.map((zone) => zone.id),
    );
    changeLayout({ ...layout, zones: [...layout.zones, { id, ...freeBox(layout.zones), playlist: [] }] });
    props.onSelect(layoutIndex, layout.zones.length);
  };
  const removeZone = (index: number) => {
    changeLayout({ ...layout, zones: layout.zones.filter((_, i) => i !== index) });
    props.onSelect(layoutIndex, Math.max(0, index - 1));
  };
  const applyPreset = (preset: LayoutPreset) => {
    const reshaped = withPreset(layout, preset);
    const dropped = layout.zones.filter(
      (zone) => zone.playlist.length > 0 && !reshaped.zones.some((kept) => kept.id === zone.id),
    );
    if (dropped.length > 0 && !confirm(words.confirmPreset(dropped.map((zone) => zone.id).join(words.listSeparator))))
      return;
    changeLayout(reshaped);
    props.onSelect(layoutIndex, 0);
  };

  return (
    <fieldset class="signage-part">
      <legend>{words.layouts}</legend>
      <div class="row wrap">
        <fieldset class="choice" {...problems.control(`${layoutPath}/orientation`)}>
          <legend>{words.orientation}</legend>
          {ORIENTATIONS.map((value) => (
            <label key={value} class="inline">
              <input
                type="radio"
                name="orientation"
                value={value}
                checked={orientation === value}
                onChange={() => props.onChange(withOrientation(schedule, value))}
              />
              {words.orientations[value]}
            </label>
          ))}
        </fieldset>
        {problems.note(`${layoutPath}/orientation`)}
      </div>
      <div class="layout-tabs" role="group" aria-label={words.layouts}>
        {schedule.layouts.map((each, index) => (
          <button
            key={each.id}
            type="button"
            aria-pressed={index === layoutIndex}
            class={problems.has(`schedule/layouts/${index}`, true) ? 'has-problem' : undefined}
            onClick={() => props.onSelect(index, 0)}
          >
            {layoutName(t, each, index)}
            {each.id === schedule.defaultLayoutId && <span class="muted"> · {words.defaultMark}</span>}
          </button>
        ))}
        <button
          type="button"
          onClick={() => {
            props.onChange(withNewLayout(schedule, 'full', words.layoutNumber(schedule.layouts.length + 1)));
            props.onSelect(schedule.layouts.length, 0);
          }}
        >
          {words.addLayout}
        </button>
      </div>
      <div class="row wrap">
        <Field label={words.layoutName} note={problems.note(`${layoutPath}/name`)}>
          <input
            name="layoutName"
            maxLength={80}
            value={layout.name ?? ''}
            onInput={(e) => changeLayout({ ...layout, name: (e.target as HTMLInputElement).value })}
            {...problems.control(`${layoutPath}/name`)}
          />
        </Field>
        <Field label={words.preset}>
          <select name="preset" ref={presetChoice}>
            {LAYOUT_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {words.presets[preset]}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" onClick={() => applyPreset(presetChoice.current!.value as LayoutPreset)}>
          {words.applyPreset}
        </button>
      </div>
      <div class="row wrap">
        <label class="inline">
          <input
            type="checkbox"
            name="defaultLayout"
            checked={layout.id === schedule.defaultLayoutId}
            disabled={layout.id === schedule.defaultLayoutId}
            onChange={() => props.onChange({ ...schedule, defaultLayoutId: layout.id })}
          />
          {words.isDefaultLayout}
        </label>
        {schedule.layouts.length > 1 && (
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (!confirm(words.confirmRemoveLayout(layoutName(t, layout, layoutIndex)))) return;
              props.onChange(withoutLayout(schedule, layoutIndex));
              props.onSelect(0, 0);
            }}
          >
            {words.removeLayout}
          </button>
        )}
      </div>
      <p class="muted" id="zone-keys-hint">
        {words.zoneKeysHint}
      </p>
      <div
        ref={canvas}
        class="layout-canvas"
        data-orientation={orientation}
        role="group"
        aria-label={words.canvasLabel(layoutName(t, layout, layoutIndex))}
        onPointerMove={followPointer}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        {layout.zones.map((zone, index) => (
          <div
            key={zone.id}
            class={`zone-box${index === zoneIndex ? ' selected' : ''}${zoneHasProblem(index) ? ' has-problem' : ''}`}
            data-zone-id={zone.id}
            style={boxStyle(zone)}
          >
            <button
              type="button"
              class="zone-body"
              aria-pressed={index === zoneIndex}
              aria-label={words.zoneLabel(
                words.zoneTitle(zone.id, zone.playlist.length),
                zone.x,
                zone.y,
                zone.w,
                zone.h,
              )}
              aria-describedby={`zone-keys-hint${zoneHasProblem(index) ? ` zone-problems-${index}` : ''}`}
              onPointerDown={(event) => startDrag(event, index, 'move')}
              onClick={() => props.onSelect(layoutIndex, index)}
              onKeyDown={(event) => {
                const moved = keyedBox(zone, event.key, event.shiftKey);
                if (!moved) return;
                event.preventDefault();
                changeZone(index, moved);
              }}
            >
              {words.zoneTitle(zone.id, zone.playlist.length)}
            </button>
            {RESIZE_HANDLES.map((handle) => (
              <span
                key={handle}
                class={`zone-handle handle-${handle}`}
                data-handle={handle}
                aria-hidden="true"
                onPointerDown={(event) => startDrag(event, index, handle)}
              />
            ))}
          </div>
        ))}
      </div>
      {layout.zones.some((_, index) => zoneHasProblem(index)) && (
        <ul class="zone-problems">
          {layout.zones.map(
            (zone, index) =>
              zoneHasProblem(index) && (
                <li key={zone.id} id={`zone-problems-${index}`}>
                  <strong>{words.zoneNamed(zone.id)}</strong>{' '}
                  {ZONE_FIELDS.map((field) => problems.note(`${zonePath(index)}${field}`))}
                </li>
              ),
          )}
        </ul>
      )}
      {problems.note(`${layoutPath}/zones`)}
      <div class="row wrap zone-fields">
        {selected && (
          <>
            <Field label={words.zoneId}>
              <input
                name="zoneId"
                maxLength={64}
                pattern="[A-Za-z0-9_.:\-]+"
                value={selected.id}
                onInput={(e) => changeZone(zoneIndex, { id: (e.target as HTMLInputElement).value })}
                {...problems.control(`${zonePath(zoneIndex)}/id`)}
              />
            </Field>
            {(['x', 'y', 'w', 'h'] as const).map((side) => (
              <div class="field narrow" key={side}>
                <label class="field">
                  <span>{words.zoneBox[side]}</span>
                  <input
                    name={`zone-${side}`}
                    type="number"
                    // Columns and rows are counted from 1 here, as people count them; the grid counts from 0.
                    min={1}
                    max={SIGNAGE_GRID}
                    value={side === 'x' || side === 'y' ? selected[side] + 1 : selected[side]}
                    onInput={(e) => {
                      const typed = Number((e.target as HTMLInputElement).value);
                      if (!Number.isInteger(typed)) return;
                      changeZone(zoneIndex, { [side]: side === 'x' || side === 'y' ? typed - 1 : typed });
                    }}
                    {...problems.control(`${zonePath(zoneIndex)}/${side}`)}
                  />
                </label>
              </div>
            ))}
            <button
              type="button"
              class="danger"
              disabled={layout.zones.length === 1}
              onClick={() => removeZone(zoneIndex)}
            >
              {words.removeZone}
            </button>
          </>
        )}
        <button type="button" onClick={addZone}>
          {words.addZone}
        </button>
      </div>
    </fieldset>
  );
}
