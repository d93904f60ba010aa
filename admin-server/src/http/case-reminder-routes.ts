/** The signed-in user's own reminders of cases' limits: read them, mark them read. */
import { CaseReminderList, CaseRemindersRead, ErrorBody } from '@linli/protocol';
import type { CaseReminders } from '../domain/case-reminders';
import { actorOf } from './session-guard';
import type { TypedApp } from './typed-app';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const tags = ['cases'];

export function registerCaseReminderRoutes(app: TypedApp, deps: { caseReminders: CaseReminders }): void {
  const { caseReminders } = deps;
  app.get(
    '/case-reminders',
    {
      schema: {
        tags,
        summary: "Your reminders of cases' limits that still apply (临期, 超期), newest first",
        response: { 200: CaseReminderList, ...errors },
      },
    },
    async (request) => caseReminders.list(actorOf(request)),
  );
  app.post(
    '/case-reminders/read',
    {
      schema: {
        tags,
        summary: 'Mark some of your reminders read, or all of them',
        body: CaseRemindersRead,
        response: { 200: CaseReminderList, ...errors },
      },
    },
    async (request) => caseReminders.markRead(actorOf(request), request.body),
  );
}
