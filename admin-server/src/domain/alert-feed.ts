/**
 * Alert feeds, the decisions: which addresses may be polled and how they are shown (credentials
 * hidden), what a fetched body is — one alert document (root `<alert>`, CAP 1.2 or GB/T 35965.1),
 * an Atom feed (`<feed>` of `<entry>`, each with a `<link href>`; the CAP 1.2 Atom profile marks
 * the document's link `type="application/cap+xml"`) or an RSS 2.0 feed (`<rss><channel>` of
 * `<item>` with a `<link>`) —, which of an index's links to take, and when to poll again. Pure: the
 * poller (alert-feed-poller.ts) is its I/O shell.
 *
 * Indexes are read by the import's one-pass XML reader (import/xml-reader.ts): bounded in elements
 * and depth, no DTD, so no entity expands. An index may be in UTF-8 or, as Chinese sites still
 * write, GB2312/GBK/GB18030 (its XML declaration says which); alert documents are UTF-8 only.
 */
import { ALERT_FEED_URL_MAX, LinliError } from '@linli/protocol';
import { readXml, type XmlElement, type XmlLimits } from '../import/xml-reader';

/** Far above an index of a thousand entries, far below harm. */
export const FEED_INDEX_XML_LIMITS: XmlLimits = { elements: 50_000, depth: 32 };
/** After repeated failures a feed is polled less often, but at least this often (or at its interval, if longer). */
export const FEED_BACKOFF_CAP_SEC = 900;

const HTTP_SCHEMES = ['http:', 'https:'];
/** Query parameters that carry a secret by their name (key, token, signature, password…). */
const SECRET_PARAMETER = /key|token|secret|pass|auth|sig|credential/i;

/** A feed address as kept (the fragment dropped), or why it cannot be polled. */
export function readFeedUrl(text: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: 'must be an http or https address' };
  }
  if (!HTTP_SCHEMES.includes(url.protocol) || !url.hostname) return { problem: 'must be an http or https address' };
  url.hash = '';
  if (url.href.length > ALERT_FEED_URL_MAX)
    return { problem: `must not have more than ${ALERT_FEED_URL_MAX} characters` };
  return { url: url.href };
}

/**
 * The address as shown to people, in logs and in the audit trail: a user name and password become
 * `***`, and so does the value of a query parameter named like a secret (key, token, sig…).
 */
export function shownFeedUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '***';
  }
  if (url.username || url.password) {
    url.username = '***';
    url.password = '';
  }
  const secrets = new Set([...url.searchParams.keys()].filter((name) => SECRET_PARAMETER.test(name)));
  for (const name of secrets) url.searchParams.set(name, '***');
  return url.href;
}

/**
 * What to request for `href`: the address without its credentials (fetch refuses them) and the
 * Basic authorization they stand for. A link without credentials on the feed's own origin gets
 * the feed's (`feedHref`), as the documents of a protected feed are usually protected alike.
 */
export function feedRequest(href: string, feedHref = href): { url: string; authorization: string | undefined } {
  const url = new URL(href);
  const feed = new URL(feedHref);
  const owner = url.username || url.password ? url : url.origin === feed.origin ? feed : url;
  const user = decodeURIComponent(owner.username);
  const password = decodeURIComponent(owner.password);
  url.username = '';
  url.password = '';
  const authorization =
    user || password ? `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}` : undefined;
  return { url: url.href, authorization };
}

/** One entry of an index: its link as written, and when it was last updated (ms), if it says. */
export interface FeedEntry {
  link: string | undefined;
  updated: number | undefined;
}

export type FeedBody = { kind: 'alert' } | { kind: 'index'; format: 'Atom' | 'RSS 2.0'; entries: FeedEntry[] };

const feedInvalid = (message: string) => new LinliError('FEED_INVALID', message);

/** The text of a feed's bytes, in the encoding its XML declaration names (UTF-8 when none). */
function decodeFeed(bytes: Uint8Array): string {
  const prolog = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const bom = prolog.startsWith('\xEF\xBB\xBF');
  const declared = bom ? undefined : /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(prolog)?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? 'utf-8', { fatal: true });
  } catch {
    throw feedInvalid(`is in an encoding this server does not read (${declared})`);
  }
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw feedInvalid(`is not ${declared ?? 'UTF-8'} text`);
  }
}

const textOf = (element: XmlElement | undefined) => element?.text.trim() || undefined;
const child = (parent: XmlElement, name: string) => parent.children.find((each) => each.name === name);

function dateOf(text: string | undefined): number | undefined {
  const time = text === undefined ? NaN : Date.parse(text);
  return Number.isFinite(time) ? time : undefined;
}

/**
 * An Atom entry's document: the link typed as CAP (`application/cap+xml`) first, else an alternate
 * one that is not a web page; an entry that only links to a web page has none.
 */
