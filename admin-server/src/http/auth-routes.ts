/** Admin sign-in with an httpOnly, SameSite=Strict session cookie. */
import { ErrorBody, LoginRequest, SessionView } from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminAuth } from '../domain/admin-auth';
import type { TypedApp } from './typed-app';

export const SESSION_COOKIE = 'linli_admin';

/** preHandler for every admin route: a valid session cookie or 401. */
export function requireAdmin(auth: AdminAuth) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    await auth.sessionUser(request.cookies[SESSION_COOKIE]);
  };
}

export function registerAuthRoutes(app: TypedApp, auth: AdminAuth): void {
  app.post('/api/v1/admin/login', {
    schema: { tags: ['admin'], summary: 'Sign in', body: LoginRequest, response: { 200: SessionView, 401: ErrorBody, 429: ErrorBody } },
  }, async (request, reply) => {
    const { token, expiresAt } = await auth.signIn(request.body.username, request.body.password, request.ip);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', expires: expiresAt, secure: request.protocol === 'https' });
    return { username: request.body.username };
  });

  app.post('/api/v1/admin/logout', { schema: { tags: ['admin'], summary: 'Sign out' } }, async (request, reply) => {
    await auth.signOut(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/admin/session', {
    schema: { tags: ['admin'], summary: 'Who is signed in', response: { 200: SessionView, 401: ErrorBody } },
  }, async (request) => ({ username: await auth.sessionUser(request.cookies[SESSION_COOKIE]) }));
}
