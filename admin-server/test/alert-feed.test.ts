/** Alert feeds, the pure part: addresses and how they are shown, index reading, link choice, backoff. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LinliError } from '@linli/protocol';
import {
  FEED_BACKOFF_CAP_SEC,
  feedLinks,
  feedRequest,
  linksToTake,
  nextPollDelaySec,
  readFeedBody,
  readFeedUrl,
  shownFeedUrl,
  type FeedBody,
} from '../src/domain/alert-feed';
import { capXml } from './cap-fixtures';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const index = (text: string) => {
  const body = readFeedBody(bytes(text));
  assert.equal(body.kind, 'index');
  return body as Extract<FeedBody, { kind: 'index' }>;
};
const refusal = (body: Uint8Array) => {
  try {
    readFeedBody(body);
  } catch (error) {
    assert.ok(error instanceof LinliError);
    assert.equal(error.code, 'FEED_INVALID');
    return error.message;
  }
  assert.fail('the body was accepted');
};

/** MeteoAlarm / Google style: each entry links to its CAP document and to a web page. */
const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <title>临江市预警信息</title>
  <updated>2026-07-01T09:30:00+08:00</updated>
  <entry>
    <id>urn:linjiang:1</id>
    <updated>2026-07-01T08:30:00+08:00</updated>
    <title>暴雨红色预警</title>
    <link rel="alternate" type="text/html" href="https://qx.linjiang.gov.cn/yj/1.html"/>
    <link rel="related" type="application/cap+xml" href="cap/1.xml"/>
    <cap:event>暴雨红色预警</cap:event>
  </entry>
  <entry>
    <updated>2026-07-01T09:30:00+08:00</updated>
    <link href="https://qx.linjiang.gov.cn/cap/2.xml"/>
  </entry>
  <entry>
    <updated>2026-07-01T07:00:00+08:00</updated>
    <link rel="alternate" type="text/html" href="https://qx.linjiang.gov.cn/only-a-page.html"/>
  </entry>
</feed>`;

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>预警信息</title>
    <atom:link rel="self" href="https://qx.linjiang.gov.cn/rss.xml"/>
    <item><title>一</title><link>/cap/1.xml</link><pubDate>Wed, 01 Jul 2026 08:30:00 +0800</pubDate></item>
    <item><title>二</title><enclosure url="https://qx.linjiang.gov.cn/cap/2.xml" type="application/cap+xml" length="1"/></item>
    <item><title>三</title><link>ftp://qx.linjiang.gov.cn/cap/3.xml</link></item>
  </channel>
</rss>`;

describe('feed addresses', () => {
  test('http and https are polled; other schemes, relative and malformed addresses are refused', () => {
    assert.deepEqual(readFeedUrl(' https://qx.linjiang.gov.cn/cap/index.atom#top '), {
      url: 'https://qx.linjiang.gov.cn/cap/index.atom',
    });
    assert.deepEqual(readFeedUrl('http://10.1.2.3:8080/feed'), { url: 'http://10.1.2.3:8080/feed' });
    for (const bad of ['ftp://qx.linjiang.gov.cn/feed', 'file:///etc/passwd', 'javascript:alert(1)', '/feed', 'x'])
      assert.deepEqual(readFeedUrl(bad), { problem: 'must be an http or https address' }, bad);
    assert.match((readFeedUrl(`https://h/${'%E4'.repeat(700)}`) as { problem: string }).problem, /more than 2000/);
  });

  test('credentials are shown as ***, in the user part and in query parameters named like secrets', () => {
    assert.equal(
      shownFeedUrl('https://yjzx:s3cret@qx.linjiang.gov.cn/feed.atom?area=330188&key=abc&sig=def'),
      'https://***@qx.linjiang.gov.cn/feed.atom?area=330188&key=***&sig=***',
    );
    assert.equal(shownFeedUrl('https://qx.linjiang.gov.cn/feed.atom'), 'https://qx.linjiang.gov.cn/feed.atom');
  });

  test('credentials become Basic authorization, also for links on the feed’s own origin, never for others', () => {
    const feed = 'https://yj%20zx:p%40ss@qx.linjiang.gov.cn/feed.atom';
    const own = feedRequest('https://qx.linjiang.gov.cn/cap/1.xml', feed);
    assert.equal(own.url, 'https://qx.linjiang.gov.cn/cap/1.xml');
    assert.equal(own.authorization, `Basic ${Buffer.from('yj zx:p@ss').toString('base64')}`);
    assert.equal(feedRequest(feed).url, 'https://qx.linjiang.gov.cn/feed.atom');
    assert.equal(feedRequest('https://elsewhere.example/cap/1.xml', feed).authorization, undefined);
  });
});

