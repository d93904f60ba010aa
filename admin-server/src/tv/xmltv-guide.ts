/**
 * The programme guide as XMLTV (pure): `<tv>` with a `<channel>` per channel and a `<programme>`
 * per airing of a programme in the range (filler left out), in the element order the XMLTV DTD
 * asks for. Times are the channel zone's wall clock with its offset (`20261205190000 +0800`).
 * A programme cut short by another is listed for the time it is on air.
 */
import { programmeGuide, wallClockAt, type TvChannelSchedule } from '@linli/protocol';
import { escapeXml } from '../domain/xml-text';

/** The id a channel has in XMLTV and as the M3U's tvg-id. */
export const xmltvChannelId = (channel: Pick<TvChannelSchedule, 'id'>) => `${channel.id}.linli`;

const two = (value: number) => String(value).padStart(2, '0');

/** An instant as XMLTV writes it, in `timeZone`: YYYYMMDDhhmmss ±hhmm. */
export function xmltvTime(instant: number, timeZone: string): string {
  const wall = wallClockAt(instant, timeZone);
  const seconds = Math.floor(wall.msOfDay / 1000);
  const offsetMinutes = Math.round(wall.offsetMs / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return `${wall.date.replace(/-/g, '')}${two(Math.floor(seconds / 3600))}${two(Math.floor(seconds / 60) % 60)}${two(seconds % 60)} ${sign}${two(Math.floor(offset / 60))}${two(offset % 60)}`;
}

const element = (name: string, text: string) => `<${name} lang="zh">${escapeXml(text)}</${name}>`;

/** The XMLTV document for `channels` from `from` to `to` (epoch ms). */
export function xmltvDocument(channels: TvChannelSchedule[], from: number, to: number, sourceUrl: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE tv SYSTEM "xmltv.dtd">',
    `<tv source-info-url="${escapeXml(sourceUrl)}" source-info-name="Linli" generator-info-name="Linli">`,
  ];
  for (const channel of channels)
    lines.push(
      `  <channel id="${escapeXml(xmltvChannelId(channel))}">`,
      `    ${element('display-name', channel.name)}`,
      `    <display-name>${channel.number}</display-name>`,
      '  </channel>',
    );
  for (const channel of channels)
    for (const airing of programmeGuide(channel, from, to)) {
      const programme = airing.programme!;
      lines.push(
        `  <programme start="${xmltvTime(airing.start, channel.timeZone)}" stop="${xmltvTime(airing.end, channel.timeZone)}" channel="${escapeXml(xmltvChannelId(channel))}">`,
        `    ${element('title', programme.title)}`,
        ...(programme.description ? [`    ${element('desc', programme.description)}`] : []),
        ...(programme.category ? [`    ${element('category', programme.category)}`] : []),
        '  </programme>',
      );
    }
  lines.push('</tv>', '');
  return lines.join('\n');
}
