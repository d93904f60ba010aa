/** Debian's Chromium driven by playwright-core, with the flags this closed network needs. */
import { chromium, type Browser } from 'playwright-core';

/** The Chromium binary tests drive (Debian's unless LINLI_CHROMIUM names another). */
export const CHROMIUM_PATH = process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium';

/**
 * `fakeCamera`: Chromium's built-in test pattern as the camera, its use allowed without a prompt
 * (as the Electron shell allows it on the case form's photo step).
 */
export function launchChromium(options: { fakeCamera?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.fakeCamera ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    ],
  });
}
