/** Browser-shell process entry: the kiosk host plus its HTTP bridge on 127.0.0.1. */
import { LinliError } from '@linli/protocol';
import { loadKioskConfig } from '../../host/config';
import { createKioskHost } from '../../host/kiosk-host';
import { startBridgeServer } from './bridge-server';
import { READY_MESSAGE, browserShellHooks } from './shell-hooks';
import { rendererBundle } from '../common/renderer-assets';
import { buildRendererFiles, readRendererFiles } from '../common/renderer-build';

async function main(): Promise<void> {
  const config = loadKioskConfig(process.env);
  // A restart (remote command) stops like a signal does, then exits for systemd to start it again.
  const host = await createKioskHost({ config, shell: browserShellHooks((code) => void stop(code)) });
  const renderer = rendererBundle(
    config.rendererDir ? readRendererFiles(config.rendererDir) : await buildRendererFiles(),
  );
  const server = await startBridgeServer({ host, renderer, port: config.port });
  console.log(`Linli kiosk (browser shell): ${server.url}/`);
  console.log(`LINLI_KIOSK_READY ${JSON.stringify({ url: server.url })}`);
  // Under the launcher: this version serves its screens, so an update on trial is kept.
  if (process.send) {
    process.send(READY_MESSAGE);
    process.channel?.unref();
  }
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
  console.error(`Linli kiosk could not start. ${message}`);
  process.exit(1);
});
