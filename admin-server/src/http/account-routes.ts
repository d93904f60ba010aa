/** The signed-in user's own account: sign out, password, two-step sign-in. */
import Type from 'typebox';
import { ErrorBody, PasswordChange, TotpConfirm, TotpSetup, TotpStart } from '@linli/protocol';
import type { SignInService } from '../domain/sign-in';
import { sha256 } from '../domain/secrets';
import type { UserService } from '../domain/users';
import { actorOf, SESSION_COOKIE } from './session-guard';
import type { TypedApp } from './typed-app';

export function registerAccountRoutes(app: TypedApp, deps: { signIn: SignInService; users: UserService }): void {
  const { signIn, users } = deps;
  const tags = ['account'];
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

  app.post(
    '/logout',
    { schema: { tags, summary: 'Sign out', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await signIn.signOut(request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (every other session of yours ends)',
        body: PasswordChange,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      await users.changeOwnPassword(actorOf(request), request.body, token === undefined ? undefined : sha256(token));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/totp',
    {
      schema: {
        tags,
        summary: 'Start two-step sign-in: a new authenticator secret (asks for the password again)',
        body: TotpStart,
        response: { 200: TotpSetup, ...errors },
      },
    },
    async (request) => users.startTotp(actorOf(request), request.body.currentPassword),
  );

  app.post(
    '/account/totp/confirm',
    {
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
    '/account/totp/disable',
    {
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
