/**
 * A published guide as a page anyone may open on a phone: what a kiosk's printed materials list
 * links to with its QR code (/guides/<id>, which a kiosk's scanner also opens). Read-only, no
 * sign-in (public-page); published guides are public information. Anything else is 404.
 */
import Type from 'typebox';
import { GuideId, type Guide } from '@linli/protocol';
import type { GuideService } from '../domain/guides';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

const STYLE = `h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-left:4px solid #1a56a8;padding-left:.5rem}
ul,ol{padding-left:1.25rem}li{margin:.4rem 0}.required{color:#b3261e}
footer{color:#4d5661;font-size:.85rem;text-align:center;padding:1rem}`;

const escape = escapeHtml;

/** The page, every text from the guide escaped. */
export function guidePageHtml(guide: Guide): string {
  const materials = guide.materials
    .map(
      (material) =>
        `<li>${escape(material.name)}${material.copies ? `（${escape(material.copies)}）` : ''}${
          material.required ? ' <span class="required">必需</span>' : ''
        }${material.note ? `<div class="note">${escape(material.note)}</div>` : ''}</li>`,
    )
    .join('');
  const steps = guide.steps
    .map((step) => `<li><strong>${escape(step.title)}</strong>${step.detail ? `：${escape(step.detail)}` : ''}</li>`)
    .join('');
  const office: Array<[string, string]> = [
    ['地点', `${guide.office.name} ${guide.office.address}`],
    ['时间', guide.office.hours],
    ['电话', guide.office.phone],
    ['收费', guide.fees],
    ['时限', guide.timeLimit],
  ];
  return publicPageHtml({
    title: `${guide.title} · 办事指南`,
    style: STYLE,
    body: `<h1>${escape(guide.title)}</h1>
${guide.summary ? `<section><p>${escape(guide.summary)}</p></section>` : ''}
<section><h2>申请材料</h2><ul>${materials}</ul></section>
${steps ? `<section><h2>办理流程</h2><ol>${steps}</ol></section>` : ''}
<section><h2>办理地点</h2><dl>${office
      .filter(([, value]) => value)
      .map(([label, value]) => `<dt>${label}</dt><dd>${escape(value)}</dd>`)
      .join('')}</dl></section>
<footer>更新于 ${escape(guide.updatedAt.slice(0, 10))} · 以窗口最新要求为准</footer>`,
  });
}

export function registerPublicGuideRoutes(app: TypedApp, deps: { guides: GuideService }): void {
  app.get(
    '/guides/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'A published guide as a page for phones (no sign-in)',
        params: Type.Object({ id: GuideId }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const guide = await deps.guides.published(request.params.id);
      if (!guide)
        return sendPublicPage(
          reply,
          publicPageHtml({ title: '未找到', body: '<h1>未找到</h1><p>没有这项办事指南。</p>' }),
          { status: 404 },
        );
      return sendPublicPage(reply, guidePageHtml(guide), { cacheSec: 300 });
    },
  );
}
