/**
 * One grid edited on the map (org.manage): its boundary's corners as markers to drag (a small dot
 * between two corners adds one when dragged or clicked; a selected corner is removed; keyboard:
 * arrow keys move the focused corner, Delete removes it), a new boundary drawn by clicking the map,
 * and its address rows beside the map. The server's problems show beside the row or the boundary
 * they concern; the save names the version the edit started from.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import type { GridAddress, GridPolygon, LinliError } from '@linli/protocol';
import { ErrorBox } from './feedback';
import { fieldProblems, type AdminStrings } from './i18n';
import { insertCorner, midpoints, moveCorner, removeCorner, type Corner } from './grid-draft';
import { gridPlace, gridProblem, type GridMapWords } from './grid-map-words';

type Words = GridMapWords;

/** A grid as the editor holds it until it is saved. */
export interface GridDraft {
  orgId: number;
  name: string;
  /** The version the edit started from (0: the grid had no boundary). */
  version: number;
  corners: Corner[];
  innerRings: GridPolygon;
  addresses: GridAddress[];
  /** Clicks on the map add corners, until the drawing is finished. */
  drawing: boolean;
  selected: number | null;
}

export type DraftUpdate = (change: (draft: GridDraft) => GridDraft) => void;

/** How far an arrow key moves a corner, in screen pixels. */
const NUDGE_PX = 4;
const NUDGES: Record<string, [number, number]> = {
  ArrowLeft: [-NUDGE_PX, 0],
  ArrowRight: [NUDGE_PX, 0],
  ArrowUp: [0, -NUDGE_PX],
  ArrowDown: [0, NUDGE_PX],
};

/** The draft's boundary and corner markers on the map, rebuilt when its corners change. */
export function useDraftLayer(map: L.Map | null, draft: GridDraft | null, update: DraftUpdate, words: Words): void {
  const drawing = useRef(false);
  drawing.current = draft?.drawing ?? false;
  // The corner to give the focus back to once the markers are drawn again (moved or added by keyboard).
  const refocus = useRef<number | null>(null);

  useEffect(() => {
    if (!map) return;
    const onClick = (event: L.LeafletMouseEvent) => {
      if (drawing.current)
        update((current) => ({ ...current, corners: [...current.corners, [event.latlng.lat, event.latlng.lng]] }));
    };
    map.on('click', onClick);
    return () => void map.off('click', onClick);
  }, [map]);

  const corners = draft?.corners;
  useEffect(() => {
    if (!map || !draft || !corners) return;
    const group = L.layerGroup().addTo(map);
    const points = corners.map(([lat, lng]) => L.latLng(lat, lng));
    const shape = L.polygon(points, {
      color: '#b3261e',
      weight: 3,
      fillOpacity: 0.08,
      dashArray: draft.drawing ? '6 6' : undefined,
      interactive: false,
      className: 'grid-editing',
    }).addTo(group);
    const markers = corners.map((corner, index) => {
      const marker = L.marker(corner as [number, number], {
        icon: L.divIcon({ className: `grid-vertex${draft.selected === index ? ' selected' : ''}`, iconSize: [16, 16] }),
        draggable: true,
        keyboard: true,
        autoPanOnFocus: false,
        title: words.edit.vertex(index + 1),
      }).addTo(group);
      marker.on('drag', () => shape.setLatLngs(points.map((point, at) => (at === index ? marker.getLatLng() : point))));
      marker.on('dragend', () => {
        const { lat, lng } = marker.getLatLng();
        update((current) => ({ ...current, corners: moveCorner(current.corners, index, [lat, lng]), selected: index }));
      });
      marker.on('click', () => update((current) => ({ ...current, selected: index })));
      marker.getElement()?.addEventListener('keydown', (event) => {
        const nudge = NUDGES[event.key];
        if (nudge) {
          refocus.current = index;
          // From the corner as the draft holds it, so presses quicker than the markers are drawn add up.
          update((current) => {
            const [lat, lng] = current.corners[index] ?? corner;
            const to = map.containerPointToLatLng(map.latLngToContainerPoint([lat, lng]).add(nudge));
            return { ...current, corners: moveCorner(current.corners, index, [to.lat, to.lng]), selected: index };
          });
        } else if (event.key === 'Delete' || event.key === 'Backspace') {
          refocus.current = Math.max(0, index - 1);
          update((current) => ({ ...current, corners: removeCorner(current.corners, index), selected: null }));
        } else return;
        event.preventDefault();
        event.stopPropagation();
      });
      return marker;
    });
    if (!draft.drawing)
      for (const middle of midpoints(corners)) {
        const marker = L.marker(middle.at as [number, number], {
          icon: L.divIcon({ className: 'grid-midpoint', iconSize: [12, 12] }),
          draggable: true,
          keyboard: true,
          autoPanOnFocus: false,
          title: words.edit.midpoint(middle.index),
        }).addTo(group);
        const add = (at: Corner) => {
          refocus.current = middle.index;
          update((current) => ({
            ...current,
            corners: insertCorner(current.corners, middle.index, at),
            selected: middle.index,
          }));
        };
        marker.on('click', () => add(middle.at));
        marker.on('dragend', () => add([marker.getLatLng().lat, marker.getLatLng().lng]));
      }
    if (refocus.current !== null) {
      markers[refocus.current]?.getElement()?.focus({ preventScroll: true });
      refocus.current = null;
    }
    return () => {
      // A corner that has the focus keeps it when the markers are drawn again.
      const focused = markers.findIndex((marker) => marker.getElement() === document.activeElement);
      if (focused >= 0 && refocus.current === null) refocus.current = focused;
      group.remove();
    };
  }, [map, draft?.orgId, corners, draft?.drawing, draft?.selected]);
}

