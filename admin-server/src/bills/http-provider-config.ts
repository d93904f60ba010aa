/**
 * What a bill provider configuration file means (pure; the file format is BillProviderConfig in
 * protocol/src/bill-provider-config.ts, explained in docs/operators/bill-providers.md).
 *
 * - readBillProviderConfig checks a file completely when it is loaded — the schema, then every
 *   path expression, placeholder, URL and environment variable — and throws
 *   BILL_PROVIDER_CONFIG_INVALID with one detail per fault, each naming the field by its JSON
 *   pointer (`/operations/lookupAccount/response/amountDue/path`). Secrets written as
 *   "${env:NAME}" are replaced by the variable's value.
 * - compileBillProviderConfig turns a checked configuration into its operations: each builds its
 *   request from the caller's values (placeholders URL-encoded in the path and query, typed in a
 *   JSON body), tells whether a reply means "no such account", and reads a reply into what the
 *   BillProvider interface returns. A reply that does not fit throws BILL_PROVIDER_REPLY_INVALID
 *   whose details name the configuration field and the reply's expression, never a value from the
 *   reply: replies carry names, addresses and amounts.
 *
 * Money is read into integer fen from decimal text without floating point: "128.50" yuan is 12850
 * fen, and an amount finer than a fen is refused rather than rounded.
 */
import {
  LinliError,
  USAGE_UNITS,
  validationErrors,
  type CurrentBill,
  type ErrorDetail,
  type MonthlyUsage,
  type UsageUnit,
  BILL_AUTH_KINDS,
  BILL_OPERATION_PLACEHOLDERS,
  BillProviderConfig,
  HeaderAuth,
  NoAuth,
  OAuth2ClientCredentials,
  type BillOperation,
  type DateField,
  type LookupAccountMapping,
  type MoneyField,
  type MoneyUnit,
  type NotFoundRule,
  type PeriodField,
  type ReplyDateFormat,
  type ReplyPeriodFormat,
  type RequestTemplate,
  type StatusField,
  type UsageField,
} from '@linli/protocol';
import type { ProviderAccount, ProviderPayment } from './bill-provider';
import { formatJsonPath, JsonPathError, parseJsonPath, selectJsonPath, type JsonPath } from './json-path';

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * The configuration in `json` (a parsed file), checked completely, with "${env:NAME}" secrets
 * taken from `env`; BILL_PROVIDER_CONFIG_INVALID naming every bad field otherwise.
 */
export function readBillProviderConfig(json: unknown, env: Record<string, string | undefined>): BillProviderConfig {
  const schemaIssues = schemaErrors(json);
  if (schemaIssues.length > 0) throw configInvalid(schemaIssues);
  let config: BillProviderConfig;
  try {
    config = structuredClone(json) as BillProviderConfig;
  } catch {
    throw configInvalid([{ path: '/', message: 'is not JSON data' }]);
  }
  const issues: ErrorDetail[] = [];
  const resolved: BillProviderConfig = { ...config, auth: resolveSecrets(config.auth, env, issues) };
  issues.push(...compile(resolved).issues);
  if (issues.length > 0) throw configInvalid(issues);
  return resolved;
}

/** The operations of a checked configuration; BILL_PROVIDER_CONFIG_INVALID if it is not one. */
export function compileBillProviderConfig(config: BillProviderConfig): CompiledBillProvider {
  const schemaIssues = schemaErrors(config);
  if (schemaIssues.length > 0) throw configInvalid(schemaIssues);
  const { provider, issues } = compile(config);
  if (issues.length > 0) throw configInvalid(issues);
  return provider;
}

function configInvalid(details: ErrorDetail[]): LinliError {
  const first = details[0]!;
  return new LinliError(
    'BILL_PROVIDER_CONFIG_INVALID',
    `The bill provider configuration is not valid: ${first.path}: ${first.message}` +
      (details.length > 1 ? ` (and ${details.length - 1} more)` : ''),
    details,
  );
}

/** The schema's complaints, with the sign-in method checked by its own kind (not as a union). */
function schemaErrors(json: unknown): ErrorDetail[] {
  const all = validationErrors(BillProviderConfig, json);
  const details = all.filter((detail) => detail.path !== '/auth' && !detail.path.startsWith('/auth/'));
  if (all.length > details.length) {
    const auth = (json as { auth?: unknown }).auth;
    const kind = typeof auth === 'object' && auth !== null ? (auth as { kind?: unknown }).kind : undefined;
    if (typeof auth !== 'object' || auth === null || Array.isArray(auth))
      details.push({ path: '/auth', message: 'must be an object with a kind' });
    else if (kind === 'none') details.push(...validationErrors(NoAuth, auth, '/auth'));
    else if (kind === 'header') details.push(...validationErrors(HeaderAuth, auth, '/auth'));
    else if (kind === 'oauth2-client-credentials')
      details.push(...validationErrors(OAuth2ClientCredentials, auth, '/auth'));
    else details.push({ path: '/auth/kind', message: `must be one of ${BILL_AUTH_KINDS.join(', ')}` });
  }
  // A misspelt field is reported where it is; its object's summary says nothing more.
  const misspelt = new Set(details.filter((d) => d.message === 'schema is false').map((d) => parentOf(d.path)));
  return details
    .filter((d) => !(d.message === 'must not have additional properties' && misspelt.has(d.path)))
    .map((d) => (d.message === 'schema is false' ? { path: d.path, message: 'is not a field of this file' } : d));
}

