/**
 * 网格地图: the grids of the user's subtree drawn from their own boundaries (no map tiles are
 * fetched, so it works with no internet), each shaded by its open cases, over the basemap image the
 * user's node or one above it laid (its own pane beneath the grids, its opacity chosen here); the
 * cases with a position as points coloured by state and age, or as a heat view; filters by state
 * and age. Clicking a grid shows its staff and its open cases. With org.manage: grids imported
 * from GeoJSON, a grid's boundary and address rows edited (grid-editor), a boundary drawn for a
 * grid with none, the basemap uploaded, replaced or removed (grid-map-tools). Drawn with Leaflet.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import {
  LinliError,
  type BasemapView,
  type CaseView,
  type GridList,
  type GridView,
  type Locale,
} from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { boundaryOf, cornersOf } from './grid-draft';
import { GridEditForm, useDraftLayer, type DraftUpdate, type GridDraft } from './grid-editor';
import { BasemapPanel, GridImport } from './grid-map-tools';
import { GRID_MAP_WORDS, caseMarkOf, gridShade, type CaseMark } from './grid-map-words';
import { SessionContext, usePermission } from './session-context';

type Shown = { state: 'open' | 'all'; age: 'any' | 'week' | 'older'; view: 'points' | 'heat' };
const DAY_MS = 86_400_000;
/** The basemap's pane lies above where tiles would (200) and beneath the grids' (overlayPane, 400). */
const BASEMAP_PANE = 'basemap';
const BASEMAP_PANE_Z = '250';

const MARK_COLOURS: Record<CaseMark, string> = {
  new: '#1557b0',
  handling: '#b58100',
  answered: '#1a7f37',
  overdue: '#b3261e',
  closed: '#6b7480',
};

const draftOf = (grid: GridView): GridDraft => ({
  orgId: grid.orgId,
  name: grid.name,
  version: grid.version,
  corners: cornersOf(grid.boundary),
  innerRings: grid.boundary.slice(1),
  addresses: grid.addresses.map((address) => ({ ...address })),
  drawing: false,
  selected: null,
});

