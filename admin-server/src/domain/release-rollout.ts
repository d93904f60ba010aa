/**
 * Which release a device should run: the decision behind the update feed, apart from storage.
 * A rolling release reaches the devices of its groups and a share of all others; the share is
 * fixed per device and release (a hash), so raising it from 10 to 20 % keeps the first tenth and
 * adds another. A paused release keeps the devices already on it. A device on a withdrawn release
 * goes back to the newest release before it, reached or not: that is the rollback.
 */
import { compareVersions, type ReleaseChannel, type ReleaseState } from '@linli/protocol';
import { createHash } from 'node:crypto';

export interface RolloutDevice {
  id: string;
  groupIds: readonly number[];
  channel: ReleaseChannel;
  /** The version its last heartbeat reported, if any. */
  runs: string | null;
}

export interface RolloutRelease {
  id: number;
  channel: ReleaseChannel;
  version: string;
  state: ReleaseState;
  percent: number;
  groupIds: readonly number[];
}

/** The device's place (0–99) in the release's share: the same on every instance and every ask. */
export function rolloutBucket(deviceId: string, releaseId: number): number {
  return createHash('sha256').update(`${releaseId}:${deviceId}`).digest().readUInt32BE(0) % 100;
}

function reaches(release: RolloutRelease, device: RolloutDevice): boolean {
  if (release.state === 'withdrawn') return false;
  if (release.state === 'paused') return device.runs === release.version;
  return (
    release.groupIds.some((group) => device.groupIds.includes(group)) ||
    rolloutBucket(device.id, release.id) < release.percent
  );
}

/**
 * The release the device should run, among those of its app that have a file for its platform;
 * null: it stays on what it runs.
 */
export function releaseFor<R extends RolloutRelease>(device: RolloutDevice, releases: readonly R[]): R | null {
  const followed = releases
    .filter((release) => release.channel === 'stable' || device.channel === 'beta')
    .sort((a, b) => compareVersions(b.version, a.version));
  const reached = followed.find((release) => reaches(release, device));
  const current = device.runs === null ? undefined : followed.find((release) => release.version === device.runs);
  // Withdrawn under the device and nothing newer reaches it: back to the newest release before.
  if (current?.state === 'withdrawn' && (!reached || compareVersions(reached.version, current.version) < 0)) {
    return (
      followed.find(
        (release) => release.state !== 'withdrawn' && compareVersions(release.version, current.version) < 0,
      ) ?? null
    );
  }
  return reached ?? null;
}
