/**
 * A figure by grid on a map (统计查询 and 使用统计 when the units below are grids): the grids drawn
 * from their own boundaries (no tiles fetched), each shaded by its class (figure-classes), its name
 * and figure on hover, a click opening the grid; the legend beside it says the classes in words,
 * and the table on the page holds every figure for those who do not use the map.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { GridView } from '@linli/protocol';
import { api } from './api';
import { NO_FIGURE_COLOUR, figureClasses } from './figure-classes';

export function GridFiguresMap(props: {
  grids: GridView[];
  values: ReadonlyMap<number, number | null>;
  label: string;
  format: (value: number | null) => string;
  noFigure: string;
  onPick?: (orgId: number) => void;
}) {
  const holder = useRef<HTMLDivElement>(null);
  const classes = useMemo(() => figureClasses([...props.values.values()]), [props.values]);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  useEffect(() => {
    const map = L.map(holder.current!, { attributionControl: false, zoomSnap: 0.25 });
    const bounds = L.latLngBounds([]);
    for (const grid of props.grids) {
      const value = props.values.get(grid.orgId) ?? null;
      const polygon = L.polygon(
        grid.boundary.map((ring) => ring.map(([lon, lat]) => L.latLng(lat, lon))),
        {
          color: '#1f2933',
          weight: 1.5,
          fillColor: classes.colourOf(value),
          fillOpacity: 0.85,
          className: 'grid-figure',
        },
      )
        .bindTooltip(`${grid.name}：${props.format(value)}`, { sticky: true })
        .on('click', () => onPick.current?.(grid.orgId))
        .addTo(map);
      polygon.getElement()?.setAttribute('data-grid', grid.name);
      bounds.extend(polygon.getBounds());
    }
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
    const resized = new ResizeObserver(() => map.invalidateSize());
    resized.observe(holder.current!);
    return () => {
      resized.disconnect();
      map.remove();
    };
  }, [props.grids, props.values, classes]);
  return (
    <div class="grid-figures">
      <div ref={holder} class="grid-figures-map" role="img" aria-label={props.label} />
      <ul class="grid-figures-legend" aria-label={props.label}>
        {classes.classes.map((band) => (
          <li key={band.colour}>
            <span class="swatch" style={{ background: band.colour }} />
            {band.from === band.to ? props.format(band.from) : `${props.format(band.from)} – ${props.format(band.to)}`}
          </li>
        ))}
        <li>
          <span class="swatch" style={{ background: NO_FIGURE_COLOUR }} />
          {props.noFigure}
        </li>
      </ul>
    </div>
  );
}

/** The grids among `orgIds` that have a boundary (none while loading, or when the user may not read grids). */
export function useGridsOf(orgIds: number[]): GridView[] {
  const [all, setAll] = useState<GridView[] | null>(null);
  const wanted = orgIds.length > 0;
  useEffect(() => {
    if (!wanted || all) return;
    api.grids().then(
      (list) => setAll(list.grids),
      () => setAll([]),
    );
  }, [wanted]);
  const key = orgIds.join(',');
  return useMemo(() => (all ?? []).filter((grid) => orgIds.includes(grid.orgId)), [all, key]);
}
