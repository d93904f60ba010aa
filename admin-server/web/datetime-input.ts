/** `datetime-local` inputs work in the browser's local time without a zone; the API takes instants. */

export function toLocalInput(iso: string | null): string {
  return iso
    ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    : '';
}

export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

/** An instant as the browser's local date and minute (2026-07-01 08:30), for lists. */
export function localMinute(iso: string): string {
  return toLocalInput(iso).replace('T', ' ');
}
