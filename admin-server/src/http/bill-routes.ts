/**
 * Bills, asked live by kiosks in the device scope (their credentials are checked before the body,
 * which may carry an ID number, is read). Only kiosks ask: a screen has no business with accounts.
 */
import Type from 'typebox';
import {
  BillAccount,
  BillReceipt,
  Payment,
  PaymentRequest,
  BillQuery,
  BillUtilities,
  BoundAccounts,
  BoundAccountsQuery,
  ErrorBody,
  LinliError,
  DESK_SESSION_HEADER,
} from '@linli/protocol';
import type { BillCaller, BillGateway } from '../domain/bill-gateway';
import { PAYMENT_WAIT_MAX_SEC, type BillPayments } from '../domain/bill-payments';
import type { DeviceService } from '../domain/devices';
import type { Desk } from '../domain/desk';
import { deskCallerOf } from './desk-routes';
import { deviceIdOf } from './device-guard';
import type { TypedApp } from './typed-app';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  502: ErrorBody,
  503: ErrorBody,
  504: ErrorBody,
};

const OrderParams = Type.Object({ orderId: Type.String({ pattern: '^[0-9A-Za-z_]{6,32}$' }) });
const StatusQuery = Type.Object({
  waitSec: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: PAYMENT_WAIT_MAX_SEC,
      description: 'Answer once the payment changes, or after this long',
    }),
  ),
});

export function registerDeviceBillRoutes(
  app: TypedApp,
  deps: { bills: BillGateway; billPayments: BillPayments | undefined; devices: DeviceService; desk: Desk },
): void {
  const payments = () => {
    if (!deps.billPayments) throw new LinliError('PAYMENT_FAILED', 'No payment channel is connected to this server');
    return deps.billPayments;
  };
  /**
   * The kiosk asking, at its node — or, at a clerk desk, the clerk on a resident's behalf (audited
   * as theirs); a player is refused.
   */
  const kioskCaller = async (request: Parameters<typeof deviceIdOf>[0]): Promise<BillCaller> => {
    if (request.headers[DESK_SESSION_HEADER] !== undefined) {
      const clerk = await deskCallerOf(deps.desk, request);
      return { actor: clerk.actor.username, orgId: clerk.orgId, orgPath: clerk.orgPath, from: request.ip };
    }
    const deviceId = deviceIdOf(request);
    const audience = await deps.devices.audience(deviceId);
    if (audience.kind !== 'kiosk') throw new LinliError('FORBIDDEN', 'Only kiosks ask for bills');
    const orgId = Number(audience.orgPath.split('/').filter(Boolean).at(-1));
    return { actor: `device:${deviceId}`, orgId, orgPath: audience.orgPath, from: request.ip };
  };
  app.get(
    '/bills/utilities',
    {
      schema: {
        tags: ['bills'],
        summary: 'The utilities this kiosk can query, and who provides each',
        response: { 200: BillUtilities, ...errors },
      },
    },
    async (request) => ({ utilities: deps.bills.utilities(await kioskCaller(request)) }),
  );
  app.post(
    '/bills/query',
    {
      schema: {
        tags: ['bills'],
        summary: "An account's status, amount due, current bill and last 12 months, masked",
        body: BillQuery,
        response: { 200: BillAccount, ...errors },
      },
    },
    async (request) => deps.bills.lookup(await kioskCaller(request), request.body),
  );
  app.post(
    '/bills/bound-accounts',
    {
      schema: {
        tags: ['bills'],
        summary: "The accounts a resident's ID card is bound to at a utility (after consent on the kiosk)",
        body: BoundAccountsQuery,
        response: { 200: BoundAccounts, ...errors },
      },
    },
    async (request) => deps.bills.boundAccounts(await kioskCaller(request), request.body),
  );
  app.post(
    '/bills/payments',
    {
      schema: {
        tags: ['bills'],
        summary: 'A payment code for an amount on an account (5 minutes to pay it)',
        body: PaymentRequest,
        response: { 200: Payment, ...errors, 402: ErrorBody },
      },
    },
    async (request) => payments().pay(await kioskCaller(request), request.body),
  );
  app.get(
    '/bills/payments/:orderId',
    {
      schema: {
        tags: ['bills'],
        summary: 'How a payment stands; with waitSec, answered as soon as it changes',
        params: OrderParams,
        querystring: StatusQuery,
        response: { 200: Payment, ...errors, 402: ErrorBody },
      },
    },
    async (request) =>
      payments().status(await kioskCaller(request), request.params.orderId, request.query.waitSec ?? 0),
  );
  app.post(
    '/bills/payments/:orderId/cancel',
    {
      schema: {
        tags: ['bills'],
        summary: 'The resident gave up: the code can no longer be paid (a payment that came first stands)',
        params: OrderParams,
        response: { 200: Payment, ...errors, 402: ErrorBody },
      },
    },
    async (request) => payments().cancel(await kioskCaller(request), request.params.orderId),
  );
  app.get(
    '/bills/receipts/:transactionId',
    {
      schema: {
        tags: ['bills'],
        summary: 'A paid payment’s receipt again, by its transaction id (a reprint)',
        params: Type.Object({ transactionId: Type.String({ pattern: '^[0-9A-Za-z_-]{6,64}$' }) }),
        response: { 200: BillReceipt, ...errors, 402: ErrorBody },
      },
    },
    async (request) => payments().receipt(await kioskCaller(request), request.params.transactionId),
  );
}
