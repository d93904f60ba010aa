/**
 * The pages the server shows to anyone's phone without a sign-in — a published guide, a receipt's
 * verification, the payment simulator: one shell with no script at all, the stylesheet inline, and
 * the headers that keep such a page from being framed or sniffed.
 */
import { escapeHtml } from './html-text';

const BASE_STYLE = `body{margin:0;font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:18px;line-height:1.6;color:#1b1f24;background:#f6f7f9}
main{margin:0 auto;padding:1rem}h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}
section{background:#fff;border-radius:12px;padding:.25rem 1rem 1rem;margin-bottom:1rem}.note{color:#4d5661;font-size:.9rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#4d5661}dd{margin:0}`;

/**
 * A whole page: `body` is HTML already escaped by its maker; `style` adds to the shared sheet;
 * `refreshSec` has the browser load it again after that many seconds (a page that follows
 * something live, still without a script).
 */
export function publicPageHtml(page: {
  title: string;
  body: string;
  style?: string;
  width?: string;
  refreshSec?: number;
}): string {
  const refresh = page.refreshSec ? `<meta http-equiv="refresh" content="${Math.round(page.refreshSec)}">` : '';
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(page.title)}</title><style>${BASE_STYLE}
main{max-width:${page.width ?? '40rem'}}${page.style ?? ''}</style></head>
<body><main>${page.body}</main></body></html>`;
}

interface HtmlReply {
  header(name: string, value: string): unknown;
  type(type: string): unknown;
  status(code: number): unknown;
}

/**
 * Sends a public page. `formsPost` lets its forms post back to this server (the payment simulator's
 * buttons); every other page has none.
 */
export function sendPublicPage(
  reply: HtmlReply,
  html: string,
  options: { status?: number; cacheSec?: number; formsPost?: boolean } = {},
): string {
  reply.header(
    'content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action ${options.formsPost ? "'self'" : "'none'"}; frame-ancestors 'none'`,
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cache-control', options.cacheSec ? `public, max-age=${options.cacheSec}` : 'no-store');
  reply.type('text/html; charset=utf-8');
  reply.status(options.status ?? 200);
  return html;
}
