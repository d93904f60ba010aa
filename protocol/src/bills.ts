/**
 * Water, electricity and gas bills (查缴水电气). A kiosk or a clerk desk asks the admin server live
 * (bills never travel through the content sync); the server's bill gateway asks the utility's
 * provider adapter and masks what it returns. Money is always an integer number of fen (分) so that
 * nothing is rounded on the way; unit prices, which utilities quote to 4 decimals of a yuan, are
 * decimal strings.
 */
import Type from 'typebox';

export const UTILITIES = ['water', 'electricity', 'gas'] as const;
export type Utility = (typeof UTILITIES)[number];
export const Utility = Type.Enum(UTILITIES);

/** The unit each utility meters in: water and gas in cubic metres, electricity in kilowatt-hours. */
export const USAGE_UNITS = { water: 'm3', electricity: 'kWh', gas: 'm3' } as const satisfies Record<Utility, string>;
export const UsageUnit = Type.Enum(['m3', 'kWh'] as const);
export type UsageUnit = Type.Static<typeof UsageUnit>;

export const BILL_ACCOUNT_STATUSES = ['normal', 'arrears', 'closed'] as const;
export type BillAccountStatus = (typeof BILL_ACCOUNT_STATUSES)[number];

/** What residents type or scan: utilities print 6 to 20 digits, some with a letter prefix. */
export const BillAccountNumber = Type.String({ pattern: '^[0-9A-Za-z]{6,20}$' });
export const Fen = Type.Integer({ minimum: -100_000_000_00, maximum: 100_000_000_00 });
export const BillPeriod = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** A price in yuan per unit, e.g. "0.4883". */
export const UnitPrice = Type.String({ pattern: '^\\d{1,4}(\\.\\d{1,4})?$' });
const Usage = Type.Number({ minimum: 0, maximum: 1e9 });

/** One step of a tiered (阶梯) price: usage from `from` up to `to` (open when absent). */
export const PriceTier = Type.Object({
  tier: Type.Integer({ minimum: 1, maximum: 9 }),
  from: Usage,
  to: Type.Optional(Usage),
  unitPrice: UnitPrice,
  /** How much of this bill's usage fell in this step, and what it cost. */
  usage: Usage,
  amountFen: Fen,
});
export type PriceTier = Type.Static<typeof PriceTier>;

export const CurrentBill = Type.Object({
  period: BillPeriod,
  usage: Usage,
  unit: UsageUnit,
  tiers: Type.Array(PriceTier, { maxItems: 9 }),
  amountFen: Fen,
  dueDate: IsoDate,
});
export type CurrentBill = Type.Static<typeof CurrentBill>;

export const MonthlyUsage = Type.Object({ period: BillPeriod, usage: Usage, amountFen: Fen });
export type MonthlyUsage = Type.Static<typeof MonthlyUsage>;

/**
 * An account as the kiosk shows it: holder and address masked by the server (张*三), the account
 * number shown only by its last digits. `fetchedAt` is when the provider answered: a reply from the
 * gateway's short cache carries its original time, so the kiosk never shows it as current.
 */
export const BillAccount = Type.Object({
  utility: Utility,
  provider: Type.Object({ id: Type.String(), name: Type.String() }),
  accountMasked: Type.String(),
  holderMasked: Type.String(),
  addressMasked: Type.String(),
  status: Type.Enum(BILL_ACCOUNT_STATUSES),
  /** Positive: what is owed now. Zero or negative: nothing is owed (negative is credit). */
  amountDueFen: Fen,
  currentBill: Type.Optional(CurrentBill),
  /** Oldest first, at most the last 12 months. */
  history: Type.Array(MonthlyUsage, { maxItems: 12 }),
  fetchedAt: Type.String({ format: 'date-time' }),
});
export type BillAccount = Type.Static<typeof BillAccount>;

/** The utilities a kiosk can query, and who provides each. */
export const BillUtilities = Type.Object({
  utilities: Type.Array(
    Type.Object({ utility: Utility, provider: Type.Object({ id: Type.String(), name: Type.String() }) }),
  ),
});
export type BillUtilities = Type.Static<typeof BillUtilities>;

export const BillQuery = Type.Object({ utility: Utility, accountNumber: BillAccountNumber });
export type BillQuery = Type.Static<typeof BillQuery>;

/** The accounts a resident's ID card is bound to at a utility (asked only after consent). */
export const BoundAccountsQuery = Type.Object({
  utility: Utility,
  idNumber: Type.String({ pattern: '^\\d{17}[\\dX]$' }),
});
export type BoundAccountsQuery = Type.Static<typeof BoundAccountsQuery>;
export const BoundAccounts = Type.Object({
  /** Full numbers, since the kiosk queries them next; shown masked. */
  accounts: Type.Array(Type.Object({ accountNumber: BillAccountNumber, accountMasked: Type.String() }), {
    maxItems: 20,
  }),
});
export type BoundAccounts = Type.Static<typeof BoundAccounts>;

export const PAYMENT_STATES = ['pending', 'paid', 'expired', 'failed'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const PaymentRequest = Type.Object({
  utility: Utility,
  accountNumber: BillAccountNumber,
  amountFen: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
});
export type PaymentRequest = Type.Static<typeof PaymentRequest>;

/** What a receipt prints; reprinted from the same record by its transaction id. */
export const BillReceipt = Type.Object({
  transactionId: Type.String(),
  /** Printed in the receipt's QR code with the transaction id: the public page verifies the pair. */
  verifyCode: Type.String({ pattern: '^[0-9A-Za-z_-]{12}$' }),
  utility: Utility,
  providerName: Type.String(),
  accountMasked: Type.String(),
  period: Type.Optional(BillPeriod),
  amountFen: Fen,
  paidAt: Type.String({ format: 'date-time' }),
  /**
   * The utility's own write-off number (销账流水号); absent while the utility has not yet confirmed
   * the payment (it is kept and confirmed later: the money is never lost).
   */
  providerReceiptNumber: Type.Optional(Type.String()),
});
export type BillReceipt = Type.Static<typeof BillReceipt>;

export const Payment = Type.Object({
  orderId: Type.String(),
  utility: Utility,
  accountMasked: Type.String(),
  amountFen: Type.Integer(),
  state: Type.Enum(PAYMENT_STATES),
  /** What the QR code carries (the payment channel's code URL); absent once the order is over. */
  qrPayload: Type.Optional(Type.String()),
  expiresAt: Type.String({ format: 'date-time' }),
  /** When paid. */
  receipt: Type.Optional(BillReceipt),
  /** When failed: the channel's reason in words. */
  failure: Type.Optional(Type.String()),
});
export type Payment = Type.Static<typeof Payment>;

/**
 * A QR code as the kiosk screen draws it (a payment code, a queue ticket's follow link): its modules,
 * made by the host from the payload so the screen needs no QR library; size × size, row by row, "1" dark.
 */
export const ScreenQr = Type.Object({ size: Type.Integer({ minimum: 21, maximum: 177 }), modules: Type.String() });
export type ScreenQr = Type.Static<typeof ScreenQr>;

/** A payment as the kiosk screen shows it: with its code (ScreenQr) while it can be paid. */
export const ShownPayment = Type.Intersect([Payment, Type.Object({ qr: Type.Optional(ScreenQr) })]);
export type ShownPayment = Type.Static<typeof ShownPayment>;
