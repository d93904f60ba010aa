/**
 * Whether this device's disk was last found full: a sync page or a download that did not fit
 * (STORAGE_FULL) says so, the next write that fits says it is over. A full disk is not the server
 * being away: the status bar and the heartbeat tell it apart.
 */
import { LinliError } from '@linli/protocol';

export interface DiskHealth {
  full(): boolean;
  /** Told what a write to the disk came to: nothing (it fitted) or its error. */
  observe(error?: unknown): void;
}

export function createDiskHealth(onChange: (full: boolean) => void): DiskHealth {
  let full = false;
  return {
    full: () => full,
    observe(error) {
      const now = error instanceof LinliError && error.code === 'STORAGE_FULL';
      // Any other failure says nothing about the disk.
      if (error !== undefined && !now) return;
      if (now === full) return;
      full = now;
      onChange(full);
    },
  };
}