function atomLink(entry: XmlElement): string | undefined {
  const links = entry.children.filter((each) => each.name === 'link' && each.attributes.href?.trim());
  const type = (link: XmlElement) => (link.attributes.type ?? '').toLowerCase();
  const chosen =
    links.find((link) => type(link).includes('cap')) ??
    links.find((link) => (link.attributes.rel ?? 'alternate') === 'alternate' && !type(link).includes('html'));
  return chosen?.attributes.href?.trim();
}

/** An RSS item's document: its `<link>`, else an enclosure's url. */
function rssLink(item: XmlElement): string | undefined {
  for (const link of item.children.filter((each) => each.name === 'link')) {
    const href = textOf(link) ?? link.attributes.href?.trim();
    if (href) return href;
  }
  return child(item, 'enclosure')?.attributes.url?.trim() || undefined;
}

/** What a fetched body is; FEED_INVALID when it is not XML, or neither an alert nor an index. */
export function readFeedBody(bytes: Uint8Array): FeedBody {
  const text = decodeFeed(bytes);
  let root: XmlElement;
  try {
    root = readXml(text, 'feed', FEED_INDEX_XML_LIMITS);
  } catch (error) {
    if (!(error instanceof LinliError)) throw error;
    const why = error.message
      .replace(/^The file's part "feed" /, '')
      .replace(/, which a workbook never does$/, ' (DTD), which is refused');
    throw feedInvalid(`is not well-formed XML: it ${why}`);
  }
  if (root.name === 'alert') return { kind: 'alert' };
  if (root.name === 'feed') {
    const entries = root.children
      .filter((each) => each.name === 'entry')
      .map((entry) => ({
        link: atomLink(entry),
        updated: dateOf(textOf(child(entry, 'updated')) ?? textOf(child(entry, 'published'))),
      }));
    return { kind: 'index', format: 'Atom', entries };
  }
  if (root.name === 'rss') {
    const channel = child(root, 'channel');
    if (!channel) throw feedInvalid('is an RSS document without a <channel>');
    const entries = channel.children
      .filter((each) => each.name === 'item')
      .map((item) => ({
        link: rssLink(item),
        updated: dateOf(textOf(child(item, 'pubDate')) ?? textOf(child(item, 'date'))),
      }));
    return { kind: 'index', format: 'RSS 2.0', entries };
  }
  throw feedInvalid(
    `has the document element <${root.name.slice(0, 40)}>: expected an alert (<alert>), an Atom <feed> or an RSS <rss>`,
  );
}

/** A document an index links to: its absolute address and when its entry was updated. */
export interface FeedLink {
  url: string;
  updated: number | undefined;
}

/**
 * The entries' links resolved against `base` (the address the index came from), http and https
 * on the feed's own host only, without fragments, each once; newest first when every entry is dated, otherwise in the
 * index's own order (feeds list the newest first). `ignored` counts entries without a usable link.
 */
export function feedLinks(entries: FeedEntry[], base: string): { links: FeedLink[]; ignored: number } {
  const byUrl = new Map<string, FeedLink>();
  let ignored = 0;
  for (const entry of entries) {
    let url: URL | undefined;
    try {
      url = entry.link === undefined ? undefined : new URL(entry.link, base);
    } catch {
      url = undefined;
    }
    // Only documents on the feed's own host: an index must not make the server fetch other
    // addresses (an internal one, say) on its behalf.
    if (!url || !HTTP_SCHEMES.includes(url.protocol) || url.hostname !== new URL(base).hostname) {
      ignored++;
      continue;
    }
    url.hash = '';
    if (url.href.length > ALERT_FEED_URL_MAX) {
      ignored++;
      continue;
    }
    const seen = byUrl.get(url.href);
    if (!seen) byUrl.set(url.href, { url: url.href, updated: entry.updated });
    else if ((entry.updated ?? -Infinity) > (seen.updated ?? -Infinity)) seen.updated = entry.updated;
  }
  const links = [...byUrl.values()];
  if (links.every((link) => link.updated !== undefined)) links.sort((a, b) => b.updated! - a.updated!);
  return { links, ignored };
}

/** The links to fetch this poll: those not taken before, newest first, at most `max`; `deferred` wait for the next. */
export function linksToTake(
  links: FeedLink[],
  taken: ReadonlySet<string>,
  max: number,
): { take: string[]; deferred: number } {
  const fresh = links.filter((link) => !taken.has(link.url)).map((link) => link.url);
  return { take: fresh.slice(0, max), deferred: Math.max(0, fresh.length - max) };
}

/**
 * Seconds until the next poll after `failures` polls in a row that failed: the interval after a
 * success or a first failure, then doubled with each further failure, up to FEED_BACKOFF_CAP_SEC
 * (or the interval, when that is longer).
 */
export function nextPollDelaySec(pollSec: number, failures: number): number {
  if (failures < 2) return pollSec;
  return Math.min(pollSec * 2 ** Math.min(failures - 1, 20), Math.max(pollSec, FEED_BACKOFF_CAP_SEC));
}
