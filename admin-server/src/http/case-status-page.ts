/**
 * 诉求进度查询: the page a case ticket's QR code opens on a phone (tracking number and the ticket's
 * code), and the page anyone can open to type a tracking number and the last four digits of the
 * phone they gave. A wrong pair and an unknown number look the same; after 10 misses from one
 * address the page asks them to wait (cases.status).
 */
import type { CaseNature, CasePublicState, CasePublicStatus } from '@linli/protocol';
import { LinliError } from '@linli/protocol';
import Type from 'typebox';
import { beijingMinute } from '../bills/beijing-time';
import type { CaseService } from '../domain/cases';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

export const CASE_STATUS_PATH = '/case-status';

const NATURE_WORDS: Record<CaseNature, string> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};
const STATE_WORDS: Record<CasePublicState, string> = {
  received: '已登记，等待受理',
  'not-accepted': '不予受理',
  'in-progress': '办理中',
  replied: '已答复',
  closed: '已办结',
};
const STYLE = `.state{font-size:1.25rem;font-weight:700;color:#0b57d0}.reply{white-space:pre-wrap}
form{display:grid;gap:.75rem}label{display:grid;gap:.25rem}input{font:inherit;padding:.5rem;border:1px solid #8a94a0;border-radius:8px}
button{font:inherit;padding:.6rem;border:0;border-radius:8px;background:#0b57d0;color:#fff}.error{color:#b3261e}`;

const form = (message?: string) => `<section><form method="get" action="${CASE_STATUS_PATH}">
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
<label>受理编号（12 位数字）<input name="no" inputmode="numeric" pattern="\\d{12}" maxlength="12" required></label>
<label>登记手机号的后 4 位<input name="phone4" inputmode="numeric" pattern="\\d{4}" maxlength="4" required></label>
<button type="submit">查询进度</button></form>
<p class="note">没有留手机号的，请扫描受理单上的二维码查询，或到社区服务大厅咨询。</p></section>`;

const page = (body: string) => publicPageHtml({ title: '诉求进度查询', width: '30rem', style: STYLE, body });

export function caseStatusHtml(status: CasePublicStatus, categoryName: string): string {
  const rows: Array<[string, string]> = [
    ['受理编号', status.tracking],
    ['类型', `${NATURE_WORDS[status.nature]} · ${categoryName}`],
    ['登记时间', `${beijingMinute(new Date(status.receivedAt))}（北京时间）`],
    ['答复期限', status.replyBy],
    ...(status.repliedAt ? [['答复时间', beijingMinute(new Date(status.repliedAt))] as [string, string]] : []),
    ...(status.closedAt ? [['办结时间', beijingMinute(new Date(status.closedAt))] as [string, string]] : []),
  ];
  return page(`<h1>诉求进度查询</h1><section>
<p class="state">${STATE_WORDS[status.state]}</p>
<dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
${status.reply ? `<h2>答复</h2><p class="reply">${escapeHtml(status.reply)}</p>` : ''}</section>`);
}

export function registerCaseStatusPage(app: TypedApp, deps: { cases: CaseService }): void {
  const { cases } = deps;
  app.get(
    CASE_STATUS_PATH,
    {
      schema: {
        tags: ['public'],
        summary:
          "A resident's case status: tracking number with the phone's last 4 digits or the ticket's code (no sign-in)",
        querystring: Type.Object({
          no: Type.Optional(Type.String({ maxLength: 40 })),
          phone4: Type.Optional(Type.String({ maxLength: 20 })),
          v: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const { no, phone4, v } = request.query;
      const options = { formsPost: true };
      if (!no) return sendPublicPage(reply, page(`<h1>诉求进度查询</h1>${form()}`), options);
      const tracking = no.replace(/\s/g, '');
      const lookup =
        /^\d{12}$/.test(tracking) && (v ? /^[A-Za-z0-9_-]{10}$/.test(v) : /^\d{4}$/.test(phone4 ?? ''))
          ? { tracking, ...(v ? { code: v } : { phoneLast4: phone4! }) }
          : undefined;
      // Not a lookup yet: the form again, saying what it needs.
      if (!lookup)
        return sendPublicPage(
          reply,
          page(`<h1>诉求进度查询</h1>${form('请填写 12 位受理编号和手机号后 4 位')}`),
          options,
        );
      try {
        const status = await cases.status(lookup, request.ip);
        const category = cases.catalogue().categories.find((c) => c.path === status.category);
        return sendPublicPage(reply, caseStatusHtml(status, category?.names['zh-Hans'] ?? status.category), options);
      } catch (error) {
        if (!(error instanceof LinliError) || !['NOT_FOUND', 'TOO_MANY_ATTEMPTS'].includes(error.code)) throw error;
        const tooMany = error.code === 'TOO_MANY_ATTEMPTS';
        const message = tooMany ? '查询次数过多，请 15 分钟后再试' : '没有找到这条诉求，请核对受理编号和手机号后 4 位';
        return sendPublicPage(reply, page(`<h1>诉求进度查询</h1>${form(message)}`), {
          ...options,
          status: tooMany ? 429 : 404,
        });
      }
    },
  );
}
