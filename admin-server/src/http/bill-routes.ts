/**
 * Bills, asked live by kiosks in the device scope (their credentials are checked before the body,
 * which may carry an ID number, is read). Only kiosks ask: a screen has no business with accounts.
 */
import {
  BillAccount,
  BillQuery,
  BillUtilities,
  BoundAccounts,
  BoundAccountsQuery,
  ErrorBody,
  LinliError,
} from '@linli/protocol';
import type { BillCaller, BillGateway } from '../domain/bill-gateway';
import type { DeviceService } from '../domain/devices';
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

export function registerDeviceBillRoutes(app: TypedApp, deps: { bills: BillGateway; devices: DeviceService }): void {
  /** The kiosk asking, at its node; a player is refused. */
  const kioskCaller = async (request: Parameters<typeof deviceIdOf>[0]): Promise<BillCaller> => {
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
}
