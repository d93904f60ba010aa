/** Serves the renderer's files and its page (with the boot token and a strict CSP). */
export interface RendererAsset {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface RendererBundle {
  asset(pathname: string, bootToken: string): RendererAsset | undefined;
}

/** Built file name (e.g. `main.js`) → contents. */
export type RendererFiles = Map<string, Uint8Array>;

/** The page around the built files: its title, and the origins it may frame (none for the kiosk). */
export interface PageOptions {
  title: string;
  frameOrigins?: string[];
  /**
   * Sources media may also come from beyond the page's own origin (the TV page's live HLS items:
   * `https:`, `http:`); none by default.
   */
  mediaSources?: string[];
  /** main.js is a classic script (built with `classicScript`), not a module. */
  classicScript?: boolean;
}

export const KIOSK_PAGE: PageOptions = { title: '邻里 · 便民查询' };

// Images and videos come from the device's own origin (KIOSK_MEDIA_PATH), never from the network;
// frames only from the origins the configuration allows (the player's web items).
const csp = (frameOrigins: string[], mediaSources: string[]) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src ${["'self'", ...mediaSources].join(' ')}; connect-src 'self'; frame-src ${frameOrigins.length > 0 ? frameOrigins.join(' ') : "'none'"}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;

const contentTypes: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

export function rendererBundle(files: RendererFiles, page: PageOptions = KIOSK_PAGE): RendererBundle {
  const policy = csp(page.frameOrigins ?? [], page.mediaSources ?? []);
  return {
    asset(pathname, bootToken): RendererAsset | undefined {
      if (pathname === '/' || pathname === '/index.html') {
        return {
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': policy,
            'cache-control': 'no-store',
          },
          body: indexHtml(bootToken, page.title, page.classicScript ?? false),
        };
      }
      const body = files.get(pathname.slice(1));
      if (!body) return undefined;
      const type = contentTypes[pathname.split('.').pop() ?? ''] ?? 'application/octet-stream';
      return { headers: { 'content-type': type, 'cache-control': 'no-cache' }, body };
    },
  };
}

function indexHtml(bootToken: string, title: string, classicScript: boolean): string {
  const script = classicScript
    ? '<script defer src="/main.js"></script>'
    : '<script type="module" src="/main.js"></script>';
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">
<meta name="linli-boot-token" content="${bootToken}">
<title>${title}</title><link rel="stylesheet" href="/main.css"></head>
<body><div id="app"></div>${script}</body></html>`;
}