const parentOf = (pointer: string) => pointer.slice(0, Math.max(pointer.lastIndexOf('/'), 0)) || '/';

const ENV_REFERENCE = /\$\{([^}]*)\}/g;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The sign-in method with "${env:NAME}" replaced in its secrets. */
function resolveSecrets(
  auth: BillProviderConfig['auth'],
  env: Record<string, string | undefined>,
  issues: ErrorDetail[],
): BillProviderConfig['auth'] {
  const resolve = (text: string, pointer: string) =>
    text.replace(ENV_REFERENCE, (reference, inner: string) => {
      const name = /^env:([A-Za-z_][A-Za-z0-9_]{0,99})$/.exec(inner)?.[1];
      if (!name) {
        issues.push({ path: pointer, message: `"${reference.slice(0, 60)}" is not a reference: write \${env:NAME}` });
        return reference;
      }
      const value = env[name];
      if (value === undefined || value === '') {
        issues.push({ path: pointer, message: `names the environment variable ${name}, which is not set` });
        return reference;
      }
      return value;
    });
  if (auth.kind === 'header') {
    const value = resolve(auth.value, '/auth/value');
    if (!HEADER_VALUE.test(value))
      issues.push({
        path: '/auth/value',
        message: /\$\{env:/.test(auth.value)
          ? 'the environment variable it names holds characters an HTTP header cannot carry'
          : 'holds characters an HTTP header cannot carry',
      });
    return { ...auth, value };
  }
  if (auth.kind === 'oauth2-client-credentials')
    return {
      ...auth,
      clientId: resolve(auth.clientId, '/auth/clientId'),
      clientSecret: resolve(auth.clientSecret, '/auth/clientSecret'),
    };
  return auth;
}

// ---------------------------------------------------------------------------------------------
// The compiled configuration

/** A request ready for fetch: the full address, and the JSON body for a POST that has one. */
export interface BuiltRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
}

export interface CompiledOperation<In, Out> {
  readonly operation: BillOperation;
  /** Throws VALIDATION_FAILED for a value that would change the request's path ("..", empty). */
  request(input: In): BuiltRequest;
  /** Whether a reply says "no such account"; `reply` is undefined when the body is not JSON. */
  isNotFound(status: number, reply: unknown): boolean;
  /** What a reply says; BILL_PROVIDER_REPLY_INVALID naming every field that does not fit. */
  read(reply: unknown): Out;
}

/** A looked-up account as the reply has it (the number is the one asked for). */
export type AccountReply = Omit<ProviderAccount, 'accountNumber'>;

export interface CompiledBillProvider {
  readonly config: BillProviderConfig;
  readonly lookupAccount: CompiledOperation<{ accountNumber: string }, AccountReply>;
  readonly accountsForIdNumber: CompiledOperation<{ idNumber: string }, string[]>;
  readonly recordPayment: CompiledOperation<ProviderPayment, { receiptNumber: string }>;
}

type Placeholder = (typeof BILL_OPERATION_PLACEHOLDERS)[BillOperation][number];
const ALL_PLACEHOLDERS: readonly Placeholder[] = [
  ...new Set(Object.values(BILL_OPERATION_PLACEHOLDERS).flat()),
] as Placeholder[];
/** What each operation must send, or the request could not mean what it is for. */
const REQUIRED_PLACEHOLDERS: Record<BillOperation, readonly (readonly Placeholder[])[]> = {
  lookupAccount: [['accountNumber']],
  accountsForIdNumber: [['idNumber']],
  recordPayment: [['accountNumber'], ['transactionId'], ['amountFen', 'amountYuan']],
};

/** A placeholder's value: as text (in a path, a query or inside a string) and as a JSON value. */
interface PlaceholderValue {
  text: string;
  json: string;
}
type Values = Partial<Record<Placeholder, PlaceholderValue>>;

const textValue = (text: string): PlaceholderValue => ({ text, json: JSON.stringify(text) });

