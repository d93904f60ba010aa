// `npm run build`: what a street office deploys, as plain JavaScript and prebuilt pages, so no tsx
// and no esbuild run beside a kiosk, a player or an admin server (measured in `npm run bench --
// runtime`). Into dist/ (or the folder given):
//   admin-server.mjs, admin-cli.mjs, admin-ui/       the admin server, its CLI and its web UI
//   kiosk.mjs, peripheral-worker.mjs, renderer/      the kiosk's browser shell, its device worker, its screens
//   player.mjs, player-page/                         the signage player's browser shell and its page
// Each .mjs bundles Linli's code and the npm packages written as ES modules; CommonJS packages
// (native modules among them) stay imports, read from node_modules as they are installed. Files the
// code reads beside itself (demo content, forms, case rules) are found where they are in the
// repository: dist/ sits beside the packages' folders.
// Usage: tsx build/scripts/build-runtime.ts [outDir]
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeRendererFiles } from '../../kiosk-app/shells/common/renderer-build';
import { writePlayerPageFiles } from '../../signage-player/shells/browser/player-page';
import { ADMIN_CLI, KIOSK, PLAYER, RUNTIME_DIR, RUNTIME_ENTRIES, type RuntimeEntry } from './runtime-entries';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Keeps each source file's own `import.meta.url` and `import.meta.dirname`: a bundled module
 * would otherwise see the bundle's, and read `../demo/notices.json` from the wrong folder. Each
 * becomes the source file's place, relative to the bundle (so dist/ may move with its repository).
 */
function sourceLocation(outDir: string): Plugin {
  return {
    name: 'linli-source-location',
    setup(builder) {
      builder.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.')) return undefined;
        const fromBundle = JSON.stringify(path.relative(outDir, args.path).split(path.sep).join('/'));
        return {
          contents: source
            .replaceAll('import.meta.dirname', `__linliSourceDir(${fromBundle})`)
            .replaceAll('import.meta.url', `__linliSourceUrl(${fromBundle})`),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/**
 * Which files of npm packages are bundled: those written as ES modules, which are strict code
 * already. CommonJS stays an import, read from node_modules as installed: bundled into an ES
 * module it would run as strict code, which some is not (ipp reads arguments.callee); native
 * modules are CommonJS too. Bundling the ES modules is most of the gain: resolving a few hundred
 * files from node_modules was half of a kiosk's start. `commonJs` holds the files esbuild found
 * to be CommonJS in a first pass over the same entry.
 */
function commonJsOutside(outDir: string, commonJs: ReadonlySet<string>): Plugin {
  return {
    name: 'linli-commonjs-outside',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.path.startsWith('node:') || args.path.startsWith('@linli/') || args.pluginData === 'resolving')
          return undefined;
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'resolving',
        });
        // A package that is not installed (pg's optional pg-native) stays an import, never reached.
        if (resolved.errors.length > 0) return { path: args.path, external: true };
        if (resolved.external || !commonJs.has(resolved.path)) return resolved;
        // By its name when it is the copy at the top of node_modules, as Node finds it from the
        // bundle; a copy nested under another package (another version) by its file's path.
        const name = args.path.split('/', args.path.startsWith('@') ? 2 : 1).join('/');
        if (resolved.path.startsWith(path.join(root, 'node_modules', name) + path.sep))
          return { path: args.path, external: true };
        return { path: path.relative(outDir, resolved.path).split(path.sep).join('/'), external: true };
      });
    },
  };
}

/** The files of npm packages an entry reaches that esbuild reads as CommonJS. */
async function commonJsFiles(options: BuildOptions): Promise<Set<string>> {
  const { metafile } = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  return new Set(
    Object.entries(metafile.inputs)
      .filter(([file, input]) => file.includes('node_modules/') && input.format === 'cjs')
      .map(([file]) => path.resolve(file)),
  );
}

function banner(prebuilt: Readonly<Record<string, string>>): string {
  return [
    "import { createRequire as __linliCreateRequire } from 'node:module';",
    "import { dirname as __linliDirname } from 'node:path';",
    "import { fileURLToPath as __linliFileURLToPath } from 'node:url';",
    // CommonJS packages required from bundled code (esbuild's `require` shim needs one).
    'const require = __linliCreateRequire(import.meta.url);',
    'const __linliSourceUrl = (file) => new URL(file, import.meta.url).href;',
    'const __linliSourceDir = (file) => __linliDirname(__linliFileURLToPath(new URL(file, import.meta.url)));',
    ...Object.entries(prebuilt).map(
      ([name, dir]) =>
        `process.env.${name} ??= __linliFileURLToPath(new URL(${JSON.stringify(`./${dir}`)}, import.meta.url));`,
    ),
  ].join('\n');
}

/** Builds `entries` (all by default) into `outDir`, with the pages of those that serve one. */
export async function buildRuntime(
  outDir = path.join(root, RUNTIME_DIR),
  entries: readonly RuntimeEntry[] = RUNTIME_ENTRIES,
): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await Promise.all(
    entries.map(async (entry) => {
      const options: BuildOptions = {
        entryPoints: [path.join(root, entry.source)],
        outfile: path.join(outDir, entry.bundle),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        logLevel: 'warning',
        banner: { js: banner(entry.prebuilt) },
      };
      const commonJs = await commonJsFiles({
        ...options,
        plugins: [sourceLocation(outDir), commonJsOutside(outDir, new Set())],
      });
      await build({ ...options, plugins: [sourceLocation(outDir), commonJsOutside(outDir, commonJs)] });
    }),
  );
  // The admin UI by the admin server's own CLI, just built (this script imports nothing of the server's).
  if (entries.includes(ADMIN_CLI))
    execFileSync(process.execPath, [path.join(outDir, ADMIN_CLI.bundle), 'build-ui', path.join(outDir, 'admin-ui')], {
      stdio: 'inherit',
    });
  if (entries.includes(KIOSK)) await writeRendererFiles(path.join(outDir, 'renderer'));
  if (entries.includes(PLAYER)) await writePlayerPageFiles(path.join(outDir, 'player-page'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = path.resolve(process.argv[2] ?? path.join(root, RUNTIME_DIR));
  await buildRuntime(outDir);
  console.log(`Built the runtime into ${path.relative(process.cwd(), outDir) || '.'}`);
}
