/** The working-day calendar in the admin API: the years counted, a year saved, a year's edit dropped. */
import { ErrorBody, WorkCalendarEntry, WorkCalendarList } from '@linli/protocol';
import Type from 'typebox';
import type { WorkCalendars } from '../domain/work-calendars';
import { editVersionOf, withEtag } from './edit-version';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['cases'];
const params = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

export function registerWorkCalendarRoutes(app: TypedApp, deps: { workCalendars: WorkCalendars }): void {
  const { workCalendars } = deps;
  app.get(
    '/work-calendars',
    {
      schema: {
        tags,
        summary: 'The working-day calendar by year: holidays and make-up workdays, shipped or edited',
        response: { 200: WorkCalendarList, ...errors },
      },
    },
    async (request) => workCalendars.list(actorOf(request)),
  );
  app.put(
    '/work-calendars/:year',
    {
      schema: {
        tags,
        summary:
          "Save a year's calendar, edited from the version in If-Match (0: not edited yet); cases received from now on count in it",
        params,
        // A WorkCalendarYear, read once the user is authorised.
        body: Type.Unknown(),
        response: { 200: WorkCalendarEntry, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await workCalendars.save(actorOf(request), request.params.year, request.body, editVersionOf(request)),
      ),
  );
  app.delete(
    '/work-calendars/:year',
    {
      schema: {
        tags,
        summary: "Drop a year's edit: the shipped calendar counts again",
        params,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await workCalendars.revert(actorOf(request), request.params.year);
      return reply.status(204).send(null);
    },
  );
}