/** 12345 fen → "123.45" yuan, in integers. */
function yuanText(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function compile(config: BillProviderConfig): { provider: CompiledBillProvider; issues: ErrorDetail[] } {
  const issues: ErrorDetail[] = [];
  const base = checkUrl(config.baseUrl, '/baseUrl', issues, { query: false });
  if (config.auth.kind === 'oauth2-client-credentials') checkUrl(config.auth.tokenUrl, '/auth/tokenUrl', issues);
  const baseUrl = (base?.href ?? 'http://invalid/').replace(/\/+$/, '');
  const { lookupAccount, accountsForIdNumber, recordPayment } = config.operations;
  const compiler = { config, baseUrl, issues };

  const lookupReader = compileLookupMapping(
    lookupAccount.response,
    USAGE_UNITS[config.utility],
    '/operations/lookupAccount/response',
    issues,
  );
  const accountsPath = pathOf(
    accountsForIdNumber.response.accounts,
    '/operations/accountsForIdNumber/response/accounts',
    issues,
    { many: true, item: false },
  );
  const receiptPath = pathOf(
    recordPayment.response.receiptNumber,
    '/operations/recordPayment/response/receiptNumber',
    issues,
    { many: false, item: false },
  );

  const provider: CompiledBillProvider = {
    config,
    lookupAccount: compileOperation(
      compiler,
      'lookupAccount',
      ({ accountNumber }) => ({
        accountNumber: textValue(accountNumber),
      }),
      lookupReader,
    ),
    accountsForIdNumber: compileOperation(
      compiler,
      'accountsForIdNumber',
      ({ idNumber }) => ({ idNumber: textValue(idNumber) }),
      (reply, problems) => {
        const base = '/operations/accountsForIdNumber/response/accounts';
        const selection = selectJsonPath(accountsPath, { root: reply });
        if (!selection.found) return void problems.add(base, selectionProblem(selection.at, selection.problem));
        return selection.values.flatMap((value, i) => {
          const read = accountNumberOf(value);
          if ('problem' in read) {
            problems.add(base, `\`${selection.at[i]}\` ${read.problem}`);
            return [];
          }
          return [read.value];
        });
      },
    ),
    recordPayment: compileOperation(
      compiler,
      'recordPayment',
      (payment) => {
        if (!Number.isSafeInteger(payment.amountFen) || payment.amountFen <= 0)
          throw new LinliError('VALIDATION_FAILED', undefined, [
            { path: '/amountFen', message: 'must be a whole number of fen above 0' },
          ]);
        return {
          accountNumber: textValue(payment.accountNumber),
          transactionId: textValue(payment.transactionId),
          amountFen: { text: String(payment.amountFen), json: String(payment.amountFen) },
          amountYuan: { text: yuanText(payment.amountFen), json: yuanText(payment.amountFen) },
          paidAt: textValue(payment.paidAt),
        };
      },
      (reply, problems) => {
        const receiptNumber = required(
          { pointer: '/operations/recordPayment/response/receiptNumber', path: receiptPath, convert: receiptNumberOf },
          { root: reply },
          problems,
        );
        return receiptNumber === undefined ? undefined : { receiptNumber };
      },
    ),
  };
  return { provider, issues };
}

/** A base or token address: absolute http(s), no credentials, no fragment (and for a base, no query). */
function checkUrl(text: string, pointer: string, issues: ErrorDetail[], options = { query: true }): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    issues.push({ path: pointer, message: 'is not a valid URL' });
    return undefined;
  }
  const before = issues.length;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    issues.push({ path: pointer, message: 'must be an http or https URL' });
  if (url.username || url.password)
    issues.push({ path: pointer, message: 'must not carry a user name or password (use auth)' });
  if (url.hash || text.includes('#')) issues.push({ path: pointer, message: 'must not have a fragment (#)' });
  if (!options.query && (url.search || text.includes('?')))
    issues.push({ path: pointer, message: 'must not have a query (?): put it in the operations’ query' });
  return issues.length === before ? url : undefined;
}

// ---------------------------------------------------------------------------------------------
// Requests

type Part = { text: string } | { placeholder: Placeholder };

/** A template's text and placeholders; braces are always placeholders. */
function parseTemplate(
  text: string,
  operation: BillOperation,
  pointer: string,
  issues: ErrorDetail[],
  used: Set<Placeholder>,
): Part[] {
  const provided: readonly string[] = BILL_OPERATION_PLACEHOLDERS[operation];
  const parts: Part[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const name = match[1]!;
    if (!(ALL_PLACEHOLDERS as readonly string[]).includes(name)) {
      issues.push({
        path: pointer,
        message: `{${name.slice(0, 40)}} is not a placeholder (${operation} provides ${listPlaceholders(provided)})`,
      });
      continue;
    }
    if (!provided.includes(name)) {
      issues.push({
        path: pointer,
        message: `uses {${name}}, which ${operation} does not provide (it provides ${listPlaceholders(provided)})`,
      });
      continue;
    }
    used.add(name as Placeholder);
    parts.push({ placeholder: name as Placeholder });
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  if (parts.some((part) => 'text' in part && /[{}]/.test(part.text)))
    issues.push({ path: pointer, message: 'has a brace that is not part of a {placeholder}' });
  return parts;
}

const listPlaceholders = (names: readonly string[]) => names.map((name) => `{${name}}`).join(', ');

const fill = (parts: readonly Part[], values: Values, encode: (text: string) => string = (text) => text) =>
  parts.map((part) => ('text' in part ? part.text : encode(values[part.placeholder]!.text))).join('');

/** A JSON body template, compiled: strings with placeholders, and whole-string placeholders that keep their type. */
type BodyNode =
  | { kind: 'json'; json: string }
  | { kind: 'text'; parts: Part[] }
  | { kind: 'value'; placeholder: Placeholder }
  | { kind: 'array'; items: BodyNode[] }
  | { kind: 'object'; entries: [string, BodyNode][] };

const MAX_BODY_DEPTH = 10;

function compileBody(
  value: unknown,
  compileString: (text: string, pointer: string) => Part[],
  pointer: string,
  issues: ErrorDetail[],
  depth = 0,
): BodyNode {
  if (depth > MAX_BODY_DEPTH) {
    issues.push({ path: pointer, message: `is nested deeper than ${MAX_BODY_DEPTH} levels` });
    return { kind: 'json', json: 'null' };
  }
  if (typeof value === 'string') {
    const parts = compileString(value, pointer);
    const [only] = parts;
    if (parts.length === 1 && only && 'placeholder' in only) return { kind: 'value', placeholder: only.placeholder };
    return parts.every((part) => 'text' in part)
      ? { kind: 'json', json: JSON.stringify(value) }
      : { kind: 'text', parts };
  }
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return { kind: 'json', json: JSON.stringify(value) };
  if (Array.isArray(value))
    return {
      kind: 'array',
      items: value.map((item, i) => compileBody(item, compileString, `${pointer}/${i}`, issues, depth + 1)),
    };
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return {
      kind: 'object',
      entries: Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        compileBody(item, compileString, `${pointer}/${escapePointer(key)}`, issues, depth + 1),
      ]),
    };
  issues.push({ path: pointer, message: 'is not a JSON value' });
  return { kind: 'json', json: 'null' };
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

