/**
 * The kiosk host's case outbox and sender against a running admin server: run as a child process by
 * case-durability.test.ts, which kills it with SIGKILL while it submits. Sends what an earlier run
 * left queued, then (unless told only to drain) stores and sends new cases one after the other,
 * saying `stored <clientId>` once a case is committed to the outbox — the moment the screen would
 * tell the resident it was taken — and `drained` when nothing is left queued. Every other case
 * carries a photo (withPhoto: by its clientId), so kills also fall between a photo's upload and
 * its case.
 */
import { uuidV7 } from '@linli/protocol';
import { photoFor, withPhoto } from './photo';
import { createCaseClient } from '../../../kiosk-app/host/cases/case-client';
import { openCaseOutbox } from '../../../kiosk-app/host/cases/case-outbox';
import { createCaseSender } from '../../../kiosk-app/host/cases/case-sender';
import { SYSTEM_TIMERS } from '../../../kiosk-app/host/lifecycle/timers';

const [file, serverUrl, deviceId, secret, mode] = process.argv.slice(2) as [string, string, string, string, string];
const outbox = openCaseOutbox(file);
const sender = createCaseSender({
  outbox,
  client: createCaseClient({ fetch, serverUrl, deviceId, secret }),
  timers: SYSTEM_TIMERS,
  log: (message) => console.error(message),
  onChange: () => undefined,
});
await sender.send();
if (mode === 'drain') {
  console.log(outbox.queued().length === 0 ? 'drained' : `left ${outbox.queued().length}`);
  await sender.stop();
  outbox.close();
} else
  for (;;) {
    const clientId = uuidV7();
    outbox.add({
      clientId,
      input: { nature: 'complaint', category: 'sanitation/garbage', description: `垃圾未清运 ${clientId}` },
      queuedAt: new Date().toISOString(),
      ...(withPhoto(clientId) && { photo: photoFor(clientId) }),
    });
    console.log(`stored ${clientId}`);
    await sender.send();
  }
