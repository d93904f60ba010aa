/**
 * The channel line-up as an extended M3U playlist (pure), as IPTV players read it: `#EXTM3U` with
 * the programme guide's address (`x-tvg-url`), then per channel `#EXTINF:-1` with tvg-id (the
 * XMLTV channel id), tvg-name, tvg-chno and group-title, the name after the comma, and the
 * stream's absolute URL on the next line.
 */
import type { TvChannelSchedule } from '@linli/protocol';
import { xmltvChannelId } from './xmltv-guide';

/** An attribute value as M3U readers split them: no quotes, commas or line breaks. */
const attribute = (text: string) => text.replace(/["\r\n]/g, ' ').replace(/,/g, '，');
const title = (text: string) => text.replace(/[\r\n]/g, ' ');

/** `streamUrl`: a channel's absolute stream address; `guideUrl`: the XMLTV document's. */
export function lineupM3u(
  channels: TvChannelSchedule[],
  urls: { guideUrl: string; streamUrl: (channel: TvChannelSchedule) => string },
): string {
  const lines = [`#EXTM3U x-tvg-url="${attribute(urls.guideUrl)}"`];
  for (const channel of channels) {
    const group = channel.group ? ` group-title="${attribute(channel.group)}"` : '';
    lines.push(
      `#EXTINF:-1 tvg-id="${attribute(xmltvChannelId(channel))}" tvg-name="${attribute(channel.name)}" tvg-chno="${channel.number}"${group},${title(channel.name)}`,
      urls.streamUrl(channel),
    );
  }
  return `${lines.join('\n')}\n`;
}
