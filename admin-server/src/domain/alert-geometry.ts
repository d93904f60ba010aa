/**
 * Which devices an alert's polygons and circles reach, by where each device stands (set in the fleet
 * view). Pure. CAP gives points as WGS 84 latitude,longitude; areas are a district at most, so a
 * polygon is tested on the plane of its degrees (ray casting), and a circle by great-circle distance.
 */
import type { AlertArea } from '@linli/protocol';

export interface LocatedDevice {
  id: string;
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether the point lies inside the closed ring of [latitude, longitude] (a point on an edge may fall either way). */
export function insidePolygon(
  point: { latitude: number; longitude: number },
  ring: readonly (readonly [number, number])[],
) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [latI, lonI] = ring[i]!;
    const [latJ, lonJ] = ring[j]!;
    const crosses =
      lonI > point.longitude !== lonJ > point.longitude &&
      point.latitude < ((latJ - latI) * (point.longitude - lonI)) / (lonJ - lonI) + latI;
    if (crosses) inside = !inside;
  }
  return inside;
}

function reaches(area: AlertArea, device: LocatedDevice): boolean {
  return (
    area.polygons.some((ring) => insidePolygon(device, ring)) ||
    area.circles.some((circle) => distanceKm(circle, device) <= circle.radiusKm)
  );
}

/** The ids of the devices inside any polygon or circle of the areas, in the order given. */
export function devicesInAreas(areas: readonly AlertArea[], devices: readonly LocatedDevice[]): string[] {
  return devices.filter((device) => areas.some((area) => reaches(area, device))).map((device) => device.id);
}
