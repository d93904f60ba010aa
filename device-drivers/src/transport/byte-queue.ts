/**
 * A first-in first-out queue of received bytes in one contiguous store with a hard cap, for
 * parsers that wait for the rest of a command (the ESC/POS decoder, the SAM frame reader) and for
 * drivers that keep only the replies they asked for. Bytes beyond the cap are refused, so a device
 * flooding the link cannot grow memory. Bytes that leave the queue are zeroed where they were, and
 * so is a store it outgrows: some are ID card data, which must not linger in unused memory.
 */
export interface ByteQueue {
  readonly length: number;
  /** The queued bytes, oldest first: a view into the store, valid until the queue next changes. */
  bytes(): Uint8Array;
  /** Queues as much of `chunk` as fits under the cap; returns how many bytes it took. */
  append(chunk: Uint8Array): number;
  /** Drops the `count` oldest bytes (all of them when there are fewer). */
  consume(count: number): void;
  clear(): void;
}

/** The store starts at most this big and doubles when needed, up to the cap. */
const INITIAL_STORE_BYTES = 4096;

/**
 * `allocate` gives each store (default: zero-filled memory of its own, never a slice of Node's
 * shared pool); a test passes one that keeps them, to look inside.
 */
export function createByteQueue(
  capacity: number,
  allocate: (bytes: number) => Uint8Array = (bytes) => new Uint8Array(bytes),
): ByteQueue {
  let store = allocate(Math.min(capacity, INITIAL_STORE_BYTES));
  let start = 0;
  let end = 0;
  return {
    get length() {
      return end - start;
    },
    bytes: () => store.subarray(start, end),
    append(chunk) {
      const length = end - start;
      const taken = Math.min(chunk.length, capacity - length);
      if (end + taken > store.length) {
        if (length + taken > store.length) {
          const grown = allocate(Math.min(capacity, Math.max(length + taken, store.length * 2)));
          grown.set(store.subarray(start, end));
          store.fill(0);
          store = grown;
        } else {
          store.copyWithin(0, start, end);
          store.fill(0, length, end);
        }
        start = 0;
        end = length;
      }
      store.set(chunk.subarray(0, taken), end);
      end += taken;
      return taken;
    },
    consume(count) {
      const next = Math.min(end, start + count);
      store.fill(0, start, next);
      start = next;
      if (start === end) start = end = 0;
    },
    clear() {
      store.fill(0, start, end);
      start = end = 0;
    },
  };
}