function writeBody(node: BodyNode, values: Values): string {
  switch (node.kind) {
    case 'json':
      return node.json;
    case 'text':
      return JSON.stringify(fill(node.parts, values));
    case 'value':
      return values[node.placeholder]!.json;
    case 'array':
      return `[${node.items.map((item) => writeBody(item, values)).join(',')}]`;
    case 'object':
      return `{${node.entries.map(([key, item]) => `${JSON.stringify(key)}:${writeBody(item, values)}`).join(',')}}`;
  }
}

/** Characters a request path template may hold outside placeholders (RFC 3986 pchar and "/"). */
const PATH_TEXT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const DOT_SEGMENT = /^(\.|%2e){1,2}$/i;

interface Compiler {
  config: BillProviderConfig;
  /** The base URL without a trailing "/". */
  baseUrl: string;
  issues: ErrorDetail[];
}

function compileOperation<In, Out>(
  { config, baseUrl, issues }: Compiler,
  operation: BillOperation,
  valuesOf: (input: In) => Values,
  read: (reply: unknown, problems: ReplyProblems) => Out | undefined,
): CompiledOperation<In, Out> {
  const settings = config.operations[operation];
  const template: RequestTemplate = settings.request;
  const pointer = `/operations/${operation}/request`;
  const used = new Set<Placeholder>();
  const pathParts = parseTemplate(template.path, operation, `${pointer}/path`, issues, used);
  if (pathParts.some((part) => 'text' in part && !PATH_TEXT.test(part.text)))
    issues.push({
      path: `${pointer}/path`,
      message:
        'may hold only letters, digits and - . _ ~ ! $ & \' ( ) * + , ; = : @ % / (percent-encode others; the query goes in "query")',
    });
  if (template.path.split('/').some((segment) => DOT_SEGMENT.test(segment)))
    issues.push({ path: `${pointer}/path`, message: 'must not have "." or ".." segments' });
  const query = Object.entries(template.query ?? {}).map(([name, value]) => {
    if (/[{}]/.test(name))
      issues.push({
        path: `${pointer}/query/${escapePointer(name)}`,
        message: 'a query name cannot hold a placeholder',
      });
    return [name, parseTemplate(value, operation, `${pointer}/query/${escapePointer(name)}`, issues, used)] as const;
  });
  let body: BodyNode | undefined;
  if (template.body !== undefined) {
    if (template.method === 'GET')
      issues.push({ path: `${pointer}/body`, message: 'a GET request carries no body: use POST' });
    body = compileBody(
      template.body,
      (text, at) => parseTemplate(text, operation, at, issues, used),
      `${pointer}/body`,
      issues,
    );
  }
  for (const alternatives of REQUIRED_PLACEHOLDERS[operation])
    if (!alternatives.some((name) => used.has(name)))
      issues.push({
        path: pointer,
        message: `never sends ${alternatives.map((name) => `{${name}}`).join(' or ')}: put it in the path, the query or the body`,
      });

  const notFound = (settings.notFound ?? []).map((rule, i) =>
    compileNotFound(rule, `/operations/${operation}/notFound/${i}`, issues),
  );
  const problemsBase = `/operations/${operation}/response`;

  return {
    operation,
    request(input) {
      const values = valuesOf(input);
      const path = fill(pathParts, values, encodeURIComponent);
      for (const part of pathParts)
        if ('placeholder' in part && values[part.placeholder]!.text === '')
          throw pathRefused(part.placeholder, 'cannot be empty');
      const segments = path.split('/');
      const bad = segments.findIndex((segment) => DOT_SEGMENT.test(segment));
      if (bad >= 0) {
        const placeholder = pathParts.find((part): part is { placeholder: Placeholder } => 'placeholder' in part);
        throw pathRefused(placeholder?.placeholder ?? 'accountNumber', 'cannot be "." or ".." in a request path');
      }
      const search = new URLSearchParams(query.map(([name, parts]) => [name, fill(parts, values)]));
      const url = `${baseUrl}${path}${query.length > 0 ? `?${search}` : ''}`;
      return {
        method: template.method,
        url,
        ...(body !== undefined ? { body: writeBody(body, values) } : {}),
      };
    },
    isNotFound(status, reply) {
      return notFound.some((rule) => rule(status, reply));
    },
    read(reply) {
      const problems = new ReplyProblems();
      const result = read(reply, problems);
      if (problems.list.length > 0 || result === undefined) {
        const details = problems.list.length > 0 ? problems.list : [{ path: problemsBase, message: 'does not fit' }];
        throw new LinliError(
          'BILL_PROVIDER_REPLY_INVALID',
          `${config.name} answered ${operation} with a reply that does not fit its configuration: ` +
            `${details[0]!.path}: ${details[0]!.message}`,
          details,
        );
      }
      return result;
    },
  };
}