export function GridMapPage(props: { t: AdminStrings; locale: Locale }) {
  const { t } = props;
  const words = GRID_MAP_WORDS[props.locale];
  const canManage = usePermission('org.manage');
  const ownOrgId = useContext(SessionContext)?.orgId ?? 0;
  const [grids, setGrids] = useState<GridList | null>(null);
  const [cases, setCases] = useState<CaseView[]>([]);
  const [shown, setShown] = useState<Shown>({ state: 'open', age: 'any', view: 'points' });
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [draft, setDraft] = useState<GridDraft | null>(null);
  const [editError, setEditError] = useState<LinliError | null>(null);
  const [saving, setSaving] = useState(false);
  const [basemap, setBasemap] = useState<BasemapView | null | undefined>(undefined);
  const [opacity, setOpacity] = useState(0.7);
  const { feedback, setError, setNotice, revision, reload } = useActions(t);
  const holder = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const overlay = useRef<L.ImageOverlay | null>(null);
  const editing = useRef(false);
  editing.current = draft !== null;

  useEffect(() => void api.grids().then(setGrids, setError), [revision]);
  useEffect(() => void api.basemap().then((reply) => setBasemap(reply.basemap), setError), [revision]);
  useEffect(
    () =>
      void api
        .listCases({ ...(shown.state === 'open' && { state: 'open' }), limit: 200 })
        .then((list) => setCases(list.cases), setError),
    [shown.state],
  );
  useEffect(() => {
    if (!holder.current) return;
    const created = L.map(holder.current, { attributionControl: false, zoomSnap: 0.25 });
    created.createPane(BASEMAP_PANE).style.zIndex = BASEMAP_PANE_Z;
    layers.current = L.layerGroup().addTo(created);
    setMap(created);
    // The map follows its box (the page's width), not only the window's.
    const resized = new ResizeObserver(() => created.invalidateSize());
    resized.observe(holder.current);
    return () => {
      resized.disconnect();
      created.remove();
      setMap(null);
    };
  }, []);

  const now = Date.now();
  const visible = cases.filter((view) => {
    const age = now - Date.parse(view.receivedAt);
    return shown.age === 'any' || (shown.age === 'week' ? age <= 7 * DAY_MS : age > 7 * DAY_MS);
  });

  useEffect(() => {
    const group = layers.current;
    if (!map || !group || !grids) return;
    group.clearLayers();
    const bounds = L.latLngBounds([]);
    for (const grid of grids.grids) {
      const rings = grid.boundary.map((ring) => ring.map(([lon, lat]) => L.latLng(lat, lon)));
      const polygon = L.polygon(rings, {
        color: '#1557b0',
        weight: 2,
        fillColor: '#b3261e',
        fillOpacity: gridShade(grid.openCases),
        className: 'grid-area',
      }).bindTooltip(words.gridTip(grid.name, grid.openCases, grid.overdueCases));
      // While a grid is edited, clicks on the map belong to the editor (a boundary drawn across its neighbours).
      polygon.on('click', (event) => (editing.current ? map.fire('click', event) : setChosenId(grid.orgId)));
      if (grid.orgId !== draft?.orgId) polygon.addTo(group);
      bounds.extend(polygon.getBounds());
    }
    for (const view of visible) {
      const { lat, long } = view.location ?? {};
      if (lat === undefined || long === undefined) continue;
      const mark = caseMarkOf(view);
      const point = L.latLng(lat, long);
      if (shown.view === 'heat')
        L.circleMarker(point, {
          radius: 28,
          stroke: false,
          fillColor: '#b3261e',
          fillOpacity: 0.18,
          interactive: false,
        }).addTo(group);
      else
        L.circleMarker(point, {
          radius: 8,
          color: '#fff',
          weight: 2,
          fillColor: MARK_COLOURS[mark],
          fillOpacity: 0.95,
          className: `case-point case-${mark}`,
        })
          .bindTooltip(`${view.tracking} · ${words.marks[mark]}`)
          .addTo(group);
      bounds.extend(point);
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24] });
    else if (basemap) map.fitBounds(basemapLatLngs(basemap));
  }, [map, grids, visible.length, shown.view, cases, draft?.orgId]);

  // The basemap beneath the grids, in a pane of its own.
  useEffect(() => {
    if (!map || !basemap) return;
    const image = L.imageOverlay(api.basemapImageUrl(basemap), basemapLatLngs(basemap), {
      pane: BASEMAP_PANE,
      opacity,
      alt: words.basemap.alt,
      className: 'basemap-overlay',
      interactive: false,
    }).addTo(map);
    overlay.current = image;
    if (grids && grids.grids.length === 0) map.fitBounds(basemapLatLngs(basemap));
    return () => {
      image.remove();
      overlay.current = null;
    };
  }, [map, basemap?.sha256, basemap?.orgId, basemap && JSON.stringify(basemap.bounds)]);
  useEffect(() => void overlay.current?.setOpacity(opacity), [opacity]);

  const update: DraftUpdate = useCallback((change) => setDraft((current) => current && change(current)), []);
  useDraftLayer(map, draft, update, words);

  const startEdit = (next: GridDraft) => {
    setEditError(null);
    setChosenId(next.orgId);
    setDraft(next);
  };
  const save = async () => {
    if (!draft) return;
    setEditError(null);
    setSaving(true);
    try {
      const saved = await api.saveGrid(
        draft.orgId,
        { boundary: boundaryOf(draft.corners, draft.innerRings), addresses: draft.addresses },
        draft.version,
      );
      setDraft(null);
      setNotice(words.edit.saved(saved.name));
      reload();
    } catch (caught) {
      setEditError(caught instanceof LinliError ? caught : new LinliError('INTERNAL', String(caught)));
    } finally {
      setSaving(false);
    }
  };

  const choice = <K extends keyof Shown>(key: K, options: readonly Shown[K][], names: Record<string, string>) => (
    <div class="segmented" role="group" aria-label={words.filters[key]}>
      {options.map((option) => (
        <button key={option} aria-pressed={shown[key] === option} onClick={() => setShown({ ...shown, [key]: option })}>
          {names[option]}
        </button>
      ))}
    </div>
  );
  const chosen = grids?.grids.find((grid) => grid.orgId === chosenId) ?? null;
  const inChosen = chosen ? visible.filter((view) => view.grid?.orgId === chosen.orgId) : [];
  return (
    <section class="stack grid-map-page" aria-labelledby="grid-map-title">
      <h2 id="grid-map-title">{words.title}</h2>
      {feedback}
      <div class="toolbar">
        {choice('state', ['open', 'all'], words.states)}
        {choice('age', ['any', 'week', 'older'], words.ages)}
        {choice('view', ['points', 'heat'], words.views)}
      </div>
      <div class="grid-map-body">
        <div
          ref={holder}
          class={`grid-map${draft?.drawing ? ' drawing' : ''}`}
          role="application"
          aria-label={words.title}
        />
        <aside class="grid-map-side" aria-live="polite">
          {draft ? (
            <GridEditForm
              t={t}
              words={words}
              draft={draft}
              update={update}
              error={editError}
              saving={saving}
              onSave={() => void save()}
              onCancel={() => setDraft(null)}
            />
          ) : (
            <>
              {grids && grids.grids.length === 0 && <p class="muted">{words.noGrids}</p>}
              {chosen ? (
                <>
                  <h3>{chosen.name}</h3>
                  <p>{words.gridTip(chosen.name, chosen.openCases, chosen.overdueCases)}</p>
                  {canManage && (
                    <button type="button" onClick={() => startEdit(draftOf(chosen))}>
                      {words.edit.start}
                    </button>
                  )}
                  <h4>{words.staff}</h4>
                  <ul>
                    {chosen.staff.length === 0 && <li class="muted">{words.noStaff}</li>}
                    {chosen.staff.map((user) => (
                      <li key={user.username}>{user.displayName}</li>
                    ))}
                  </ul>
                  <h4>{words.openCases}</h4>
                  <ul class="grid-cases">
                    {inChosen.length === 0 && <li class="muted">{words.noCases}</li>}
                    {inChosen.map((view) => (
                      <li key={view.id}>
                        <span class={`mark case-${caseMarkOf(view)}`}>{words.marks[caseMarkOf(view)]}</span>{' '}
                        {view.tracking} {view.description.slice(0, 30)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p class="muted">{words.pickGrid}</p>
              )}
              {canManage && grids && grids.withoutBoundary.length > 0 && (
                <>
                  <h4>{words.edit.withoutBoundary}</h4>
                  <ul class="grids-without-boundary">
                    {grids.withoutBoundary.map((grid) => (
                      <li key={grid.orgId}>
                        {grid.name}{' '}
                        <button
                          type="button"
                          aria-label={`${words.edit.draw} ${grid.name}`}
                          onClick={() =>
                            startEdit({
                              orgId: grid.orgId,
                              name: grid.name,
                              version: 0,
                              corners: [],
                              innerRings: [],
                              addresses: [],
                              drawing: true,
                              selected: null,
                            })
                          }
                        >
                          {words.edit.draw}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <h4>{words.legend}</h4>
              <ul class="legend">
                {(Object.keys(MARK_COLOURS) as CaseMark[]).map((mark) => (
                  <li key={mark}>
                    <span class={`mark case-${mark}`} /> {words.marks[mark]}
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      </div>
      <div class="grid-map-tools">
        {canManage && <GridImport t={t} words={words} onImported={reload} />}
        <BasemapPanel
          t={t}
          words={words}
          basemap={basemap}
          opacity={opacity}
          onOpacity={setOpacity}
          canManage={canManage}
          ownOrgId={ownOrgId}
          mapBounds={() => {
            const shownBounds = map?.getBounds();
            if (!shownBounds) return undefined;
            const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
            return {
              south: round(shownBounds.getSouth()),
              west: round(shownBounds.getWest()),
              north: round(shownBounds.getNorth()),
              east: round(shownBounds.getEast()),
            };
          }}
          onChanged={(notice) => {
            setNotice(notice);
            reload();
          }}
        />
      </div>
    </section>
  );
}

const basemapLatLngs = (basemap: BasemapView): L.LatLngBoundsExpression => [
  [basemap.bounds.south, basemap.bounds.west],
  [basemap.bounds.north, basemap.bounds.east],
];
