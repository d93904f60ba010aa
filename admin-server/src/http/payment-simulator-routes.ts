/**
 * The payment simulator's page: what a phone opens when it scans a kiosk's payment code while the
 * simulated channel is connected (demos, training, tests). It shows the order and pays it — or
 * fails it — with one button, as a real payment app would after the payer confirmed. No sign-in:
 * the order id is the code's secret, as with a real channel's code URL.
 */
import Type from 'typebox';
import { LinliError } from '@linli/protocol';
import type { PaymentSimulator } from '../bills/payment-simulator';
import { escapeHtml } from './html-text';
import { publicPageHtml, sendPublicPage } from './public-page';
import type { TypedApp } from './typed-app';

const STYLE = `.amount{font-size:2.4rem;font-weight:700;margin:.25rem 0}button{font:inherit;width:100%;min-height:3rem;
border-radius:10px;border:0;margin-top:1rem;background:#1aad19;color:#fff}button.fail{background:#fff;color:#b3261e;border:2px solid #b3261e}`;
const OrderParams = Type.Object({ orderId: Type.String({ pattern: '^[0-9A-Za-z_]{6,32}$' }) });
const STATE_WORDS = { pending: '待支付', paid: '支付成功', expired: '已过期', failed: '支付失败' } as const;

function page(simulator: PaymentSimulator, orderId: string, said = ''): string {
  const order = simulator.order(orderId);
  const yuan = (order.amountFen / 100).toFixed(2);
  const actions =
    order.state === 'pending'
      ? `<form method="post" action="/pay-sim/${orderId}/pay"><button>确认支付 ¥${yuan}</button></form>
<form method="post" action="/pay-sim/${orderId}/fail"><button class="fail">模拟支付失败</button></form>`
      : '';
  return publicPageHtml({
    title: '模拟支付',
    width: '28rem',
    style: STYLE,
    body: `<h1>模拟支付</h1><section>
<p class="note">${escapeHtml(order.description)}</p><p class="amount">¥${yuan}</p>
<p data-state="${order.state}">${STATE_WORDS[order.state]}${said ? `：${escapeHtml(said)}` : ''}</p>${actions}
<p class="note">此页面仅用于演示和测试，不会发生真实扣款。</p></section>`,
  });
}

export function registerPaymentSimulatorRoutes(app: TypedApp, simulator: PaymentSimulator): void {
  // The buttons post an empty form: its body carries nothing to read.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, {}),
  );
  const send = (reply: Parameters<typeof sendPublicPage>[0], html: string) =>
    sendPublicPage(reply, html, { formsPost: true });
  app.get(
    '/pay-sim/:orderId',
    {
      schema: {
        tags: ['public'],
        summary: 'The payment simulator: an order as a payment app shows it',
        params: OrderParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => send(reply, page(simulator, request.params.orderId)),
  );
  for (const action of ['pay', 'fail'] as const)
    app.post(
      `/pay-sim/:orderId/${action}`,
      {
        schema: {
          tags: ['public'],
          summary: action === 'pay' ? 'The payment simulator pays the order' : 'The payment simulator fails the order',
          params: OrderParams,
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        const { orderId } = request.params;
        let said = '';
        try {
          if (action === 'pay') simulator.pay(orderId);
          else simulator.fail(orderId, '模拟：余额不足');
        } catch (error) {
          if (!(error instanceof LinliError) || error.code === 'NOT_FOUND') throw error;
          said = error.message;
        }
        return send(reply, page(simulator, orderId, said));
      },
    );
}
