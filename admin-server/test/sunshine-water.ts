/**
 * 阳光水务 (Sunshine Water), a made-up utility whose API is foreign on purpose: pinyin field names,
 * amounts as yuan strings, usage in litres, YYYYMM months, status codes "0"/"1"/"9", "not found" as
 * a code in an HTTP 200, an OAuth2 token endpoint. It runs on node:http on a free local port and
 * is connected by the documented example (docs/examples/bill-provider-sunshine-water.json): the
 * provider's tests, the admin server's provider registry and the kiosk's end-to-end test use it.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BillProviderConfig } from '@linli/protocol';
import { HTTP_PROVIDER_MAX_REPLY_BYTES } from '../src/bills/http-provider';

export const EXAMPLE: BillProviderConfig = JSON.parse(
  readFileSync(new URL('../../docs/examples/bill-provider-sunshine-water.json', import.meta.url), 'utf8'),
);
export const CLIENT_SECRET = 'sUn+sh/ine=42';
export const ENV = { SUNSHINE_WATER_CLIENT_SECRET: CLIENT_SECRET };

/** The accounts 阳光水务 knows, and how each answers a lookup. */
export const ACCOUNTS = {
  full: '1000200030',
  failing: '1000200031',
  html: '1000200032',
  missingField: '1000200033',
  slow: '1000200034',
  unmappedStatus: '1000200035',
  huge: '1000200036',
  noBill: '1000200037',
  wrongTypes: '1000200038',
} as const;
export const ID_NUMBER = '11010519491231002X';

export const FULL_REPLY = {
  fanhuima: '0000',
  xinxi: '成功',
  shuju: {
    huhao: ACCOUNTS.full,
    huzhu: '张三丰',
    dizhi: '幸福路街道阳光社区3栋2单元501室',
    zhuangtai: '1',
    qianfei: '109.82',
    benqi: {
      zhangqi: '202611',
      yongshuiliang: 15300,
      jine: '69.35',
      jiezhiriqi: '20261231',
      jieti: [
        { jibie: 1, qishi: 0, zhongzhi: 216000, danjia: '3.4500', shuiliang: 3300, jine: '11.39' },
        { jibie: '2', qishi: '216000', zhongzhi: null, danjia: 4.83, shuiliang: 12000, jine: '57.96' },
      ],
    },
    // Newest first, as this utility lists them.
    lishi: [
      { yuefen: 202610, yongshuiliang: 14000, jine: '48.30' },
      { yuefen: '202609', yongshuiliang: '16250', jine: 56.06 },
      { yuefen: '202608', yongshuiliang: 18900, jine: '65.21' },
    ],
  },
};