/** The draft beside the map: the boundary's state and tools, the address rows, save and cancel. */
export function GridEditForm(props: {
  t: AdminStrings;
  words: Words;
  draft: GridDraft;
  update: DraftUpdate;
  error: LinliError | null;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { t, words, draft, update, error } = props;
  const problems = fieldProblems(t, error).map((problem) => ({
    ...problem,
    problem: gridProblem(words, problem.problem) ?? problem.problem,
  }));
  const problemsAt = (path: string, nested = false) =>
    problems.filter((problem) => problem.path === path || (nested && problem.path.startsWith(`${path}/`)));
  const note = (path: string, id: string) => {
    const found = problemsAt(path);
    return found.length === 0 ? null : (
      <span class="field-error" id={id}>
        {found.map((problem) => problem.problem).join(t.errors.separator)}
      </span>
    );
  };
  const invalid = (path: string, id: string) =>
    problemsAt(path).length > 0 ? { 'aria-invalid': 'true' as const, 'aria-describedby': id } : {};
  const boundaryProblems = problemsAt('boundary', true);
  const setAddress = (index: number, field: keyof GridAddress, value: string) =>
    update((current) => ({
      ...current,
      addresses: current.addresses.map((address, at) => (at === index ? { ...address, [field]: value } : address)),
    }));
  const submit = (event: Event) => {
    event.preventDefault();
    props.onSave();
  };
  const named = problems.some((problem) => problem.path.startsWith('boundary') || problem.path.startsWith('addresses'));
  return (
    <form class="grid-editor stack" onSubmit={submit} aria-label={words.edit.title(draft.name)}>
      <h3>{words.edit.title(draft.name)}</h3>
      {error && !named && <ErrorBox error={error} t={t} />}
      <fieldset>
        <legend>{words.place.boundary}</legend>
        <p class="muted">{draft.drawing ? words.edit.drawHint : words.edit.dragHint}</p>
        <p data-corners={draft.corners.length}>{words.edit.corners(draft.corners.length)}</p>
        {boundaryProblems.length > 0 && (
          <ul class="field-error" role="alert">
            {boundaryProblems.map((problem, index) => (
              <li key={index}>{t.errors.detail(gridPlace(words, problem.path), problem.problem)}</li>
            ))}
          </ul>
        )}
        <div class="buttons">
          {draft.drawing ? (
            <button
              type="button"
              disabled={draft.corners.length < 3}
              onClick={() => update((current) => ({ ...current, drawing: false }))}
            >
              {words.edit.finishDrawing}
            </button>
          ) : (
            <button
              type="button"
              disabled={draft.selected === null || draft.corners.length <= 3}
              onClick={() =>
                update((current) => ({
                  ...current,
                  corners:
                    current.selected === null ? current.corners : removeCorner(current.corners, current.selected),
                  selected: null,
                }))
              }
            >
              {words.edit.removeVertex}
            </button>
          )}
          <button
            type="button"
            onClick={() => update((current) => ({ ...current, corners: [], drawing: true, selected: null }))}
          >
            {words.edit.redraw}
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>{words.edit.addresses}</legend>
        {note('addresses', 'grid-addresses-problem')}
        <table class="address-rows">
          <thead>
            <tr>
              <th>{words.place.addressId}</th>
              <th>{words.place.addressLabel}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.addresses.map((address, index) => (
              <tr key={index} data-address={index}>
                {(['id', 'label'] as const).map((field) => {
                  const path = `addresses/${index}/${field}`;
                  const id = `grid-address-${index}-${field}-problem`;
                  return (
                    <td key={field}>
                      <input
                        name={`address-${index}-${field}`}
                        aria-label={`${words.place.addressRow(index + 1)} ${
                          field === 'id' ? words.place.addressId : words.place.addressLabel
                        }`}
                        value={address[field]}
                        maxLength={field === 'id' ? 64 : 60}
                        onInput={(event) => setAddress(index, field, (event.target as HTMLInputElement).value)}
                        {...invalid(path, id)}
                      />
                      {note(path, id)}
                      {field === 'id' && note(`addresses/${index}`, `grid-address-${index}-problem`)}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    aria-label={`${words.edit.removeRow} ${words.place.addressRow(index + 1)}`}
                    onClick={() =>
                      update((current) => ({
                        ...current,
                        addresses: current.addresses.filter((_, at) => at !== index),
                      }))
                    }
                  >
                    {words.edit.removeRow}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            update((current) => ({ ...current, addresses: [...current.addresses, { id: '', label: '' }] }))
          }
        >
          {words.edit.addRow}
        </button>
      </fieldset>
      <div class="buttons">
        <button type="submit" class="primary" disabled={props.saving || draft.drawing}>
          {words.edit.save}
        </button>
        <button type="button" onClick={props.onCancel}>
          {words.edit.cancel}
        </button>
      </div>
    </form>
  );
}
