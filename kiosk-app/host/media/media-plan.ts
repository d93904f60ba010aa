/** Download decisions, pure: what is missing, where a download resumes, what a reply means for the partial file, what may go. */
import type { MediaRef } from '@linli/protocol';

const SHA256 = /^[0-9a-f]{64}$/;

export function isSha256(text: string): boolean {
  return SHA256.test(text);
}

/** The refs not stored yet, each file once (notices may share one). */
export function missingRefs(refs: Iterable<MediaRef>, isStored: (sha256: string) => boolean): MediaRef[] {
  const missing = new Map<string, MediaRef>();
  for (const ref of refs) if (!isStored(ref.sha256)) missing.set(ref.sha256, ref);
  return [...missing.values()];
}

/**
 * How many bytes of the partial file to keep: all of them, unless it is longer than the file can
 * be (then it is no prefix of it). Keeping `fileBytes` means the download is complete and only
 * needs verifying.
 */
export function resumeFrom(partialBytes: number, fileBytes: number): number {
  return partialBytes <= fileBytes ? partialBytes : 0;
}

/** A resumed request names the version it holds, so a server with other bytes sends them whole (200) instead of a splice. */
export function rangeHeaders(sha256: string, from: number): Record<string, string> {
  return from > 0 ? { range: `bytes=${from}-`, 'if-range': `"${sha256}"` } : {};
}

/**
 * Where a reply's body goes in the partial file: at `from` (a 206 continuing it), at 0 (a 200: the
 * whole file, start over), 'restart' (416, or a 206 of some other range: ask again for all of it),
 * or undefined for a reply that carries no file (its error says why).
 */
export function bodyOffset(
  status: number,
  from: number,
  contentRange: string | null,
  fileBytes: number,
): number | 'restart' | undefined {
  if (status === 200) return 0;
  if (status === 416) return 'restart';
  if (status !== 206) return undefined;
  const match = /^bytes (\d+)-\d+\/(\d+)$/.exec(contentRange ?? '');
  return match && Number(match[1]) === from && Number(match[2]) === fileBytes ? from : 'restart';
}

/** Names in a media folder to delete: our files (named by their hash) that are not to be kept. */
export function removable(names: string[], keep: (sha256: string) => boolean): string[] {
  return names.filter((name) => isSha256(name) && !keep(name));
}
