/**
 * 排队进度: the page a queue ticket's QR code opens on a phone (no account, nothing personal): the
 * number and its business, the people before it and the wait, 快到您了 when it is near, the window
 * to go to once called, and what became of it in words. It loads itself again every 20 seconds
 * while the ticket waits or is called (a meta refresh: the page has no script). An unknown token
 * is a plain 404 page.
 */
import { QUEUE_FOLLOW_TOKEN_PATTERN, type QueueTicketState } from '@linli/protocol';
import Type from 'typebox';
import type { Queue, QueueFollow } from '../domain/queue';
import { QUEUE_NEAR_PEOPLE } from '../domain/queue-rules';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

export const QUEUE_FOLLOW_PATH = '/queue/t';
const REFRESH_SEC = 20;

const TITLE = '排队进度';
/** What became of a ticket that waits no more, said in words. */
const ENDED_WORDS: Record<Exclude<QueueTicketState, 'waiting' | 'called'>, string> = {
  done: '已办结，感谢您的耐心等候。',
  'no-show': '已过号：叫号时您不在窗口前。如仍需办理，请重新取号。',
  lapsed: '号码已过期：当天没有叫到这个号。如仍需办理，请重新取号。',
};
const STYLE = `.number{font-size:3rem;font-weight:700;letter-spacing:.05em;margin:.5rem 0 0;color:#0b57d0}
.business{margin:0 0 .5rem;font-size:1.1rem}.state{font-size:1.25rem;font-weight:700}
.near{background:#fff4ce;border-radius:8px;padding:.5rem .75rem;font-weight:700;color:#6a4a00}
.called{font-size:1.75rem;font-weight:700;color:#146c2e}`;

const page = (body: string, refresh: boolean) =>
  publicPageHtml({
    title: TITLE,
    width: '30rem',
    style: STYLE,
    body,
    ...(refresh && { refreshSec: REFRESH_SEC }),
  });

export function queueFollowHtml(ticket: QueueFollow): string {
  const head = `<h1>${TITLE}</h1><section><p class="note">${escapeHtml(ticket.hallName)}</p>
<p class="number">${escapeHtml(ticket.label)}</p><p class="business">${escapeHtml(ticket.businessName)}</p>`;
  const refreshNote = `<p class="note">本页每 ${REFRESH_SEC} 秒自动刷新。</p>`;
  switch (ticket.state) {
    case 'waiting': {
      const people = ticket.peopleBefore ?? 0;
      const near =
        people <= QUEUE_NEAR_PEOPLE ? '<p class="near" role="status">快到您了，请留意叫号，不要走远。</p>' : '';
      return page(
        `${head}<p class="state">等候中</p><dl><dt>您前面还有</dt><dd>${people} 人</dd>
<dt>预计等候</dt><dd>约 ${ticket.estimatedMinutes ?? 0} 分钟</dd></dl>${near}</section>${refreshNote}`,
        true,
      );
    }
    case 'called':
      return page(
        `${head}<p class="called" role="status">请到 ${ticket.window ?? ''} 号窗口办理</p></section>${refreshNote}`,
        true,
      );
    default:
      return page(`${head}<p class="state">${ENDED_WORDS[ticket.state]}</p></section>`, false);
  }
}

const NOT_FOUND = page(
  `<h1>${TITLE}</h1><section><p>没有找到这个号码。请核对凭条上的二维码，或到服务大厅咨询。</p></section>`,
  false,
);

export function registerQueueFollowPage(app: TypedApp, deps: { queue: Queue }): void {
  app.get(
    `${QUEUE_FOLLOW_PATH}/:token`,
    {
      schema: {
        tags: ['public'],
        summary: "A queue ticket's progress, from its QR code (no sign-in, nothing personal)",
        params: Type.Object({ token: Type.String({ pattern: QUEUE_FOLLOW_TOKEN_PATTERN }) }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const ticket = await deps.queue.follow(request.params.token);
      return ticket
        ? sendPublicPage(reply, queueFollowHtml(ticket))
        : sendPublicPage(reply, NOT_FOUND, { status: 404 });
    },
  );
}
