/**
 * The city platform's side: its updates to forwarded cases (POST /api/v1/city/updates, signed with
 * the shared secret; the signature is checked before the body is parsed), and, when the simulated
 * platform runs, its endpoint for forwarded cases and its page (/city-sim/), where an operator
 * plays the platform: 受理, 答复, 办结 or 退回 each case.
 */
import {
  CITY_SIGNATURE_HEADER,
  CITY_UPDATES_PATH,
  CITY_UPDATE_STATUSES,
  CityUpdate,
  ErrorBody,
  LinliError,
  parseWith,
  type CityUpdateStatus,
} from '@linli/protocol';
import Type from 'typebox';
import type { CityPlatformSimulator } from '../city/city-platform-simulator';
import { verifyCitySignature } from '../city/city-platform';
import type { CaseService } from '../domain/cases';
import type { Clock } from '../domain/clock';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

const BODY_LIMIT = 64 * 1024;
const signatureOf = (headers: Record<string, unknown>) => {
  const value = headers[CITY_SIGNATURE_HEADER];
  return typeof value === 'string' ? value : undefined;
};

export function registerCityUpdateRoute(
  app: TypedApp,
  deps: { cases: CaseService; citySecret: string; clock: Clock },
): void {
  app.register(async (scope) => {
    // The body is kept as text: the signature covers it byte for byte.
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      CITY_UPDATES_PATH,
      {
        schema: {
          tags: ['city'],
          summary: "The city platform's update to a case forwarded to it (signed: x-linli-signature)",
          response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = typeof request.body === 'string' ? request.body : '';
        if (
          !verifyCitySignature(
            deps.citySecret,
            signatureOf(request.headers),
            body,
            Math.floor(deps.clock().getTime() / 1000),
          )
        )
          throw new LinliError('CITY_SIGNATURE_INVALID');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          throw new LinliError('BODY_NOT_JSON');
        }
        await deps.cases.cityUpdate(parseWith(CityUpdate, json));
        return reply.status(204).send(null);
      },
    );
  });
}

const STATUS_WORDS: Record<CityUpdateStatus, string> = {
  accepted: '受理',
  replied: '答复',
  closed: '办结',
  returned: '退回',
};

export function registerCitySimulatorRoutes(app: TypedApp, simulator: CityPlatformSimulator): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.post('/city-sim/forwards', { schema: { hide: true } }, async (request) =>
      simulator.receive(typeof request.body === 'string' ? request.body : '', signatureOf(request.headers)),
    );
    scope.get('/city-sim/', { schema: { hide: true } }, async (_request, reply) => {
      const rows = simulator
        .cases()
        .map(
          (
            entry,
          ) => `<section data-external-id="${escapeHtml(entry.externalId)}"><h2>${escapeHtml(entry.externalId)} · ${escapeHtml(entry.forward.categoryName)}</h2>
<p>${escapeHtml(entry.forward.description)}</p><p class="note">受理编号 ${escapeHtml(entry.forward.tracking)} · ${escapeHtml(entry.forward.takenAt.name)}${entry.updates.map((update) => ` · 已${STATUS_WORDS[update.status]}`).join('')}</p>
<form method="post" action="/city-sim/${encodeURIComponent(entry.externalId)}"><label>答复或退回理由 <input name="text"></label>
${CITY_UPDATE_STATUSES.map((status) => `<button name="status" value="${status}">${STATUS_WORDS[status]}</button>`).join(' ')}</form></section>`,
        )
        .join('');
      return sendPublicPage(
        reply,
        publicPageHtml({
          title: '市民心声平台（模拟）',
          body: `<h1>市民心声平台（模拟）</h1>${rows || '<section><p>还没有转来的诉求。</p></section>'}`,
        }),
        { formsPost: true },
      );
    });
    scope.post<{ Params: { externalId: string } }>(
      '/city-sim/:externalId',
      { schema: { hide: true } },
      async (request, reply) => {
        const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
        const status = form.get('status') as CityUpdateStatus;
        if (!CITY_UPDATE_STATUSES.includes(status))
          throw new LinliError('VALIDATION_FAILED', '/status: not a status', [
            { path: '/status', message: 'not a status' },
          ]);
        await simulator.update(request.params.externalId, status, form.get('text')?.trim() || undefined);
        return reply.redirect('/city-sim/', 303);
      },
    );
  });
}
