/**
 * The kiosk bridge's peripheral methods, and what a visit holds of peripherals: the ID card read in this
 * visit (in memory only), scanned codes not yet taken, the maintenance screen's lock.
 */
import { LinliError, type IdCardData, type KioskBridge } from '@linli/protocol';
import type { PeripheralManager } from './peripheral-manager';
import type { MaintenanceLock } from './maintenance-lock';
import { maskIdCard } from './mask-id-card';

type PeripheralMethods = Pick<
  KioskBridge,
  'getPeripherals' | 'readIdCard' | 'cancelIdCard' | 'takeScans' | 'unlockMaintenance' | 'testPrint'
>;

const MAX_QUEUED_SCANS = 20;

export interface PeripheralBridge {
  bridge: PeripheralMethods;
  /** The full card of this visit, for features that fill forms with it. */
  currentCard(): IdCardData | undefined;
  /** Forgets the card and the scans, cancels a read under way and locks the maintenance screen. */
  endVisit(): void;
}

export function createPeripheralBridge(
  peripherals: PeripheralManager,
  lock: MaintenanceLock,
  announceScan: () => void,
): PeripheralBridge {
  let card: IdCardData | undefined;
  let pendingRead: AbortController | undefined;
  let scans: string[] = [];

  peripherals.onScan((code) => {
    scans = [...scans, code].slice(-MAX_QUEUED_SCANS);
    announceScan();
  });

  const bridge: PeripheralMethods = {
    async getPeripherals() {
      const wedgeScanner = peripherals.wedgeScanner();
      return {
        peripherals: peripherals.health(),
        idCardReader: peripherals.has('id-card-reader'),
        maintenance: lock.configured,
        ...(wedgeScanner ? { wedgeScanner } : {}),
      };
    },
    async readIdCard({ timeoutSec }) {
      pendingRead?.abort(new LinliError('ID_CARD_TIMEOUT', 'Replaced by a newer request'));
      const controller = new AbortController();
      pendingRead = controller;
      const timer = setTimeout(() => controller.abort(new LinliError('ID_CARD_TIMEOUT')), (timeoutSec ?? 60) * 1000);
      try {
        card = await peripherals.readIdCard(controller.signal);
        return maskIdCard(card);
      } finally {
        clearTimeout(timer);
        if (pendingRead === controller) pendingRead = undefined;
      }
    },
    async cancelIdCard() {
      pendingRead?.abort(new LinliError('ID_CARD_TIMEOUT', 'Cancelled'));
      return {};
    },
    async takeScans() {
      const taken = scans;
      scans = [];
      return taken;
    },
    async unlockMaintenance({ pin }) {
      lock.unlock(pin);
      return {};
    },
    async testPrint({ peripheralId }) {
      lock.assertUnlocked();
      await peripherals.testPrint(peripheralId);
      return {};
    },
  };

  return {
    bridge,
    /** The full card of this visit, for features that fill forms with it. */
    currentCard: () => card,
    endVisit() {
      pendingRead?.abort(new LinliError('ID_CARD_TIMEOUT', 'The visit ended'));
      card = undefined;
      scans = [];
      lock.lock();
    },
  };
}
