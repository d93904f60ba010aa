/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) as this server speaks it: where it is. Its
 * API keys are issued keys (issued-keys.ts), each for the node its cases are taken at (受理点).
 * Linli's cases keep their own states; at this boundary they are only open or closed.
 */

export const OPEN311_PATH = '/open311/v2';