/** A reply with personal data in every field, some of them of the wrong kind. */
export const WRONG_TYPES_REPLY = {
  fanhuima: '0000',
  shuju: {
    huzhu: '李秀英',
    dizhi: { lou: '翠园社区12栋' },
    zhuangtai: '1',
    qianfei: '八十六元五角',
    benqi: null,
    lishi: [
      { yuefen: '202610', yongshuiliang: 9000, jine: '31.05' },
      { yuefen: '2026-09', yongshuiliang: 8000, jine: {} },
    ],
  },
};

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** 阳光水务's open API on a free local port: what it was asked, and switches for its token checks. */
export async function startSunshine(t: { after(stop: () => unknown): void }) {
  const events = new EventEmitter();
  const state = {
    requests: [] as Received[],
    tokensIssued: 0,
    validTokens: new Set<string>(),
    /** Every token is refused (a utility that lost its token store). */
    refuseAllTokens: false,
    expiresIn: 7200 as number | undefined,
    payments: new Map<string, string>(),
  };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const received: Received = {
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      };
      state.requests.push(received);
      answer(received, request, response);
    });
  });
  const json = (response: ServerResponse, status: number, value: unknown) =>
    void response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));

  const answer = (received: Received, request: IncomingMessage, response: ServerResponse) => {
    const [path = '', search = ''] = received.url.split('?');
    if (path === '/oauth/token') {
      const expected = `Basic ${Buffer.from(`linli-halls:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`;
      const form = new URLSearchParams(received.body);
      if (
        received.method !== 'POST' ||
        received.authorization !== expected ||
        received.contentType !== 'application/x-www-form-urlencoded' ||
        form.get('grant_type') !== 'client_credentials' ||
        form.get('scope') !== 'zhangdan jiaofei'
      )
        return json(response, 401, { error: 'invalid_client' });
      const token = `tok-${++state.tokensIssued}`;
      state.validTokens.add(token);
      return json(response, 200, {
        access_token: token,
        token_type: 'bearer',
        ...(state.expiresIn !== undefined ? { expires_in: state.expiresIn } : {}),
      });
    }
    const token = received.authorization?.replace(/^Bearer /, '');
    if (state.refuseAllTokens || !token || !state.validTokens.has(token))
      return json(response, 401, { fanhuima: '401000', xinxi: '令牌无效' });

    const lookup = /^\/api\/v2\/hu\/([^/]+)\/zhangdan$/.exec(path);
    if (lookup && received.method === 'GET') {
      if (search !== 'qudao=linli') return json(response, 400, { fanhuima: '400000' });
      const account = decodeURIComponent(lookup[1]!);
      switch (account) {
        case ACCOUNTS.full:
          return json(response, 200, FULL_REPLY);
        case ACCOUNTS.failing:
          return json(response, 500, { fanhuima: '500000', xinxi: '系统繁忙' });
        case ACCOUNTS.html:
          return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>维护中</html>');
        case ACCOUNTS.missingField: {
          const { dizhi: _dizhi, ...rest } = FULL_REPLY.shuju;
          return json(response, 200, { ...FULL_REPLY, shuju: { ...rest, huzhu: '李秀英' } });
        }
        case ACCOUNTS.slow:
          // Never answers; the test's server closes the connection at the end.
          return void events.emit('slow', request);
        case ACCOUNTS.unmappedStatus:
          return json(response, 200, { ...FULL_REPLY, shuju: { ...FULL_REPLY.shuju, zhuangtai: '5' } });
        case ACCOUNTS.huge:
          return json(response, 200, { ...FULL_REPLY, tianchong: 'x'.repeat(HTTP_PROVIDER_MAX_REPLY_BYTES) });
        case ACCOUNTS.noBill:
          return json(response, 200, {
            fanhuima: '0000',
            shuju: {
              huzhu: '王建国',
              dizhi: '幸福路街道阳光社区5栋1单元302室',
              zhuangtai: 0,
              qianfei: 0,
              benqi: null,
              lishi: null,
            },
          });
        case ACCOUNTS.wrongTypes:
          return json(response, 200, WRONG_TYPES_REPLY);
        default:
          return json(response, 200, { fanhuima: '404001', xinxi: '户号不存在' });
      }
    }
    if (path === '/api/v2/hu/chaxun' && received.method === 'POST') {
      const asked = JSON.parse(received.body) as { zhengjianleixing?: unknown; zhengjianhaoma?: unknown };
      if (asked.zhengjianleixing !== 1) return json(response, 400, { fanhuima: '400000' });
      if (asked.zhengjianhaoma !== ID_NUMBER) return json(response, 200, { fanhuima: '404002', xinxi: '无绑定户号' });
      return json(response, 200, {
        fanhuima: '0000',
        shuju: [{ huhao: ACCOUNTS.full }, { huhao: Number(ACCOUNTS.noBill) }],
      });
    }
    const pay = /^\/api\/v2\/hu\/([^/]+)\/jiaofei$/.exec(path);
    if (pay && received.method === 'POST') {
      const account = decodeURIComponent(pay[1]!);
      if (account !== ACCOUNTS.full) return json(response, 200, { fanhuima: '404001', xinxi: '户号不存在' });
      const { liushuihao } = JSON.parse(received.body) as { liushuihao: string };
      const receipt = state.payments.get(liushuihao) ?? `SW20261204${String(state.payments.size + 1).padStart(6, '0')}`;
      state.payments.set(liushuihao, receipt);
      return json(response, 200, { fanhuima: '0000', shuju: { xiaozhangliushuihao: receipt } });
    }
    return void response.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
  };

  await listen(server);
  t.after(() => close(server));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    events,
    origin,
    /** The API requests (not the token's), in order. */
    apiRequests: () => state.requests.filter((request) => request.url !== '/oauth/token'),
  };
}
export type Sunshine = Awaited<ReturnType<typeof startSunshine>>;

const listen = (server: Server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** A local address that was free a moment ago: a utility that is not there. */
export async function originWhereNobodyListens(): Promise<string> {
  const gone = createServer();
  await listen(gone);
  const port = (gone.address() as AddressInfo).port;
  await close(gone);
  return `http://127.0.0.1:${port}`;
}

/** The documented example pointed at the test's utility, changed by `change`. */
export function exampleFor(
  api: Pick<Sunshine, 'origin'>,
  change?: (config: BillProviderConfig) => void,
): BillProviderConfig {
  const config = structuredClone(EXAMPLE);
  config.baseUrl = `${api.origin}/api`;
  if (config.auth.kind === 'oauth2-client-credentials') config.auth.tokenUrl = `${api.origin}/oauth/token`;
  change?.(config);
  return config;
}
