/**
 * A published guide as a page anyone may open on a phone: what a kiosk's printed materials list
 * links to with its QR code (/guides/<id>, which a kiosk's scanner also opens). Read-only, no
 * sign-in, no script; published guides are public information. Anything else is 404.
 */
import Type from 'typebox';
import { GuideId, type Guide } from '@linli/protocol';
import type { GuideService } from '../domain/guides';
import { escapeHtml } from './html-text';
import type { TypedApp } from './typed-app';

// No script at all; the page's one stylesheet is inline.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `body{margin:0;font-family:'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:18px;line-height:1.6;color:#1b1f24;background:#f6f7f9}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-left:4px solid #1a56a8;padding-left:.5rem}
section{background:#fff;border-radius:12px;padding:.25rem 1rem 1rem;margin-bottom:1rem}
ul,ol{padding-left:1.25rem}li{margin:.4rem 0}.note{color:#4d5661;font-size:.9rem}.required{color:#b3261e}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#4d5661}dd{margin:0}
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
  return `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(guide.title)} · 办事指南</title><style>${STYLE}</style></head>
<body><main><h1>${escape(guide.title)}</h1>
${guide.summary ? `<section><p>${escape(guide.summary)}</p></section>` : ''}
<section><h2>申请材料</h2><ul>${materials}</ul></section>
${steps ? `<section><h2>办理流程</h2><ol>${steps}</ol></section>` : ''}
<section><h2>办理地点</h2><dl>${office
    .filter(([, value]) => value)
    .map(([label, value]) => `<dt>${label}</dt><dd>${escape(value)}</dd>`)
    .join('')}</dl></section>
<footer>更新于 ${escape(guide.updatedAt.slice(0, 10))} · 以窗口最新要求为准</footer></main></body></html>`;
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
      reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff');
      if (!guide)
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send('<!doctype html><title>未找到</title><p>没有这项办事指南。</p>');
      return reply
        .header('cache-control', 'public, max-age=300')
        .type('text/html; charset=utf-8')
        .send(guidePageHtml(guide));
    },
  );
}
