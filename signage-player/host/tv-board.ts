/**
 * The TV channels held on a set-top box and which of them it shows. After each sync (and after the
 * signage board has taken any new key set) every channel held is checked: its signature in the
 * channel context, that the signed content names the same channel and version as its envelope,
 * then its schedule's rules. Refused channels are left out, logged once per signature and
 * reported with the heartbeat like refused publications.
 */
import {
  LinliError,
  TvChannelSchedule,
  tvChannelProblems,
  type MediaRef,
  type SignagePublicKey,
  type SignedTvChannel,
} from '@linli/protocol';
import type { CacheDb } from '../../kiosk-app/host/storage/cache-db';
import type { SignageRefusal } from './signage-board';
import { openSigned } from './signed-envelope';

export interface TvBoard {
  /** Takes in what the last sync stored; true when the line-up changed. */
  refresh(): boolean;
  /** The channels that checked out, by number. */
  channels(): TvChannelSchedule[];
  refusals(): SignageRefusal[];
  /** The files the channels play, to keep and fetch. */
  wantedMedia(): MediaRef[];
}

type Outcome = { channel: TvChannelSchedule } | { refusal: SignageRefusal };

function check(envelope: SignedTvChannel, trusted: SignagePublicKey[]): TvChannelSchedule {
  const channel = openSigned(envelope, 'channel', trusted, TvChannelSchedule);
  if (channel.id !== envelope.id || channel.version !== envelope.version)
    throw new LinliError(
      'SIGNATURE_INVALID',
      `The signed content is ${channel.id} v${channel.version}, not ${envelope.id} v${envelope.version}`,
    );
  const problem = tvChannelProblems(channel)[0];
  if (problem) throw new LinliError('VALIDATION_FAILED', `${problem.path}: ${problem.message}`, [problem]);
  return channel;
}

export function createTvBoard(deps: {
  cache: Pick<CacheDb, 'allTvChannels'>;
  trustedKeys: () => SignagePublicKey[];
  log: (message: string) => void;
}): TvBoard {
  const { cache, trustedKeys, log } = deps;
  // Outcomes by signature and the keys they were checked with: a new key set checks again.
  let checked = new Map<string, Outcome>();
  let checkedWith: SignagePublicKey[] = [];
  let channels: TvChannelSchedule[] = [];
  let refusals: SignageRefusal[] = [];

  function outcomeOf(envelope: SignedTvChannel): Outcome {
    try {
      return { channel: check(envelope, checkedWith) };
    } catch (error) {
      if (!(error instanceof LinliError)) throw error;
      log(`tv: refused ${envelope.id} v${envelope.version}: ${error.code} ${error.message}`);
      return { refusal: { id: envelope.id, version: envelope.version, code: error.code, message: error.message } };
    }
  }

  return {
    refresh() {
      const keys = trustedKeys();
      if (keys !== checkedWith) checked = new Map();
      checkedWith = keys;
      const stillHeld = new Map<string, Outcome>();
      const outcomes = cache.allTvChannels().map((envelope) => {
        const outcome = checked.get(envelope.signature) ?? outcomeOf(envelope);
        stillHeld.set(envelope.signature, outcome);
        return outcome;
      });
      checked = stillHeld;
      const before = channels.map((channel) => `${channel.id}@${channel.version}`).join();
      channels = outcomes
        .flatMap((outcome) => ('channel' in outcome ? [outcome.channel] : []))
        .sort((a, b) => a.number - b.number);
      refusals = outcomes.flatMap((outcome) => ('refusal' in outcome ? [outcome.refusal] : []));
      return channels.map((channel) => `${channel.id}@${channel.version}`).join() !== before;
    },
    channels: () => channels,
    refusals: () => refusals,
    wantedMedia: () =>
      channels.flatMap((channel) =>
        [...channel.programmes.flatMap((programme) => programme.items), ...channel.filler].flatMap((item) =>
          item.kind === 'video' || item.kind === 'image' ? [item.media] : [],
        ),
      ),
  };
}
