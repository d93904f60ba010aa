/** Wire protocol version; devices send it on every request so the server can refuse old clients. */
export const PROTOCOL_VERSION = 1;
/** The oldest device protocol the server still answers; raise it only with a release note. */
export const MIN_PROTOCOL_VERSION = 1;
export const PROTOCOL_VERSION_HEADER = 'x-linli-protocol';