function pathRefused(placeholder: Placeholder, why: string): LinliError {
  return new LinliError('VALIDATION_FAILED', `The ${placeholder} ${why}`, [{ path: `/${placeholder}`, message: why }]);
}

function compileNotFound(
  rule: NotFoundRule,
  pointer: string,
  issues: ErrorDetail[],
): (status: number, reply: unknown) => boolean {
  if (rule.status === undefined && rule.path === undefined)
    issues.push({ path: pointer, message: 'needs a status, a path and the value it equals, or both' });
  if ((rule.path === undefined) !== (rule.equals === undefined))
    issues.push({
      path: pointer,
      message: 'path and equals go together: the field, and the value that means not found',
    });
  if (rule.path === undefined && rule.status !== undefined && rule.status < 300)
    issues.push({
      path: `${pointer}/status`,
      message: 'a success status alone would make every answer "not found": add a path and equals',
    });
  const path =
    rule.path === undefined ? undefined : pathOf(rule.path, `${pointer}/path`, issues, { many: false, item: false });
  return (status, reply) => {
    if (rule.status !== undefined && rule.status !== status) return false;
    if (path === undefined) return true;
    if (reply === undefined) return false;
    const selection = selectJsonPath(path, { root: reply });
    if (!selection.found) return false;
    const value = selection.values[0];
    return (typeof value === 'string' || typeof value === 'number') && String(value) === rule.equals;
  };
}

// ---------------------------------------------------------------------------------------------
// Path expressions in the mapping

/**
 * A mapping's expression, parsed: `many` when the field is a list ([*] required, otherwise refused),
 * `item` when "@" (the bill or list item being read) means something there.
 */
function pathOf(
  expression: string,
  pointer: string,
  issues: ErrorDetail[],
  where: { many: boolean; item: boolean },
): JsonPath {
  let path: JsonPath;
  try {
    path = parseJsonPath(expression);
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    issues.push({ path: pointer, message: `not a valid path expression: ${error.reason}` });
    return parseJsonPath('$');
  }
  if (path.root === '@' && !where.item)
    issues.push({ path: pointer, message: 'starts with @, the item being read, but here none is: start with $' });
  if (where.many && !path.many)
    issues.push({ path: pointer, message: 'must select a list: use [*] for the elements, e.g. $.items[*]' });
  if (!where.many && path.many) issues.push({ path: pointer, message: 'selects one value: [*] is not allowed here' });
  return path;
}

// ---------------------------------------------------------------------------------------------
// Reading replies

/** A reply's faults, one per configuration field (the first found), at most 20. */
class ReplyProblems {
  readonly list: ErrorDetail[] = [];

  add(pointer: string, message: string): void {
    if (this.list.length < 20 && !this.list.some((detail) => detail.path === pointer))
      this.list.push({ path: pointer, message });
  }
}

/** What "@" is while a field is read: the value, and the expression that reached it. */
interface Scope {
  root: unknown;
  current?: unknown;
  currentAt?: string;
}

type Converted<T> = { value: T } | { problem: string };

interface Field<T> {
  pointer: string;
  path: JsonPath;
  convert: (value: unknown) => Converted<T>;
}

/** The expression with "@" written out as what it stands for, e.g. $.bills[3].amount. */
const absolute = (at: string, scope: Scope) =>
  at.startsWith('@') && scope.currentAt !== undefined ? scope.currentAt + at.slice(1) : at;

function selectionProblem(at: string, problem: 'missing' | 'not an object' | 'not a list'): string {
  return `\`${at}\` ${problem === 'missing' ? 'is missing' : `is ${problem}`}`;
}

function scopeOf(scope: Scope): { root: unknown; current?: unknown } {
  return 'current' in scope ? { root: scope.root, current: scope.current } : { root: scope.root };
}

