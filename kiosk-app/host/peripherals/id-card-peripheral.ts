/** The ID card reader as the kiosk runs it: kept connected, checked, and polled only when asked. */
import { LinliError, type IdCardData } from '@linli/protocol';
import { createCardPresence, waitForNewCard } from '@linli/device-drivers/id-card/card-watch';
import { createIdCardReader, type IdCardReader } from '@linli/device-drivers/id-card/id-card-reader';
import { openSerialTransport } from '@linli/device-drivers/transport/serial-transport';
import { superviseConnection, type HealthReport } from './connection-supervisor';

export interface IdCardPeripheral {
  /** Resolves with the next card placed (a card already lying there was reported before). */
  readCard(signal: AbortSignal): Promise<IdCardData>;
  stop(): Promise<void>;
}

export function startIdCardPeripheral(
  path: string,
  baudRate: number,
  checkEveryMs: number,
  onHealth: (report: HealthReport) => void,
): IdCardPeripheral {
  const presence = createCardPresence();
  const supervisor = superviseConnection<IdCardReader>({
    open: async () => createIdCardReader(await openSerialTransport(path, baudRate)),
    check: async (reader) => {
      await reader.checkSam();
      return { state: 'ok' };
    },
    checkEveryMs,
    onHealth,
  });
  return {
    async readCard(signal) {
      const reader = await supervisor.connected('The ID card reader');
      try {
        return await waitForNewCard(reader, presence, { signal });
      } catch (error) {
        if (error instanceof LinliError && error.code === 'PERIPHERAL_UNAVAILABLE') await supervisor.checkNow();
        throw error;
      }
    },
    stop: () => supervisor.stop(),
  };
}
