/**
 * Wire protocol version; devices send it on every request so the server can refuse old clients.
 * 1: guides only. 2: notices, settings, remote commands and printable forms on the feed.
 * 3: emergency alerts (CAP 1.2) on the feed. 4: signed signage publications and their key set.
 * 5: signed TV channels.
 */
export const PROTOCOL_VERSION = 5;
/** The oldest device protocol the server still answers; raise it only with a release note. */
export const MIN_PROTOCOL_VERSION = 1;
export const PROTOCOL_VERSION_HEADER = 'x-linli-protocol';
