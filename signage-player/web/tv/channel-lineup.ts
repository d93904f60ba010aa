/** The box's line-up: its channels by number, and stepping through them (wrapping at both ends). */
import type { TvChannelSchedule } from '@linli/protocol';

/** The channels by number (the same number twice: by id, so every box orders them alike). */
export function lineupOf(channels: readonly TvChannelSchedule[]): TvChannelSchedule[] {
  return [...channels].sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function channelNumbered(lineup: readonly TvChannelSchedule[], number: number): TvChannelSchedule | undefined {
  return lineup.find((channel) => channel.number === number);
}

/** The channel tuned: `channelId` while the line-up has it, else the first channel (none when empty). */
export function tunedChannel(
  lineup: readonly TvChannelSchedule[],
  channelId: string | null,
): TvChannelSchedule | undefined {
  return lineup.find((channel) => channel.id === channelId) ?? lineup[0];
}

/** The next channel up (`step` 1) or down (-1) from `channelId`, wrapping past the ends. */
export function neighbourChannel(
  lineup: readonly TvChannelSchedule[],
  channelId: string | null,
  step: 1 | -1,
): TvChannelSchedule | undefined {
  if (lineup.length === 0) return undefined;
  const index = lineup.findIndex((channel) => channel.id === channelId);
  if (index < 0) return lineup[0];
  return lineup[(index + step + lineup.length) % lineup.length];
}
