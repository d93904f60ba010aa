/**
 * A utility's HTTP/JSON API connected by configuration alone: one JSON file per utility says where
 * the API is, how to sign in, how to ask each question (a request template) and where the answer's
 * fields are (a response mapping). The admin server reads it with readBillProviderConfig
 * (admin-server/src/bills/http-provider-config.ts), which checks everything this schema cannot —
 * path expressions, placeholders, URLs, environment variables — before the provider is used.
 * docs/operators/bill-providers.md explains every field with docs/examples/bill-provider-sunshine-water.json.
 *
 * Path expressions ("$.data.owner.name", "$.items[0].x", "$.bills[*]", "@.month" inside a list)
 * are parsed by admin-server/src/bills/json-path.ts.
 */
import Type from 'typebox';
import { BILL_ACCOUNT_STATUSES, UTILITIES } from './bills';

/** The placeholders a request template may use, by operation. */
export const BILL_OPERATION_PLACEHOLDERS = {
  lookupAccount: ['accountNumber'],
  accountsForIdNumber: ['idNumber'],
  recordPayment: ['accountNumber', 'transactionId', 'amountFen', 'amountYuan', 'paidAt'],
} as const;
export type BillOperation = keyof typeof BILL_OPERATION_PLACEHOLDERS;

export const MONEY_UNITS = ['fen', 'jiao', 'yuan'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];
export const REPLY_DATE_FORMATS = ['YYYYMMDD', 'YYYY-MM-DD', 'YYYY/MM/DD', 'epoch-ms'] as const;
export type ReplyDateFormat = (typeof REPLY_DATE_FORMATS)[number];
export const REPLY_PERIOD_FORMATS = ['YYYYMM', 'YYYY-MM'] as const;
export type ReplyPeriodFormat = (typeof REPLY_PERIOD_FORMATS)[number];
export const BILL_AUTH_KINDS = ['none', 'header', 'oauth2-client-credentials'] as const;

const strict = { additionalProperties: false } as const;

/** A path expression: "$." from the reply's root, "@." from the list item (or bill) being read. */
const PathExpression = Type.String({ minLength: 1, maxLength: 200 });
/** Text with {placeholders}; braces are always placeholders. */
const Template = Type.String({ maxLength: 500 });
/** A secret, or "${env:NAME}" to read it from the admin server's environment. */
const Secret = Type.String({ minLength: 1, maxLength: 2000 });
const HttpUrl = Type.String({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', maxLength: 500 });

export const MoneyField = Type.Object(
  { path: PathExpression, unit: Type.Enum(MONEY_UNITS) },
  { ...strict, description: 'An amount, a number or a numeric string, in fen, jiao or yuan' },
);
export const UsageField = Type.Object(
  {
    path: PathExpression,
    factor: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1_000_000,
        description: 'Multiplies the reported usage into m3 or kWh, e.g. 0.001 for litres or Wh; 1 when absent',
      }),
    ),
  },
  strict,
);
export const DateField = Type.Object({ path: PathExpression, format: Type.Enum(REPLY_DATE_FORMATS) }, strict);
export const PeriodField = Type.Object({ path: PathExpression, format: Type.Enum(REPLY_PERIOD_FORMATS) }, strict);
export const StatusField = Type.Object(
  {
    path: PathExpression,
    map: Type.Record(Type.String({ minLength: 1, maxLength: 40 }), Type.Enum(BILL_ACCOUNT_STATUSES), {
      minProperties: 1,
      maxProperties: 50,
      description: "The utility's status values and what each means; any other value is a bad reply",
    }),
  },
  strict,
);

export const RequestTemplate = Type.Object(
  {
    method: Type.Enum(['GET', 'POST'] as const),
    /** Appended to baseUrl; placeholders are URL-encoded. */
    path: Type.String({ pattern: '^/', maxLength: 500 }),
    query: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Template, { maxProperties: 30 })),
    /** Sent as JSON (POST only); a string that is one whole placeholder keeps the placeholder's type. */
    body: Type.Optional(Type.Unknown()),
  },
  strict,
);

/** One way the utility says "no such account": an HTTP status, a field's value, or both. */
export const NotFoundRule = Type.Object(
  {
    status: Type.Optional(Type.Integer({ minimum: 200, maximum: 599 })),
    path: Type.Optional(PathExpression),
    /** Compared as text: "404001" matches the string "404001" and the number 404001. */
    equals: Type.Optional(Type.String({ maxLength: 100 })),
  },
  strict,
);

const operation = <R extends Type.TSchema>(response: R) =>
  Type.Object(
    {
      request: RequestTemplate,
      /** Any one rule matching means not found. */
      notFound: Type.Optional(Type.Array(NotFoundRule, { minItems: 1, maxItems: 4 })),
      response,
    },
    strict,
  );

