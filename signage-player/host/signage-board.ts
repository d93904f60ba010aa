/**
 * The signage held on this player and what of it plays. After each sync it takes a new key set
 * when one of the keys it trusts signed it, checks every publication held (signature, then that
 * the signed content names the same publication and version as its envelope, then the schedule),
 * and chooses what plays (signage-choice.ts). What plays is kept in the cache, so the player boots
 * into it with the server down. Refusals are logged once and reported with the heartbeat.
 */
import {
  LinliError,
  SignagePublication,
  parseSignageSchedule,
  type ErrorCode,
  type MediaRef,
  type SignagePublicKey,
  type SignedSignage,
} from '@linli/protocol';
import type { CacheDb } from '../../kiosk-app/host/storage/cache-db';
import { nextTrustedKeys, sameKeys } from './key-trust';
import { choosePlaying, publicationMedia } from './signage-choice';
import { openSigned } from './signed-envelope';

export interface SignageRefusal {
  id: string;
  version: number;
  code: ErrorCode;
  message: string;
}

export interface TrustedKeys {
  current(): SignagePublicKey[];
  /** Stores the keys to trust from now on (durably: see device-credentials.ts). */
  replace(keys: SignagePublicKey[]): void;
}

export interface SignageBoard {
  /** Takes in what the last sync stored; true when the publication on screen changed. */
  refresh(): boolean;
  playing(): SignagePublication | null;
  refusals(): SignageRefusal[];
  /** The files to keep and fetch: those of the publication on screen and of every one checked. */
  wantedMedia(): MediaRef[];
}

type Outcome = { publication: SignagePublication } | { refusal: SignageRefusal };

export function createSignageBoard(deps: {
  cache: Pick<CacheDb, 'allSignage' | 'signageKeys' | 'playingSignage' | 'setPlayingSignage'>;
  keys: TrustedKeys;
  stored: (sha256: string) => boolean;
  log: (message: string) => void;
}): SignageBoard {
  const { cache, keys, log } = deps;
  // Checked envelopes by signature (one signature, one payload), until the trusted keys change.
  let checked = new Map<string, Outcome>();
  let verified: SignagePublication[] = [];
  let refusals: SignageRefusal[] = [];

  function check(envelope: SignedSignage): Outcome {
    try {
      const publication = openSigned(envelope, 'bundle', keys.current(), SignagePublication);
      if (publication.id !== envelope.id || publication.version !== envelope.version)
        throw new LinliError(
          'SIGNATURE_INVALID',
          `The signed content is ${publication.id} v${publication.version}, not ${envelope.id} v${envelope.version}`,
        );
      parseSignageSchedule(publication.schedule);
      return { publication };
    } catch (error) {
      if (!(error instanceof LinliError)) throw error;
      log(`signage: refused ${envelope.id} v${envelope.version}: ${error.code} ${error.message}`);
      return { refusal: { id: envelope.id, version: envelope.version, code: error.code, message: error.message } };
    }
  }

  function takeKeySet(): void {
    const keySet = cache.signageKeys();
    if (!keySet) return;
    try {
      const next = nextTrustedKeys(keys.current(), keySet);
      if (sameKeys(next, keys.current())) return;
      keys.replace(next);
      checked = new Map();
      log(`signage: now trusting keys ${next.map((key) => key.id).join(', ')}`);
    } catch (error) {
      if (!(error instanceof LinliError)) throw error;
      log(`signage: key set refused: ${error.code} ${error.message}`);
    }
  }

  return {
    refresh() {
      takeKeySet();
      const envelopes = cache.allSignage();
      const stillHeld = new Map<string, Outcome>();
      const outcomes = envelopes.map((envelope) => {
        const outcome = checked.get(envelope.signature) ?? check(envelope);
        stillHeld.set(envelope.signature, outcome);
        return outcome;
      });
      checked = stillHeld;
      verified = outcomes.flatMap((outcome) => ('publication' in outcome ? [outcome.publication] : []));
      refusals = outcomes.flatMap((outcome) => ('refusal' in outcome ? [outcome.refusal] : []));
      const before = cache.playingSignage();
      const after = choosePlaying({
        verified,
        heldIds: new Set(envelopes.map((envelope) => envelope.id)),
        playing: before,
        stored: deps.stored,
      });
      if (before?.id === after?.id && before?.version === after?.version) return false;
      cache.setPlayingSignage(after);
      log(after ? `signage: playing ${after.id} v${after.version}` : 'signage: nothing to play');
      return true;
    },
    playing: () => cache.playingSignage(),
    refusals: () => refusals,
    wantedMedia() {
      const playing = cache.playingSignage();
      return [...verified, ...(playing ? [playing] : [])].flatMap(publicationMedia);
    },
  };
}
