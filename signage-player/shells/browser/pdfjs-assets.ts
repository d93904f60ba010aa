/**
 * What pdf.js needs beside the page, served by the player itself under PLAYER_HTTP.pdfjsPath so a
 * PDF renders with no network: its worker, the CMaps and standard fonts for PDFs that do not embed
 * their fonts, the ICC profiles and the wasm image decoders (JPEG 2000, JBIG2) with their
 * JavaScript fallbacks. The files are those of the installed pdfjs-dist package, or of a copy in
 * the same layout written beside a page built once (writePdfjsFiles: packages, Electron, test
 * runs). They are listed once, when the page is built, from the package's own folders, and a
 * request is answered only when its path is one of them (never a path made from the request).
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PLAYER_HTTP } from '@linli/protocol';
import type { RendererAsset } from '../../../kiosk-app/shells/common/renderer-assets';

/**
 * The page asks for `pdf.worker.min.mjs` and the package's folders by their own names
 * (web/pdf-renderer.ts); of each folder, only plain names with these endings are served.
 */
const WORKER = 'build/pdf.worker.min.mjs';
const FOLDERS: Record<string, RegExp> = {
  cmaps: /^[\w.-]+\.bcmap$/,
  standard_fonts: /^[\w.-]+\.(pfb|ttf)$/,
  iccs: /^[\w.-]+\.icc$/,
  wasm: /^(jbig2|openjpeg|qcms)[\w.-]*\.(wasm|js)$/,
};

const contentType = (name: string) =>
  /\.m?js$/.test(name)
    ? 'text/javascript; charset=utf-8'
    : name.endsWith('.wasm')
      ? 'application/wasm'
      : 'application/octet-stream';

/** URL path → the file's path inside the package folder. */
function listFiles(packageDir: string): Map<string, string> {
  const files = new Map([[`${PLAYER_HTTP.pdfjsPath}${path.basename(WORKER)}`, WORKER]]);
  for (const [folder, allowed] of Object.entries(FOLDERS)) {
    for (const name of readdirSync(path.join(packageDir, folder))) {
      if (allowed.test(name)) files.set(`${PLAYER_HTTP.pdfjsPath}${folder}/${name}`, `${folder}/${name}`);
    }
  }
  return files;
}

export interface PdfjsAssets {
  /** The file for a path under PLAYER_HTTP.pdfjsPath, or undefined for any other path. */
  asset(pathname: string): RendererAsset | undefined;
}

/**
 * Lists the files of `packageDir` (the installed pdfjs-dist, or a copy writePdfjsFiles made) now,
 * throwing if they are missing; reads one when it is asked for.
 */
export function pdfjsAssets(packageDir = pdfjsPackageDir()): PdfjsAssets {
  const files = listFiles(packageDir);
  return {
    asset(pathname) {
      const file = files.get(pathname);
      if (!file) return undefined;
      // Asked again at each page load, like the page's own files.
      return {
        headers: { 'content-type': contentType(file), 'cache-control': 'no-cache' },
        body: readFileSync(path.join(packageDir, file)),
      };
    },
  };
}

/** Copies the files served, in the package's layout, into `dir` (for a page built once). */
export function writePdfjsFiles(dir: string, packageDir = pdfjsPackageDir()): void {
  for (const file of listFiles(packageDir).values()) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(packageDir, file), path.join(dir, file));
  }
}

function pdfjsPackageDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}