/** A field that must be there (not null) and convert. */
function required<T>(field: Field<T>, scope: Scope, problems: ReplyProblems): T | undefined {
  const selection = selectJsonPath(field.path, scopeOf(scope));
  if (!selection.found) {
    problems.add(field.pointer, selectionProblem(absolute(selection.at, scope), selection.problem));
    return undefined;
  }
  const at = absolute(selection.at[0]!, scope);
  const value = selection.values[0];
  if (value === null) {
    problems.add(field.pointer, `\`${at}\` is missing (null)`);
    return undefined;
  }
  const converted = field.convert(value);
  if ('problem' in converted) {
    problems.add(field.pointer, `\`${at}\` ${converted.problem}`);
    return undefined;
  }
  return converted.value;
}

/** Whether a single-value path found nothing at its very last step (or null): an optional field left out. */
function leftOut(path: JsonPath, scope: Scope): boolean {
  const selection = selectJsonPath(path, scopeOf(scope));
  if (selection.found) return selection.values[0] === null;
  return selection.problem === 'missing' && selection.at === formatJsonPath(path.root, path.steps);
}

/** A field that may be left out (missing or null): undefined then, otherwise it must convert. */
function optional<T>(field: Field<T>, scope: Scope, problems: ReplyProblems): T | undefined {
  return leftOut(field.path, scope) ? undefined : required(field, scope, problems);
}

/** The one value a path selects, as the scope its fields are read in (the current bill). */
function itemAt(path: JsonPath, pointer: string, scope: Scope, problems: ReplyProblems): Scope | undefined {
  const selection = selectJsonPath(path, scopeOf(scope));
  if (!selection.found) {
    problems.add(pointer, selectionProblem(absolute(selection.at, scope), selection.problem));
    return undefined;
  }
  return { root: scope.root, current: selection.values[0], currentAt: absolute(selection.at[0]!, scope) };
}

/** Each element a list expression selects, as the scope its fields are read in. */
function itemsOf(path: JsonPath, pointer: string, scope: Scope, problems: ReplyProblems): Scope[] | undefined {
  const selection = selectJsonPath(path, scopeOf(scope));
  if (!selection.found) {
    problems.add(pointer, selectionProblem(absolute(selection.at, scope), selection.problem));
    return undefined;
  }
  return selection.values.map((current, i) => ({
    root: scope.root,
    current,
    currentAt: absolute(selection.at[i]!, scope),
  }));
}

function compileLookupMapping(
  mapping: LookupAccountMapping,
  unit: UsageUnit,
  base: string,
  issues: ErrorDetail[],
): (reply: unknown, problems: ReplyProblems) => AccountReply | undefined {
  const top = { many: false, item: false };
  const inItem = { many: false, item: true };
  const text = (expression: string, pointer: string): Field<string> => ({
    pointer,
    path: pathOf(expression, `${pointer}`, issues, top),
    convert: textOf,
  });
  const holderName = text(mapping.holderName, `${base}/holderName`);
  const address = text(mapping.address, `${base}/address`);
  const status = statusField(mapping.status, `${base}/status`, issues, top);
  const amountDue = moneyField(mapping.amountDue, `${base}/amountDue`, issues, top);

  const bill = mapping.currentBill;
  const billBase = `${base}/currentBill`;
  const currentBill = bill && {
    at: pathOf(bill.at, `${billBase}/at`, issues, top),
    period: periodField(bill.period, `${billBase}/period`, issues, inItem),
    usage: usageField(bill.usage, `${billBase}/usage`, issues, inItem),
    amount: moneyField(bill.amount, `${billBase}/amount`, issues, inItem),
    dueDate: dateField(bill.dueDate, `${billBase}/dueDate`, issues, inItem),
    tiers: bill.tiers && {
      items: pathOf(bill.tiers.items, `${billBase}/tiers/items`, issues, { many: true, item: true }),
      tier: {
        pointer: `${billBase}/tiers/tier`,
        path: pathOf(bill.tiers.tier, `${billBase}/tiers/tier`, issues, inItem),
        convert: tierOf,
      },
      from: usageField(bill.tiers.from, `${billBase}/tiers/from`, issues, inItem),
      to: bill.tiers.to && usageField(bill.tiers.to, `${billBase}/tiers/to`, issues, inItem),
      unitPrice: unitPriceField(bill.tiers.unitPrice, `${billBase}/tiers/unitPrice`, issues, inItem),
      usage: usageField(bill.tiers.usage, `${billBase}/tiers/usage`, issues, inItem),
      amount: moneyField(bill.tiers.amount, `${billBase}/tiers/amount`, issues, inItem),
    },
  };
  const history = mapping.history && {
    items: pathOf(mapping.history.items, `${base}/history/items`, issues, { many: true, item: false }),
    period: periodField(mapping.history.period, `${base}/history/period`, issues, inItem),
    usage: usageField(mapping.history.usage, `${base}/history/usage`, issues, inItem),
    amount: moneyField(mapping.history.amount, `${base}/history/amount`, issues, inItem),
  };

  return (reply, problems) => {
    const root: Scope = { root: reply };
    const holder = required(holderName, root, problems);
    const where = required(address, root, problems);
    const state = required(status, root, problems);
    const owed = required(amountDue, root, problems);

    let shownBill: Partial<CurrentBill> | undefined;
    const billScope =
      currentBill && !leftOut(currentBill.at, root)
        ? itemAt(currentBill.at, `${billBase}/at`, root, problems)
        : undefined;
    if (currentBill && billScope) {
      const { tiers } = currentBill;
      const tierScopes = tiers ? (itemsOf(tiers.items, `${billBase}/tiers/items`, billScope, problems) ?? []) : [];
      if (tierScopes.length > 9) problems.add(`${billBase}/tiers/items`, 'lists more than 9 price steps');
      shownBill = {
        period: required(currentBill.period, billScope, problems),
        usage: required(currentBill.usage, billScope, problems),
        unit,
        tiers: tierScopes.slice(0, 9).map((scope) => {
          const to = tiers!.to && optional(tiers!.to, scope, problems);
          return {
            tier: required(tiers!.tier, scope, problems)!,
            from: required(tiers!.from, scope, problems)!,
            ...(to !== undefined ? { to } : {}),
            unitPrice: required(tiers!.unitPrice, scope, problems)!,
            usage: required(tiers!.usage, scope, problems)!,
            amountFen: required(tiers!.amount, scope, problems)!,
          };
        }),
        amountFen: required(currentBill.amount, billScope, problems),
        dueDate: required(currentBill.dueDate, billScope, problems),
      };
    }

    const months: MonthlyUsage[] = history
      ? (itemsOf(history.items, `${base}/history/items`, root, problems) ?? []).map((scope) => ({
          period: required(history.period, scope, problems)!,
          usage: required(history.usage, scope, problems)!,
          amountFen: required(history.amount, scope, problems)!,
        }))
      : [];
    // Each value above is there unless a problem was added for it.
    if (problems.list.length > 0) return undefined;
    return {
      holderName: holder!,
      address: where!,
      status: state!,
      amountDueFen: owed!,
      ...(shownBill ? { currentBill: shownBill as CurrentBill } : {}),
      history: months.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
    };
  };
}

