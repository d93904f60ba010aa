/**
 * What a test process holds in memory: the JS heap plus ArrayBuffers (Buffers live there), measured
 * after a full garbage collection so only what is still referenced counts. Tests run under plain
 * `node --test`, so the collector is reached the way jest's leak detector reaches it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export function retainedBytes(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
