/** A serial barcode/QR scanner kept connected; its codes go to the kiosk's scan queue. */
import { createSerialScanner, type SerialScanner } from '@linli/device-drivers/scanner/serial-scanner';
import { openSerialTransport } from '@linli/device-drivers/transport/serial-transport';
import { superviseConnection, type HealthReport } from './connection-supervisor';

export function startSerialScanner(
  path: string,
  baudRate: number,
  onHealth: (report: HealthReport) => void,
  onScan: (code: string) => void,
) {
  const supervisor = superviseConnection<SerialScanner>({
    open: async () => {
      const scanner = createSerialScanner(await openSerialTransport(path, baudRate));
      scanner.onScan(onScan);
      return scanner;
    },
    onHealth,
  });
  return { stop: () => supervisor.stop() };
}
