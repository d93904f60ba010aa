/**
 * Sign-in with an httpOnly, SameSite=Strict session cookie, the session check every admin route
 * runs first (with its CSRF token on changes), and the signed-in user's own account.
 */
import Type from 'typebox';
import {
  CSRF_HEADER,
  ErrorBody,
  LinliError,
  LoginRequest,
  PasswordChange,
  SessionView,
  TotpConfirm,
  TotpSetup,
} from '@linli/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor';
import type { Session, SignInService } from '../domain/sign-in';
import type { UserService } from '../domain/users';
import type { TypedApp } from './typed-app';

export const SESSION_COOKIE = 'linli_admin';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const requestActors = new WeakMap<FastifyRequest, Actor>();

function sessionView(session: Session): SessionView {
  return {
    username: session.actor.username,
    displayName: session.displayName,
    role: session.actor.role,
    orgId: session.actor.orgId,
    permissions: session.permissions,
    totpEnabled: session.totpEnabled,
    csrfToken: session.csrfToken,
  };
}

/**
 * preHandler for every admin route: a live session or 401, and on anything that changes state
 * the session's CSRF token in a header (a cross-site form cannot set one) or 403.
 */
export function requireSession(signIn: SignInService) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const session = await signIn.session(request.cookies[SESSION_COOKIE]);
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken)
      throw new LinliError('CSRF_TOKEN_INVALID');
    requestActors.set(request, { ...session.actor, from: request.ip });
  };
}

/** The signed-in user of a request that passed `requireSession`. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = requestActors.get(request);
  if (!actor) throw new LinliError('UNAUTHENTICATED');
  return actor;
}

export function registerAuthRoutes(app: TypedApp, deps: { signIn: SignInService; users: UserService }): void {
  const { signIn, users } = deps;
  const preHandler = requireSession(signIn);
  const tags = ['account'];
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

  app.post(
    '/api/v1/admin/login',
    {
      schema: {
        tags,
        summary: 'Sign in',
        description: 'Users with an authenticator get 401 TOTP_REQUIRED until they send `totp` too.',
        body: LoginRequest,
        response: { 200: SessionView, 401: ErrorBody, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { token, expiresAt } = await signIn.signIn({ ...request.body, from: request.ip });
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        expires: expiresAt,
        secure: request.protocol === 'https',
      });
      return sessionView(await signIn.session(token));
    },
  );

  app.post(
    '/api/v1/admin/logout',
    { preHandler, schema: { tags, summary: 'Sign out', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await signIn.signOut(request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/session',
    {
      schema: {
        tags,
        summary: 'Who is signed in, their rights and the CSRF token',
        response: { 200: SessionView, 401: ErrorBody },
      },
    },
    async (request) => sessionView(await signIn.session(request.cookies[SESSION_COOKIE])),
  );

  app.post(
    '/api/v1/admin/account/password',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change your own password',
        body: PasswordChange,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await users.changeOwnPassword(actorOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/admin/account/totp',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Start two-step sign-in: a new authenticator secret',
        response: { 200: TotpSetup, ...errors },
      },
    },
    async (request) => users.startTotp(actorOf(request)),
  );

  app.post(
    '/api/v1/admin/account/totp/confirm',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Turn two-step sign-in on with a code from the authenticator',
        body: TotpConfirm,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await users.confirmTotp(actorOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/admin/account/totp/disable',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Turn two-step sign-in off',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await users.disableTotp(actorOf(request), request.body.currentPassword);
      return reply.status(204).send(null);
    },
  );
}
