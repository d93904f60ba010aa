/** Signing in: the session cookie (httpOnly, SameSite=Strict) and who is signed in, with the CSRF token. */
import { ErrorBody, LoginRequest, SessionView } from '@linli/protocol';
import type { Session, SignInService } from '../domain/sign-in';
import { SESSION_COOKIE } from './session-guard';
import type { TypedApp } from './typed-app';

function sessionView(session: Session): SessionView {
  return {
    username: session.actor.username,
    displayName: session.displayName,
    role: session.actor.role,
    orgId: session.actor.orgId,
    permissions: session.permissions,
    totpEnabled: session.totpEnabled,
    mustChangePassword: session.mustChangePassword,
    csrfToken: session.csrfToken,
  };
}

/** Routes of the admin API open without a session. */
export function registerSignInRoutes(app: TypedApp, deps: { signIn: SignInService }): void {
  const { signIn } = deps;
  const tags = ['account'];

  app.post(
    '/login',
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

  app.get(
    '/session',
    {
      schema: {
        tags,
        summary: 'Who is signed in, their rights and the CSRF token',
        response: { 200: SessionView, 401: ErrorBody },
      },
    },
    async (request) => sessionView(await signIn.session(request.cookies[SESSION_COOKIE])),
  );
}
