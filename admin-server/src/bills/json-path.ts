/**
 * The path expressions a bill provider configuration uses to find fields in a utility's JSON reply:
 * a small subset of JSONPath, parsed once when the configuration is read.
 *
 *   $              the whole reply
 *   @              the item being read: an element of a list, or the current bill
 *   .name          a member; the name is letters (Chinese too), digits, _ and -, not first a digit
 *   ['any name']   a member by any name (double quotes too; \' \" \\ escape)
 *   [3]            an element of a list, counted from 0
 *   [*]            every element of a list: the expression then selects a list of values
 *
 * Selection is strict, so that a mistake in a reply or in the configuration shows instead of
 * reading as "nothing": every step must be there and of the right kind. A step into JSON null finds
 * nothing (missing), except [*], for which a null list has no elements; a value that is itself null
 * is selected as null. A failure says where, as an expression with the real list positions (never
 * the values found).
 */

export type PathStep = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'each' };

export interface JsonPath {
  /** The expression as written. */
  readonly text: string;
  readonly root: '$' | '@';
  readonly steps: readonly PathStep[];
  /** It has a [*]: it selects a list of values. */
  readonly many: boolean;
}

/** An expression that is not in the subset; the message names it and says why. */
export class JsonPathError extends Error {
  readonly expression: string;
  readonly reason: string;

  constructor(expression: string, reason: string) {
    super(`"${expression.slice(0, 200)}" is not a valid path expression: ${reason}`);
    this.name = 'JsonPathError';
    this.expression = expression;
    this.reason = reason;
  }
}

export const JSON_PATH_MAX_LENGTH = 200;
const MAX_STEPS = 32;
const MAX_INDEX = 99_999;
const NAME = /^[\p{L}_][\p{L}\p{N}_-]*/u;

export function parseJsonPath(text: string): JsonPath {
  const fail = (reason: string): never => {
    throw new JsonPathError(text, reason);
  };
  if (text.length === 0) fail('it is empty');
  if (text.length > JSON_PATH_MAX_LENGTH) fail(`it is longer than ${JSON_PATH_MAX_LENGTH} characters`);
  const root = text[0];
  if (root !== '$' && root !== '@') fail('it must start with $ (the reply) or @ (the item being read)');
  const steps: PathStep[] = [];
  let at = 1;
  while (at < text.length) {
    const where = `at character ${at + 1}`;
    if (text[at] === '.') {
      const name = NAME.exec(text.slice(at + 1))?.[0];
      if (!name) fail(`a name must follow "." ${where} (write ['...'] for other names)`);
      steps.push({ kind: 'key', key: name! });
      at += 1 + name!.length;
    } else if (text[at] === '[') {
      const close = readBracket(text, at + 1, fail);
      steps.push(close.step);
      at = close.next;
    } else {
      fail(`expected "." or "[" ${where}`);
    }
    if (steps.length > MAX_STEPS) fail(`it has more than ${MAX_STEPS} steps`);
  }
  return { text, root: root as '$' | '@', steps, many: steps.some((step) => step.kind === 'each') };
}

/** What is inside [...] starting at `from` (just after the "["), and where the expression goes on. */
function readBracket(text: string, from: number, fail: (reason: string) => never): { step: PathStep; next: number } {
  const where = `at character ${from}`;
  const quote = text[from];
  if (quote === "'" || quote === '"') {
    let key = '';
    let at = from + 1;
    for (;;) {
      const char = text[at];
      if (char === undefined) fail(`the name started ${where} is not closed`);
      if (char === '\\') {
        const escaped = text[at + 1];
        if (escaped !== quote && escaped !== '\\') fail(`only \\${quote} and \\\\ may be escaped in a name ${where}`);
        key += escaped;
        at += 2;
      } else if (char === quote) {
        break;
      } else {
        key += char;
        at += 1;
      }
    }
    if (text[at + 1] !== ']') fail(`expected "]" after the name started ${where}`);
    if (key === '') fail(`the name ${where} is empty`);
    return { step: { kind: 'key', key }, next: at + 2 };
  }
  const close = text.indexOf(']', from);
  if (close < 0) fail(`the "[" ${where} is not closed`);
  const inside = text.slice(from, close);
  if (inside === '*') return { step: { kind: 'each' }, next: close + 1 };
  if (!/^(0|[1-9]\d{0,4})$/.test(inside) || Number(inside) > MAX_INDEX)
    fail(`expected a position (0 to ${MAX_INDEX}), * or a quoted name inside [] ${where}`);
  return { step: { kind: 'index', index: Number(inside) }, next: close + 1 };
}

/** How a path was written, step by step (a member by its shortest form). */
export function formatJsonPath(root: '$' | '@', steps: readonly PathStep[]): string {
  return (
    root +
    steps
      .map((step) => {
        if (step.kind === 'each') return '[*]';
        if (step.kind === 'index') return `[${step.index}]`;
        return NAME.exec(step.key)?.[0] === step.key
          ? `.${step.key}`
          : `['${step.key.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
      })
      .join('')
  );
}

export type SelectionProblem = 'missing' | 'not an object' | 'not a list';

/**
 * Expressions in a selection have the real list positions in place of [*]. Found: each value with
 * the expression that reaches it. Not found: `at` is what is missing, or what is not an object
 * (a member was asked of it) or not a list (an element was asked of it).
 */
export type Selection =
  { found: true; values: unknown[]; at: string[] } | { found: false; at: string; problem: SelectionProblem };

/**
 * What a path selects: one value (which may be JSON null) for a path without [*], the values of
 * every element otherwise. `current` is what "@" means; a path starting with "@" needs it.
 */
export function selectJsonPath(path: JsonPath, scope: { root: unknown; current?: unknown }): Selection {
  if (path.root === '@' && !('current' in scope)) throw new Error(`${path.text}: "@" is used where no item is read`);
  const start = path.root === '$' ? scope.root : scope.current;
  const values: unknown[] = [];
  const at: string[] = [];
  const walk = (value: unknown, index: number, trail: PathStep[]): Selection | undefined => {
    if (index === path.steps.length) {
      values.push(value);
      at.push(formatJsonPath(path.root, trail));
      return undefined;
    }
    const step = path.steps[index]!;
    // Missing: the step's own expression; the wrong kind: the expression of what it was taken from.
    const failAt = (problem: SelectionProblem): Selection => ({
      found: false,
      at: formatJsonPath(path.root, problem === 'missing' ? [...trail, step] : trail),
      problem,
    });
    if (step.kind === 'each') {
      if (value === null) return undefined;
      if (!Array.isArray(value)) return failAt('not a list');
      for (let i = 0; i < value.length; i++) {
        const failed = walk(value[i], index + 1, [...trail, { kind: 'index', index: i }]);
        if (failed) return failed;
      }
      return undefined;
    }
    // A step into null: what it names is missing.
    if (value === null) return failAt('missing');
    if (step.kind === 'index') {
      if (!Array.isArray(value)) return failAt('not a list');
      if (step.index >= value.length) return failAt('missing');
      return walk(value[step.index], index + 1, [...trail, step]);
    }
    if (typeof value !== 'object' || Array.isArray(value)) return failAt('not an object');
    if (!Object.hasOwn(value, step.key)) return failAt('missing');
    return walk((value as Record<string, unknown>)[step.key], index + 1, [...trail, step]);
  };
  const failed = walk(start, 0, []);
  return failed ?? { found: true, values, at };
}