export const TierMapping = Type.Object(
  {
    /** The list of steps, e.g. "@.tiers[*]" inside the bill. */
    items: PathExpression,
    tier: PathExpression,
    from: UsageField,
    to: Type.Optional(UsageField),
    unitPrice: MoneyField,
    usage: UsageField,
    amount: MoneyField,
  },
  strict,
);

export const CurrentBillMapping = Type.Object(
  {
    /** The bill: when missing or null there is no current bill. Its fields may read it as "@". */
    at: PathExpression,
    period: PeriodField,
    usage: UsageField,
    amount: MoneyField,
    dueDate: DateField,
    /** Absent: the utility gives no price steps (an empty list). */
    tiers: Type.Optional(TierMapping),
  },
  strict,
);

export const HistoryMapping = Type.Object(
  { items: PathExpression, period: PeriodField, usage: UsageField, amount: MoneyField },
  strict,
);

export const LookupAccountMapping = Type.Object(
  {
    holderName: PathExpression,
    address: PathExpression,
    status: StatusField,
    amountDue: MoneyField,
    currentBill: Type.Optional(CurrentBillMapping),
    /** Absent: the utility gives no history (an empty list). */
    history: Type.Optional(HistoryMapping),
  },
  strict,
);

export const NoAuth = Type.Object({ kind: Type.Literal('none') }, strict);
export const HeaderAuth = Type.Object(
  {
    kind: Type.Literal('header'),
    header: Type.String({ pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$" }),
    value: Secret,
  },
  strict,
);
export const OAuth2ClientCredentials = Type.Object(
  {
    kind: Type.Literal('oauth2-client-credentials'),
    tokenUrl: HttpUrl,
    clientId: Secret,
    clientSecret: Secret,
    scope: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  strict,
);
export const BillProviderAuth = Type.Union([NoAuth, HeaderAuth, OAuth2ClientCredentials]);
export type BillProviderAuth = Type.Static<typeof BillProviderAuth>;

export const BillProviderConfig = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 }),
    /** What residents see, e.g. 阳光水务. */
    name: Type.String({ minLength: 1, maxLength: 40 }),
    utility: Type.Enum(UTILITIES),
    baseUrl: HttpUrl,
    /** How long one call may take, token included. */
    timeoutMs: Type.Integer({ minimum: 100, maximum: 60_000 }),
    auth: BillProviderAuth,
    operations: Type.Object(
      {
        lookupAccount: operation(LookupAccountMapping),
        accountsForIdNumber: operation(
          Type.Object({ accounts: PathExpression }, { ...strict, description: 'The account numbers: a "[*]" path' }),
        ),
        recordPayment: operation(Type.Object({ receiptNumber: PathExpression }, strict)),
      },
      strict,
    ),
  },
  strict,
);
export type BillProviderConfig = Type.Static<typeof BillProviderConfig>;
export type RequestTemplate = Type.Static<typeof RequestTemplate>;
export type NotFoundRule = Type.Static<typeof NotFoundRule>;
export type MoneyField = Type.Static<typeof MoneyField>;
export type UsageField = Type.Static<typeof UsageField>;
export type DateField = Type.Static<typeof DateField>;
export type PeriodField = Type.Static<typeof PeriodField>;
export type StatusField = Type.Static<typeof StatusField>;
export type LookupAccountMapping = Type.Static<typeof LookupAccountMapping>;

// ---- 计费机构: the connections as administrators manage them ---------------------------------------

/** How a secret written into a file is shown back (an ${env:NAME} reference is shown as it is). */
export const SECRET_SHOWN = '******';

export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

/** A utility connected by a configuration file, serving the subtree of one organisation node. */
export const BillProviderView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  utility: Type.Enum(UTILITIES),
  orgId: Type.Integer(),
  orgName: Type.String(),
  baseUrl: Type.String(),
  authKind: Type.Enum(BILL_AUTH_KINDS),
  /** The file as stored, every secret written in it shown as SECRET_SHOWN. */
  config: Type.Unknown(),
  /** open: calls pause after repeated failures. */
  circuit: Type.Enum(CIRCUIT_STATES),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.String(),
  /** Why the stored file could not be connected now (an ${env:NAME} it names is not set, say). */
  problem: Type.Optional(Type.String()),
});
export type BillProviderView = Type.Static<typeof BillProviderView>;

/**
 * A configuration file to connect (or to replace the one with its id), and the node whose subtree
 * it serves. A secret given as SECRET_SHOWN keeps the one stored for that id.
 */
export const BillProviderInput = Type.Object(
  { orgId: Type.Integer({ minimum: 1 }), config: Type.Unknown() },
  { additionalProperties: false },
);
export type BillProviderInput = Type.Static<typeof BillProviderInput>;

export const BillProviderList = Type.Object({ providers: Type.Array(BillProviderView) });
export type BillProviderList = Type.Static<typeof BillProviderList>;
