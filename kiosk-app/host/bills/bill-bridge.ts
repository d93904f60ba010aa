/**
 * Bills on the kiosk bridge. Each query goes to the admin server at the moment it is asked; the
 * ID number for the bound accounts is this visit's card, which stays in the host (the screen only
 * ever had it masked).
 */
import { LinliError, type IdCardData, type KioskBridge } from '@linli/protocol';
import type { BillClient } from './bill-client';

export function createBillBridge(deps: {
  client: BillClient;
  currentCard: () => IdCardData | undefined;
}): Pick<KioskBridge, 'billUtilities' | 'queryBill' | 'boundBillAccounts'> {
  return {
    billUtilities: () => deps.client.utilities(),
    queryBill: (query) => deps.client.query(query),
    async boundBillAccounts({ utility }) {
      const card = deps.currentCard();
      if (!card)
        throw new LinliError('VALIDATION_FAILED', 'Read the ID card first', [
          { path: '/idCard', message: 'no card read in this visit' },
        ]);
      return deps.client.boundAccounts({ utility, idNumber: card.idNumber });
    },
  };
}
