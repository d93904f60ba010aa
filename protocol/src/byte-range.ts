/** The single byte range a `Range` header asks of a file of `size` bytes (RFC 9110 §14): the admin server and the kiosk serve media with it. */
export type ByteRange = { start: number; end: number } | 'unsatisfiable' | 'whole';

export function parseByteRange(header: string | null | undefined, size: number): ByteRange {
  if (!header) return 'whole';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges or other units: serving the whole file is always a valid answer.
  if (!match || (match[1] === '' && match[2] === '')) return 'whole';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
