/**
 * 网格地图: the grids of the user's subtree drawn from their own boundaries (no map tiles are
 * fetched, so it works with no internet), each shaded by its open cases; the cases with a position
 * as points coloured by state and age, or as a heat view; filters by state and age. Clicking a
 * grid shows its staff and its open cases. Drawn with Leaflet.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CaseView, GridList, GridView, Locale } from '@linli/protocol';
import { api } from './api';
import { useActions } from './feedback';
import type { AdminStrings } from './i18n';
import { GRID_MAP_WORDS, caseMarkOf, gridShade, type CaseMark } from './grid-map-words';

type Shown = { state: 'open' | 'all'; age: 'any' | 'week' | 'older'; view: 'points' | 'heat' };
const DAY_MS = 86_400_000;

const MARK_COLOURS: Record<CaseMark, string> = {
  new: '#1557b0',
  handling: '#b58100',
  answered: '#1a7f37',
  overdue: '#b3261e',
  closed: '#6b7480',
};

export function GridMapPage(props: { t: AdminStrings; locale: Locale }) {
  const words = GRID_MAP_WORDS[props.locale];
  const [grids, setGrids] = useState<GridList | null>(null);
  const [cases, setCases] = useState<CaseView[]>([]);
  const [shown, setShown] = useState<Shown>({ state: 'open', age: 'any', view: 'points' });
  const [chosen, setChosen] = useState<GridView | null>(null);
  const { feedback, setError } = useActions(props.t);
  const holder = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);

  useEffect(() => void api.grids().then(setGrids, setError), []);
  useEffect(
    () =>
      void api
        .listCases({ ...(shown.state === 'open' && { state: 'open' }), limit: 200 })
        .then((list) => setCases(list.cases), setError),
    [shown.state],
  );
  useEffect(() => {
    if (!holder.current || map.current) return;
    map.current = L.map(holder.current, { attributionControl: false, zoomSnap: 0.25 });
    layers.current = L.layerGroup().addTo(map.current);
    return () => {
      map.current?.remove();
      map.current = null;
    };
  }, []);

  const now = Date.now();
  const visible = cases.filter((view) => {
    const age = now - Date.parse(view.receivedAt);
    return shown.age === 'any' || (shown.age === 'week' ? age <= 7 * DAY_MS : age > 7 * DAY_MS);
  });

  useEffect(() => {
    const group = layers.current;
    if (!map.current || !group || !grids) return;
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
      })
        .bindTooltip(words.gridTip(grid.name, grid.openCases, grid.overdueCases))
        .on('click', () => setChosen(grid));
      polygon.addTo(group);
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
    if (bounds.isValid()) map.current.fitBounds(bounds, { padding: [24, 24] });
  }, [grids, visible.length, shown.view, cases]);

  const choice = <K extends keyof Shown>(key: K, options: readonly Shown[K][], names: Record<string, string>) => (
    <div class="segmented" role="group" aria-label={words.filters[key]}>
      {options.map((option) => (
        <button key={option} aria-pressed={shown[key] === option} onClick={() => setShown({ ...shown, [key]: option })}>
          {names[option]}
        </button>
      ))}
    </div>
  );
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
        <div ref={holder} class="grid-map" role="application" aria-label={words.title} />
        <aside class="grid-map-side" aria-live="polite">
          {grids && grids.grids.length === 0 && <p class="muted">{words.noGrids}</p>}
          {chosen ? (
            <>
              <h3>{chosen.name}</h3>
              <p>{words.gridTip(chosen.name, chosen.openCases, chosen.overdueCases)}</p>
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
                    <span class={`mark case-${caseMarkOf(view)}`}>{words.marks[caseMarkOf(view)]}</span> {view.tracking}{' '}
                    {view.description.slice(0, 30)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">{words.pickGrid}</p>
          )}
          <h4>{words.legend}</h4>
          <ul class="legend">
            {(Object.keys(MARK_COLOURS) as CaseMark[]).map((mark) => (
              <li key={mark}>
                <span class={`mark case-${mark}`} /> {words.marks[mark]}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </section>
  );
}
