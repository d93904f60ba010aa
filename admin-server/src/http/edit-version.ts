/** The version a save or review was made on (If-Match), and the ETag a reply carries. */
import { EDIT_VERSION_HEADER, LinliError, etagOf, versionOfEtag } from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function editVersionOf(request: FastifyRequest): number {
  const header = request.headers[EDIT_VERSION_HEADER];
  const version = versionOfEtag(Array.isArray(header) ? header[0] : header);
  if (version === undefined) throw new LinliError('VERSION_REQUIRED');
  return version;
}

/** Sends a view with its version as the ETag, for the next If-Match. */
export function withEtag<View extends { version: number }>(reply: FastifyReply, view: View): View {
  reply.header('etag', etagOf(view.version));
  return view;
}
