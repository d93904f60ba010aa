// The processes a deployment runs, each as its source (run through tsx by `npm start` and the
// tests) and as the bundle `npm run build` makes of it (run by plain Node where it is deployed).

/** Where `npm run build` puts the runtime, relative to the repository root. */
export const RUNTIME_DIR = 'dist';

export interface RuntimeEntry {
  /** The entry's source, relative to the repository root. */
  source: string;
  /** Its bundle's file name in the runtime folder (dist/). */
  bundle: string;
  /**
   * Prebuilt files the bundle reads by default, by the environment variable that names them, as
   * paths relative to the runtime folder (used only when the deployment's environment names none).
   */
  prebuilt: Readonly<Record<string, string>>;
}

export const ADMIN_SERVER: RuntimeEntry = {
  source: 'admin-server/src/server.ts',
  bundle: 'admin-server.mjs',
  prebuilt: { LINLI_ADMIN_UI_DIR: 'admin-ui' },
};
export const ADMIN_CLI: RuntimeEntry = { source: 'admin-server/src/cli.ts', bundle: 'admin-cli.mjs', prebuilt: {} };
export const KIOSK: RuntimeEntry = {
  source: 'kiosk-app/shells/browser/main.ts',
  bundle: 'kiosk.mjs',
  prebuilt: { LINLI_RENDERER_DIR: 'renderer', LINLI_PERIPHERAL_WORKER_ENTRY: 'peripheral-worker.mjs' },
};
/** Where each app's browser shell keeps its updates, relative to the checkout (beside dist/). */
export const SHELL_UPDATE_DIRS = { kiosk: 'updates', player: 'updates/player' } as const;
/** What systemd runs on a kiosk: starts kiosk.mjs, or the update the host installed, and rolls a failed one back. */
export const KIOSK_LAUNCHER: RuntimeEntry = {
  source: 'kiosk-app/shells/browser/launcher.ts',
  bundle: 'kiosk-launcher.mjs',
  prebuilt: { LINLI_LAUNCH_ENTRY: 'kiosk.mjs', LINLI_UPDATE_DIR: `../${SHELL_UPDATE_DIRS.kiosk}` },
};
export const PERIPHERAL_WORKER: RuntimeEntry = {
  source: 'kiosk-app/host/peripherals/peripheral-worker.ts',
  bundle: 'peripheral-worker.mjs',
  prebuilt: {},
};
export const PLAYER: RuntimeEntry = {
  source: 'signage-player/shells/browser/main.ts',
  bundle: 'player.mjs',
  prebuilt: { LINLI_PLAYER_PAGE_DIR: 'player-page' },
};
/** The same launcher for a player: starts player.mjs, or its update (updates/player/ beside dist/). */
export const PLAYER_LAUNCHER: RuntimeEntry = {
  source: KIOSK_LAUNCHER.source,
  bundle: 'player-launcher.mjs',
  prebuilt: { LINLI_LAUNCH_ENTRY: 'player.mjs', LINLI_UPDATE_DIR: `../${SHELL_UPDATE_DIRS.player}` },
};

export const RUNTIME_ENTRIES = [
  ADMIN_SERVER,
  ADMIN_CLI,
  KIOSK,
  KIOSK_LAUNCHER,
  PERIPHERAL_WORKER,
  PLAYER,
  PLAYER_LAUNCHER,
];