describe('reading what a feed serves', () => {
  test('a CAP document is an alert, whatever its namespace', () => {
    assert.deepEqual(readFeedBody(bytes(capXml())), { kind: 'alert' });
    assert.deepEqual(readFeedBody(bytes('<alert><identifier>x</identifier></alert>')), { kind: 'alert' });
  });

  test('Atom: the CAP-typed link first, else an alternate that is not a web page; dates kept', () => {
    const body = index(ATOM);
    assert.equal(body.format, 'Atom');
    assert.deepEqual(body.entries, [
      { link: 'cap/1.xml', updated: Date.parse('2026-07-01T00:30:00Z') },
      { link: 'https://qx.linjiang.gov.cn/cap/2.xml', updated: Date.parse('2026-07-01T01:30:00Z') },
      { link: undefined, updated: Date.parse('2026-06-30T23:00:00Z') },
    ]);
  });

  test('RSS 2.0: the item’s link, else its enclosure; pubDate in RFC 822', () => {
    const body = index(RSS);
    assert.equal(body.format, 'RSS 2.0');
    assert.deepEqual(
      body.entries.map((entry) => entry.link),
      ['/cap/1.xml', 'https://qx.linjiang.gov.cn/cap/2.xml', 'ftp://qx.linjiang.gov.cn/cap/3.xml'],
    );
    assert.equal(body.entries[0]!.updated, Date.parse('2026-07-01T00:30:00Z'));
    assert.equal(body.entries[1]!.updated, undefined);
  });

  test('an index in GB18030 is read by its declaration', () => {
    const gbk = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GB2312"?><rss><channel><item><title>'),
      Buffer.from([0xd4, 0xa4, 0xbe, 0xaf]), // 预警
      Buffer.from('</title><link>https://h/1.xml</link></item></channel></rss>'),
    ]);
    // Not UTF-8 (0xBE cannot start a character there): read as UTF-8 it would be refused.
    assert.deepEqual(readFeedBody(gbk), {
      kind: 'index',
      format: 'RSS 2.0',
      entries: [{ link: 'https://h/1.xml', updated: undefined }],
    });
  });

  test('garbage, a web page, a DTD, another encoding than declared and too many elements are FEED_INVALID', () => {
    assert.match(refusal(bytes('not xml at all <')), /is not well-formed XML/);
    assert.match(refusal(bytes('<html><body>维护中</body></html>')), /document element <html>: expected/);
    assert.match(
      refusal(bytes('<!DOCTYPE feed [<!ENTITY a "aaaa">]><feed>&a;</feed>')),
      /document type \(DTD\), which is refused/,
    );
    assert.match(refusal(Buffer.from([0x3c, 0x66, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x66, 0x3e])), /is not UTF-8 text/);
    assert.match(refusal(bytes('<?xml version="1.0" encoding="x-klingon"?><feed/>')), /encoding this server/);
    assert.match(refusal(bytes(`<feed>${'<entry/>'.repeat(60_000)}</feed>`)), /more than 50000 elements/);
    assert.match(refusal(bytes('<rss version="2.0"><item/></rss>')), /without a <channel>/);
  });
});

describe('which links to take', () => {
  test('relative links resolve against the feed; other hosts, other schemes, missing and overlong links are ignored', () => {
    const { links, ignored } = feedLinks(index(RSS).entries, 'https://qx.linjiang.gov.cn/feeds/rss.xml');
    assert.deepEqual(
      links.map((link) => link.url),
      ['https://qx.linjiang.gov.cn/cap/1.xml', 'https://qx.linjiang.gov.cn/cap/2.xml'],
    );
    assert.equal(ignored, 1);
    const odd = feedLinks(
      [
        { link: 'javascript:alert(1)', updated: 1 },
        { link: 'http://10.0.0.1/admin', updated: 1 },
        { link: 'http://h.evil/doc.xml', updated: 1 },
        { link: 'mailto:yj@linjiang.gov.cn', updated: 1 },
        { link: undefined, updated: 1 },
        { link: `https://h/${'a'.repeat(2100)}`, updated: 1 },
        { link: 'doc.xml#part', updated: 1 },
        { link: 'doc.xml', updated: 2 },
      ],
      'http://h/feed/',
    );
    assert.deepEqual(odd.links, [{ url: 'http://h/feed/doc.xml', updated: 2 }], 'each link once, without fragment');
    assert.equal(odd.ignored, 6);
  });

  test('newest first when every entry is dated, otherwise in the index’s order', () => {
    const dated = feedLinks(index(ATOM).entries, 'https://qx.linjiang.gov.cn/feed.atom').links;
    assert.deepEqual(
      dated.map((link) => link.url),
      ['https://qx.linjiang.gov.cn/cap/2.xml', 'https://qx.linjiang.gov.cn/cap/1.xml'],
    );
    const undated = feedLinks(
      [
        { link: 'a', updated: 5 },
        { link: 'b', updated: undefined },
        { link: 'c', updated: 9 },
      ],
      'https://h/',
    ).links;
    assert.deepEqual(
      undated.map((link) => link.url),
      ['https://h/a', 'https://h/b', 'https://h/c'],
    );
  });

  test('links taken before are skipped; at most max a poll, the rest deferred', () => {
    const links = ['1', '2', '3', '4', '5'].map((n) => ({ url: `https://h/${n}`, updated: undefined }));
    assert.deepEqual(linksToTake(links, new Set(['https://h/2']), 3), {
      take: ['https://h/1', 'https://h/3', 'https://h/4'],
      deferred: 1,
    });
    assert.deepEqual(linksToTake(links, new Set(links.map((link) => link.url)), 3), { take: [], deferred: 0 });
  });
});

describe('backoff', () => {
  test('the interval after a success or one failure, then doubling, capped at 15 minutes or the interval', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 50].map((failures) => nextPollDelaySec(60, failures)),
      [60, 60, 120, 240, 480, 900, 900, 900],
    );
    assert.equal(FEED_BACKOFF_CAP_SEC, 900);
    assert.equal(nextPollDelaySec(3600, 9), 3600, 'an hourly feed is not polled more rarely than hourly');
    assert.equal(nextPollDelaySec(600, 2), 900);
  });
});
