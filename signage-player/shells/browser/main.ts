/** Browser-shell process entry: the player host plus its page and bridge on 127.0.0.1. */
import { LinliError } from '@linli/protocol';
import { browserShellHooks } from '../../../kiosk-app/shells/browser/shell-hooks';
import { loadPlayerConfig } from '../../host/player-config';
import { createPlayerHost } from '../../host/player-host';
import { buildPlayerPage } from './player-page';
import { startPlayerServer } from './player-server';

async function main(): Promise<void> {
  const config = loadPlayerConfig(process.env);
  const host = await createPlayerHost({ config, shell: browserShellHooks((code) => void stop(code)) });
  const page = await buildPlayerPage(config.webOrigins);
  const server = await startPlayerServer({ host, page, port: config.port });
  console.log(`Linli signage player (browser shell): ${server.url}/`);
  console.log(`LINLI_PLAYER_READY ${JSON.stringify({ url: server.url })}`);
  void host.start();

  const stop = async (code: number) => {
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
