/**
 * What the bill gateway needs from a utility, whatever its API looks like. An adapter returns what
 * the utility said, unmasked; the gateway masks names, addresses and account numbers before anything
 * leaves the server, and never logs them. Adapters throw LinliError with a BILL_* code: the gateway
 * retries only BILL_PROVIDER_UNAVAILABLE and BILL_PROVIDER_TIMEOUT.
 */
import type { BillAccountStatus, CurrentBill, MonthlyUsage, Utility } from '@linli/protocol';

export interface ProviderAccount {
  accountNumber: string;
  holderName: string;
  address: string;
  status: BillAccountStatus;
  /** Positive: owed; zero or negative: nothing owed (negative is credit). */
  amountDueFen: number;
  currentBill?: CurrentBill;
  /** Oldest first; the gateway keeps the last 12. */
  history: MonthlyUsage[];
}

export interface ProviderPayment {
  accountNumber: string;
  amountFen: number;
  /** The payment channel's transaction id: the idempotency key at the utility. */
  transactionId: string;
  paidAt: string;
}

export interface BillProvider {
  readonly id: string;
  readonly name: string;
  readonly utility: Utility;
  /** Throws BILL_ACCOUNT_UNKNOWN when the utility has no such account. */
  lookupAccount(accountNumber: string, signal: AbortSignal): Promise<ProviderAccount>;
  /** The account numbers bound to an ID number at this utility (none is an empty list). */
  accountsForIdNumber(idNumber: string, signal: AbortSignal): Promise<string[]>;
  /** Tells the utility a payment arrived (销账); the same transaction id twice is one payment. */
  recordPayment(payment: ProviderPayment, signal: AbortSignal): Promise<{ receiptNumber: string }>;
}
