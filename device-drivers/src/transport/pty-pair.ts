/**
 * A real virtual serial cable: socat joins two pseudo-terminals, so a driver on one end and a
 * simulator on the other exchange bytes through the kernel's tty layer and serialport's binding.
 * Used by the device tests and by `npm run devices -- simulate`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PtyPair {
  dir: string;
  /** The end the driver opens (the path a kiosk's devices file names). */
  hostEnd: string;
  /** The end the simulator opens. */
  deviceEnd: string;
  close(keepDir?: boolean): Promise<void>;
}

/**
 * Pass the `dir` of an earlier pair to plug a new cable in at the same paths (a device unplugged
 * by closing the old pair, then plugged in again).
 */
export async function openPtyPair(dir = mkdtempSync(path.join(os.tmpdir(), 'linli-pty-'))): Promise<PtyPair> {
  const hostEnd = path.join(dir, 'ttyHost');
  const deviceEnd = path.join(dir, 'ttyDevice');
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${hostEnd}`, `pty,raw,echo=0,link=${deviceEnd}`], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 5000;
  while (!(existsSync(hostEnd) && existsSync(deviceEnd))) {
    if (socat.exitCode !== null || Date.now() > deadline)
      throw new Error('socat did not create the pty pair (is socat installed?)');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    dir,
    hostEnd,
    deviceEnd,
    /** Unplugs: the pty ends vanish; `keepDir` leaves the folder for a replug at the same paths. */
    async close(keepDir = false) {
      if (socat.exitCode === null) {
        const exited = new Promise((resolve) => socat.once('exit', resolve));
        socat.kill();
        await exited;
      }
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
