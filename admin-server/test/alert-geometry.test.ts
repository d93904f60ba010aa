import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertArea } from '@linli/protocol';
import { devicesInAreas, distanceKm, insidePolygon } from '../src/domain/alert-geometry';

/** Around 临江社区: a quadrilateral of about 1 km, and points inside and out. */
const RING: [number, number][] = [
  [30.25, 120.15],
  [30.25, 120.16],
  [30.26, 120.16],
  [30.26, 120.15],
  [30.25, 120.15],
];
const area = (partial: Partial<AlertArea>): AlertArea => ({
  areaDesc: '临江社区',
  geocodes: [],
  polygons: [],
  circles: [],
  ...partial,
});

test('a point inside a polygon is in, one outside (or beyond either edge) is out', () => {
  assert.equal(insidePolygon({ latitude: 30.255, longitude: 120.155 }, RING), true);
  assert.equal(insidePolygon({ latitude: 30.265, longitude: 120.155 }, RING), false);
  assert.equal(insidePolygon({ latitude: 30.255, longitude: 120.165 }, RING), false);
  assert.equal(insidePolygon({ latitude: 30.255, longitude: 120.145 }, RING), false);
  // A U-shaped ring (a bar along latitude 0–1 with two arms up to 4): the notch between the arms is outside.
  const notched: [number, number][] = [
    [0, 0],
    [0, 4],
    [4, 4],
    [4, 3],
    [1, 3],
    [1, 1],
    [4, 1],
    [4, 0],
    [0, 0],
  ];
  assert.equal(insidePolygon({ latitude: 0.5, longitude: 2 }, notched), true);
  assert.equal(insidePolygon({ latitude: 3, longitude: 0.5 }, notched), true);
  assert.equal(insidePolygon({ latitude: 2, longitude: 2 }, notched), false);
});

test('distances are great-circle kilometres: one degree of latitude is about 111 km', () => {
  assert.ok(Math.abs(distanceKm({ latitude: 30, longitude: 120 }, { latitude: 31, longitude: 120 }) - 111.2) < 0.2);
  assert.equal(distanceKm({ latitude: 30, longitude: 120 }, { latitude: 30, longitude: 120 }), 0);
});

test('devices inside any polygon or circle are reached, others and devices far off are not', () => {
  const devices = [
    { id: 'hall', latitude: 30.255, longitude: 120.155 },
    { id: 'gate', latitude: 30.27, longitude: 120.155 },
    { id: 'far', latitude: 31.2, longitude: 121.47 },
  ];
  assert.deepEqual(devicesInAreas([area({ polygons: [RING] })], devices), ['hall']);
  // 30.27 is about 1.67 km north of 30.255.
  const circle = { latitude: 30.255, longitude: 120.155, radiusKm: 2 };
  assert.deepEqual(devicesInAreas([area({ circles: [circle] })], devices), ['hall', 'gate']);
  assert.deepEqual(devicesInAreas([area({ circles: [{ ...circle, radiusKm: 1 }] })], devices), ['hall']);
  assert.deepEqual(devicesInAreas([area({ geocodes: [{ valueName: 'GB/T 2260', value: '330188' }] })], devices), []);
});
