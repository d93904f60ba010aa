/**
 * The session check of the admin API's scope: it runs on every request there before the body is
 * read (onRequest), so nothing of an unauthenticated request is parsed. A live session or 401; on
 * anything that changes state, the session's CSRF token in a header (a cross-site form cannot set
 * one) or 403. A user whose password someone else set may only sign out and set their own.
 */
import { CSRF_HEADER, LinliError } from '@linli/protocol';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor';
import { sameSecret } from '../domain/secrets';
import type { SignInService } from '../domain/sign-in';

export const SESSION_COOKIE = 'linli_admin';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const requestActors = new WeakMap<FastifyRequest, Actor>();
/** What a user may do before choosing their own password (routes of the admin scope). */
const BEFORE_OWN_PASSWORD = new Set(['POST /account/password', 'POST /logout']);

/** `prefix` is where the admin scope is mounted (its routes' URLs start with it). */
export function sessionGuard(signIn: SignInService, prefix: string) {
  const prefixLength = prefix.length;
  return async (request: FastifyRequest) => {
    const session = await signIn.session(request.cookies[SESSION_COOKIE]);
    const token = request.headers[CSRF_HEADER];
    if (!SAFE_METHODS.has(request.method) && (typeof token !== 'string' || !sameSecret(token, session.csrfToken)))
      throw new LinliError('CSRF_TOKEN_INVALID');
    const route = `${request.method} ${request.routeOptions.url?.slice(prefixLength) ?? ''}`;
    if (session.mustChangePassword && !BEFORE_OWN_PASSWORD.has(route)) throw new LinliError('PASSWORD_CHANGE_REQUIRED');
    requestActors.set(request, { ...session.actor, from: request.ip });
  };
}

/** The signed-in user of a request in the admin scope (the guard has let it through). */
export function actorOf(request: FastifyRequest): Actor {
  const actor = requestActors.get(request);
  if (!actor) throw new LinliError('UNAUTHENTICATED');
  return actor;
}
