// Who may import whom. Each zone is a folder (relative to the repository root); a file belongs
// to the first zone whose folder contains it. `may` lists the zones (and the special targets
// `node` for Node built-ins and `electron`) that files of the zone may import.
export const zones = [
  { name: 'protocol', dir: 'protocol/', may: [] },
  { name: 'device-drivers', dir: 'device-drivers/', may: ['protocol', 'node'] },
  { name: 'kiosk-renderer', dir: 'kiosk-app/renderer/', may: ['protocol'] },
  { name: 'kiosk-shell-common', dir: 'kiosk-app/shells/common/', may: ['protocol', 'kiosk-host', 'node'] },
  {
    name: 'kiosk-electron',
    dir: 'kiosk-app/shells/electron/',
    may: ['protocol', 'kiosk-host', 'kiosk-shell-common', 'node', 'electron'],
  },
  {
    name: 'kiosk-browser-shell',
    dir: 'kiosk-app/shells/browser/',
    may: ['protocol', 'kiosk-host', 'kiosk-shell-common', 'node'],
  },
  { name: 'kiosk-host', dir: 'kiosk-app/host/', may: ['protocol', 'device-drivers', 'node'] },
  {
    name: 'kiosk-test',
    dir: 'kiosk-app/test/',
    may: [
      'protocol',
      'device-drivers',
      'kiosk-host',
      'kiosk-browser-shell',
      'kiosk-shell-common',
      'kiosk-renderer',
      'node',
    ],
  },
  // The player host is a device host like the kiosk's: it is built from the kiosk host's parts.
  { name: 'signage-host', dir: 'signage-player/host/', may: ['protocol', 'kiosk-host', 'node'] },
  {
    name: 'signage-browser-shell',
    dir: 'signage-player/shells/browser/',
    may: ['protocol', 'signage-host', 'kiosk-host', 'kiosk-browser-shell', 'kiosk-shell-common', 'node'],
  },
  // The player's Electron shell: the browser shell's host and page server in a window of its own,
  // with the kiosk's Electron policies.
  {
    name: 'signage-electron',
    dir: 'signage-player/shells/electron/',
    may: ['protocol', 'signage-host', 'signage-browser-shell', 'kiosk-host', 'kiosk-electron', 'node', 'electron'],
  },
  {
    name: 'signage-host-test',
    dir: 'signage-player/test/host/',
    may: [
      'protocol',
      'signage-player',
      'signage-test',
      'signage-host',
      'signage-browser-shell',
      'kiosk-host',
      'kiosk-shell-common',
      'node',
    ],
  },
  // The browser shell's tests: what the shell may import, and the Chromium the e2e tests drive.
  {
    name: 'signage-shell-test',
    dir: 'signage-player/test/browser-shell/',
    may: ['protocol', 'signage-host', 'signage-browser-shell', 'kiosk-host', 'kiosk-shell-common', 'e2e', 'node'],
  },
  // The player's tests run under node:test; the player itself may not touch Node.
  // e2e: the web player's browser tests launch Chromium as test/e2e/browser.ts does (one set of flags);
  // device-drivers: they make Chinese PDFs with the drivers' CJK fonts (pdf-forms/cjk-fonts.ts).
  {
    name: 'signage-test',
    dir: 'signage-player/test/',
    may: ['protocol', 'signage-player', 'signage-browser-shell', 'kiosk-shell-common', 'device-drivers', 'e2e', 'node'],
  },
  { name: 'signage-player', dir: 'signage-player/', may: ['protocol'] },
  // The signage editor previews with the player's pure core (what shows when), as the player decides it.
  { name: 'admin-web', dir: 'admin-server/web/', may: ['protocol', 'signage-player'] },
  // device-drivers: its CJK PDF text (pdf-forms) for report PDFs, nothing that drives a device.
  { name: 'admin-server', dir: 'admin-server/src/', may: ['protocol', 'device-drivers', 'node'] },
  {
    name: 'admin-test',
    dir: 'admin-server/test/',
    may: ['protocol', 'admin-server', 'admin-web', 'device-drivers', 'node'],
  },
  {
    name: 'bench',
    dir: 'bench/',
    may: [
      'protocol',
      'device-drivers',
      'kiosk-host',
      'admin-server',
      'build',
      'signage-browser-shell',
      'signage-test',
      'admin-test',
      'e2e',
      'node',
    ],
  },
  {
    name: 'build',
    dir: 'build/',
    may: ['protocol', 'device-drivers', 'kiosk-host', 'kiosk-shell-common', 'signage-browser-shell', 'node'],
  },
  // Reduced processes built from the kiosk host's and the admin server's parts, which the
  // durability tests start and kill (a whole stack starts too slowly to be killed 100 times).
  { name: 'durability', dir: 'test/e2e/durability/', may: ['protocol', 'kiosk-host', 'admin-server', 'node'] },
  // admin-test: the CAP documents the admin server's tests are written against (cap-fixtures.ts),
  // and 阳光水务, the foreign-shaped utility API the bills tests connect (sunshine-water.ts).
  {
    name: 'e2e',
    dir: 'test/',
    may: ['protocol', 'device-drivers', 'build', 'admin-test', 'durability', 'node'],
  },
];

/** Workspace package names and the zone their entry point lives in. */
export const packageZones = {
  '@linli/protocol': 'protocol',
  '@linli/device-drivers': 'device-drivers',
  '@linli/kiosk-app': 'kiosk-host',
  '@linli/signage-player': 'signage-player',
  '@linli/admin-server': 'admin-server',
};
