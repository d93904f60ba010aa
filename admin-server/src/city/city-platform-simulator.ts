/**
 * A simulated city platform (市民心声/12345) for the demo and tests: it takes forwarded cases the
 * way a real one would be asked to (signed JSON, answering its own id) and, from its page, sends
 * the platform's updates back to this server signed the same way (受理, 答复, 办结, 退回). State is in
 * memory, per instance.
 */
import { randomInt } from 'node:crypto';
import {
  CITY_SIGNATURE_HEADER,
  CITY_UPDATES_PATH,
  CityForward,
  LinliError,
  parseWith,
  type CityUpdateStatus,
} from '@linli/protocol';
import type { Clock } from '../domain/clock';
import { citySignature, verifyCitySignature } from './city-platform';

export interface SimulatedCityCase {
  externalId: string;
  forward: CityForward;
  receivedAt: string;
  /** The updates sent back, oldest first. */
  updates: { status: CityUpdateStatus; text?: string; at: string }[];
}

export interface CityPlatformSimulator {
  /** A forwarded case arriving (the body as sent and its signature header); its id at the platform. */
  receive(body: string, signature: string | undefined): { externalId: string };
  cases(): SimulatedCityCase[];
  /** Sends an update back to the server that forwarded the case. */
  update(externalId: string, status: CityUpdateStatus, text?: string): Promise<void>;
}

export function createCityPlatformSimulator(options: {
  secret: string;
  clock: Clock;
  /** Where this server is reached, known once it listens. */
  serverUrl: () => string;
  fetch?: typeof fetch;
}): CityPlatformSimulator {
  const { clock } = options;
  const cases = new Map<string, SimulatedCityCase>();
  const seconds = () => Math.floor(clock().getTime() / 1000);
  return {
    receive(body, signature) {
      if (!verifyCitySignature(options.secret, signature, body, seconds()))
        throw new LinliError('CITY_SIGNATURE_INVALID');
      const forward = parseWith(CityForward, JSON.parse(body), 'VALIDATION_FAILED');
      // A case sent again (its answer was lost) keeps its id.
      const known = [...cases.values()].find((entry) => entry.forward.tracking === forward.tracking);
      if (known) return { externalId: known.externalId };
      const externalId = `SMXS${String(randomInt(0, 1e8)).padStart(8, '0')}`;
      cases.set(externalId, { externalId, forward, receivedAt: clock().toISOString(), updates: [] });
      return { externalId };
    },
    cases: () => [...cases.values()],
    async update(externalId, status, text) {
      const known = cases.get(externalId);
      if (!known) throw new LinliError('NOT_FOUND', `No case ${externalId} at the simulated platform`);
      const body = JSON.stringify({ tracking: known.forward.tracking, externalId, status, ...(text && { text }) });
      const reply = await (options.fetch ?? fetch)(`${options.serverUrl()}${CITY_UPDATES_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CITY_SIGNATURE_HEADER]: citySignature(options.secret, body, seconds()),
        },
        body,
      });
      if (!reply.ok)
        throw new LinliError('CITY_PLATFORM_REFUSED', `The server answered ${reply.status}: ${await reply.text()}`);
      known.updates.push({ status, ...(text && { text }), at: clock().toISOString() });
    },
  };
}
