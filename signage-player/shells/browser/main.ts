/**
 * Browser-shell process entry: the player host plus its page and bridge on 127.0.0.1, and, when
 * LINLI_PLAYER_BROWSER names one, the screen's Chromium on that page (started once the server
 * listens, stopped first on the way out).
 */
import path from 'node:path';
import { LinliError } from '@linli/protocol';
import { loadPlayerConfig } from '../../host/player-config';
import { createPlayerHost } from '../../host/player-host';
import { buildPlayerPage } from './player-page';
import { startPlayerServer } from './player-server';
import { READY_MESSAGE } from '../../../kiosk-app/shells/browser/shell-hooks';
import { playerShellHooks } from './player-shell-hooks';
import { startScreenBrowser, type ScreenBrowser } from './screen-browser';

async function main(): Promise<void> {
  const config = loadPlayerConfig(process.env);
  let screen: ScreenBrowser | undefined;
  const host = await createPlayerHost({
    config,
    shell: playerShellHooks(
      (code) => void stop(code),
      () => screen,
    ),
    async reloadScreen() {
      if (!screen) return false;
      await screen.reload();
      return true;
    },
  });
  const page = await buildPlayerPage(config.webOrigins, config.pageDir, config.profile);
  const server = await startPlayerServer({ host, page, port: config.port });
  console.log(`Linli signage player (browser shell): ${server.url}/`);
  console.log(`LINLI_PLAYER_READY ${JSON.stringify({ url: server.url })}`);
  // Started by the launcher (player-launcher.mjs): a version on trial is kept once it serves its page.
  if (process.send) {
    process.send(READY_MESSAGE);
    process.channel?.unref();
  }
  if (config.screenBrowser) {
    screen = startScreenBrowser({
      binary: config.screenBrowser.binary,
      url: `${server.url}/`,
      userDataDir: path.join(config.dataDir, 'browser'),
      window: config.screenBrowser.window,
      log: (message) => console.log(`[player] ${message}`),
    });
  }
  void host.start();

  const stop = async (code: number) => {
    // Chromium first: it must not outlive us, nor show the page losing its host.
    await screen?.stop();
    await server.close();
    await host.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  const message =
    error instanceof LinliError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`Linli signage player could not start. ${message}`);
  process.exit(1);
});
