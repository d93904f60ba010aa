/**
 * Sends a stored file whole or the one byte range asked for (RFC 9110 §14): media and release
 * files, which devices fetch over links that may break and resume where they stopped.
 */
import { parseByteRange } from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';

export function sendRanged(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { open: (span?: { start: number; end: number }) => Readable; bytes: number; etag: string },
): FastifyReply {
  reply.header('etag', file.etag).header('accept-ranges', 'bytes');
  // If-Range names the version the client holds; any other answer means "send it all".
  const ifRange = request.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === file.etag ? parseByteRange(request.headers.range, file.bytes) : 'whole';
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${file.bytes}`).send(null);
  if (range === 'whole') return reply.header('content-length', file.bytes).send(file.open());
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${file.bytes}`)
    .header('content-length', range.end - range.start + 1)
    .send(file.open({ start: range.start, end: range.end }));
}