type Where = { many: boolean; item: boolean };

const moneyField = (field: MoneyField, pointer: string, issues: ErrorDetail[], where: Where): Field<number> => ({
  pointer,
  path: pathOf(field.path, `${pointer}/path`, issues, where),
  convert: (value) => fenOf(value, field.unit),
});
const unitPriceField = (field: MoneyField, pointer: string, issues: ErrorDetail[], where: Where): Field<string> => ({
  pointer,
  path: pathOf(field.path, `${pointer}/path`, issues, where),
  convert: (value) => unitPriceOf(value, field.unit),
});
const usageField = (field: UsageField, pointer: string, issues: ErrorDetail[], where: Where): Field<number> => ({
  pointer,
  path: pathOf(field.path, `${pointer}/path`, issues, where),
  convert: (value) => usageOf(value, field.factor ?? 1),
});
const dateField = (field: DateField, pointer: string, issues: ErrorDetail[], where: Where): Field<string> => ({
  pointer,
  path: pathOf(field.path, `${pointer}/path`, issues, where),
  convert: (value) => dateOf(value, field.format),
});
const periodField = (field: PeriodField, pointer: string, issues: ErrorDetail[], where: Where): Field<string> => ({
  pointer,
  path: pathOf(field.path, `${pointer}/path`, issues, where),
  convert: (value) => periodOf(value, field.format),
});
function statusField(
  field: StatusField,
  pointer: string,
  issues: ErrorDetail[],
  where: Where,
): Field<ProviderAccount['status']> {
  const known = Object.keys(field.map).join(', ');
  return {
    pointer,
    path: pathOf(field.path, `${pointer}/path`, issues, where),
    convert: (value) => {
      if (typeof value !== 'string' && typeof value !== 'number') return { problem: 'is not a status code' };
      const key = String(value);
      return Object.hasOwn(field.map, key)
        ? { value: field.map[key]! }
        : { problem: `is not one of the mapped status values (${known})` };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Values (each problem says what was expected, never what was found)

const MAX_TEXT = 500;

function textOf(value: unknown): Converted<string> {
  if (typeof value !== 'string') return { problem: 'is not text' };
  if (value.length > MAX_TEXT) return { problem: `is longer than ${MAX_TEXT} characters` };
  return { value };
}

/** An account number: text, or a whole number (JSON numbers are common for them), 6 to 20 letters and digits. */
function accountNumberOf(value: unknown): Converted<string> {
  const text = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !/^[0-9A-Za-z]{6,20}$/.test(text))
    return { problem: 'is not an account number (6 to 20 letters and digits)' };
  return { value: text };
}

function receiptNumberOf(value: unknown): Converted<string> {
  const text = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(text))
    return { problem: 'is not a receipt number (1 to 64 printable ASCII characters)' };
  return { value: text };
}

function tierOf(value: unknown): Converted<number> {
  const number = typeof value === 'string' && /^\d$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 9)
    return { problem: 'is not a price step number (1 to 9)' };
  return { value: number };
}

/** value × 10^-scale, exactly. */
interface Decimal {
  negative: boolean;
  digits: bigint;
  scale: number;
}

/** A number or a numeric string ("128.50", "-3", " 7 ") as an exact decimal; undefined if it is neither. */
function decimalOf(value: unknown): Decimal | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (!/^[+-]?\d{1,20}(\.\d{1,20})?$/.test(text)) return undefined;
  } else {
    return undefined;
  }
  const match = /^([+-]?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  if (Math.abs(Number(exponent)) > 40) return undefined;
  return { negative: sign === '-', digits: BigInt(whole! + fraction), scale: fraction.length - Number(exponent) };
}

const TEN = 10n;

/** The decimal as a whole number if it is one. */
function wholeOf({ negative, digits, scale }: Decimal): bigint | undefined {
  let whole: bigint;
  if (scale <= 0) whole = digits * TEN ** BigInt(-scale);
  else {
    const divisor = TEN ** BigInt(scale);
    if (digits % divisor !== 0n) return undefined;
    whole = digits / divisor;
  }
  return negative ? -whole : whole;
}

const UNIT_PLACES: Record<MoneyUnit, number> = { fen: 0, jiao: 1, yuan: 2 };
const MAX_FEN = 10_000_000_000n;

/** An amount in `unit` as whole fen; finer than a fen is refused, not rounded. */
export function fenOf(value: unknown, unit: MoneyUnit): Converted<number> {
  const decimal = decimalOf(value);
  if (!decimal) return { problem: `is not an amount in ${unit} (a number or a numeric string)` };
  const fen = wholeOf({ ...decimal, scale: decimal.scale - UNIT_PLACES[unit] });
  if (fen === undefined) return { problem: `is not a whole number of fen (an amount in ${unit})` };
  if (fen > MAX_FEN || fen < -MAX_FEN) return { problem: 'is beyond 100,000,000 yuan' };
  return { value: Number(fen) };
}

/** A unit price in `unit` as yuan text with 2 to 4 decimals, e.g. "3.45", "0.4883". */
export function unitPriceOf(value: unknown, unit: MoneyUnit): Converted<string> {
  const decimal = decimalOf(value);
  if (!decimal || decimal.negative) return { problem: `is not a price in ${unit} (a number or a numeric string)` };
  let { digits, scale } = { digits: decimal.digits, scale: decimal.scale + 2 - UNIT_PLACES[unit] };
  while (scale > 2 && digits % TEN === 0n) {
    digits /= TEN;
    scale -= 1;
  }
  if (scale < 2) {
    digits *= TEN ** BigInt(2 - scale);
    scale = 2;
  }
  if (scale > 4) return { problem: 'has more than 4 decimals of a yuan' };
  const text = digits.toString().padStart(scale + 1, '0');
  const yuan = text.slice(0, -scale);
  if (yuan.length > 4) return { problem: 'is above 9999 yuan' };
  return { value: `${yuan}.${text.slice(-scale)}` };
}

/** Usage × factor, computed exactly and rounded once to the nearest double. */
export function usageOf(value: unknown, factor: number): Converted<number> {
  const decimal = decimalOf(value);
  const by = decimalOf(factor);
  if (!decimal || !by) return { problem: 'is not a usage (a number or a numeric string)' };
  if (decimal.negative && decimal.digits !== 0n) return { problem: 'is a negative usage' };
  const usage = Number(`${decimal.digits * by.digits}e${-(decimal.scale + by.scale)}`);
  if (!(usage <= 1e9)) return { problem: 'is beyond 1,000,000,000 units' };
  return { value: usage };
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** A calendar date in the reply's format as YYYY-MM-DD; epoch milliseconds count in Beijing time. */
export function dateOf(value: unknown, format: ReplyDateFormat): Converted<string> {
  const problem = { problem: `is not a date (${format})` };
  if (format === 'epoch-ms') {
    const ms = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) return problem;
    return { value: new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10) };
  }
  const text =
    format === 'YYYYMMDD' && typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string') return problem;
  const pattern = {
    YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/,
    'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/,
    'YYYY/MM/DD': /^(\d{4})\/(\d{2})\/(\d{2})$/,
  }[format];
  const match = pattern.exec(text.trim());
  if (!match) return problem;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  )
    return problem;
  return { value: `${year}-${month}-${day}` };
}

/** A billing month in the reply's format as YYYY-MM. */
export function periodOf(value: unknown, format: ReplyPeriodFormat): Converted<string> {
  const text = format === 'YYYYMM' && typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  const match =
    typeof text === 'string'
      ? (format === 'YYYYMM' ? /^(\d{4})(0[1-9]|1[0-2])$/ : /^(\d{4})-(0[1-9]|1[0-2])$/).exec(text.trim())
      : null;
  if (!match) return { problem: `is not a billing month (${format})` };
  return { value: `${match[1]}-${match[2]}` };
}
