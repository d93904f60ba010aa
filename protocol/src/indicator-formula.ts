/**
 * A derived indicator's formula (pure): numbers, indicator ids, + − × ÷ and brackets, read by a
 * small recursive-descent parser (never evaluated as code), checked for unknown ids and cycles, and
 * computed from a node's figures (null when an operand is unknown or a divisor is nought).
 */

export type Formula =
  | { type: 'number'; value: number }
  | { type: 'ref'; id: string }
  | { type: 'op'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula }
  | { type: 'neg'; operand: Formula };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9-]*[a-z0-9]|[a-z])|([-+*/()×÷]))/y;

/** The formula read, or what is wrong with it (in words, with the character it stopped at). */
export function parseFormula(text: string): Formula | { problem: string } {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (text.slice(at).trim() === '') break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (!match) return { problem: `unexpected character at ${at + 1}: ${text.slice(at).trim()[0]}` };
    tokens.push(match[1] ?? match[2] ?? match[3]!);
    at = TOKEN.lastIndex;
  }
  let next = 0;
  const peek = () => tokens[next];
  const fail = (what: string): never => {
    throw new Error(what);
  };
  const primary = (): Formula => {
    const token = tokens[next++];
    if (token === undefined) return fail('ends too early');
    if (token === '(') {
      const inner = sum();
      if (tokens[next++] !== ')') fail('a bracket is not closed');
      return inner;
    }
    if (token === '-') return { type: 'neg', operand: primary() };
    if (/^\d/.test(token)) return { type: 'number', value: Number(token) };
    if (/^[a-z]/.test(token)) return { type: 'ref', id: token };
    return fail(`unexpected ${token}`);
  };
  const product = (): Formula => {
    let left = primary();
    while (peek() === '*' || peek() === '/' || peek() === '×' || peek() === '÷') {
      const token = tokens[next++]!;
      left = { type: 'op', op: token === '*' || token === '×' ? '*' : '/', left, right: primary() };
    }
    return left;
  };
  const sum = (): Formula => {
    let left = product();
    while (peek() === '+' || peek() === '-')
      left = { type: 'op', op: tokens[next++] as '+' | '-', left, right: product() };
    return left;
  };
  try {
    if (tokens.length === 0) return { problem: 'is empty' };
    const formula = sum();
    if (next < tokens.length) return { problem: `unexpected ${tokens[next]}` };
    return formula;
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** The indicator ids a formula reads. */
export function formulaRefs(formula: Formula): string[] {
  switch (formula.type) {
    case 'number':
      return [];
    case 'ref':
      return [formula.id];
    case 'neg':
      return formulaRefs(formula.operand);
    case 'op':
      return [...new Set([...formulaRefs(formula.left), ...formulaRefs(formula.right)])];
  }
}

/** The value, or null when an operand is unknown or a divisor nought. */
export function evaluateFormula(formula: Formula, values: (id: string) => number | null): number | null {
  switch (formula.type) {
    case 'number':
      return formula.value;
    case 'ref':
      return values(formula.id);
    case 'neg': {
      const operand = evaluateFormula(formula.operand, values);
      return operand === null ? null : -operand;
    }
    case 'op': {
      const left = evaluateFormula(formula.left, values);
      const right = evaluateFormula(formula.right, values);
      if (left === null || right === null) return null;
      if (formula.op === '/') return right === 0 ? null : left / right;
      return formula.op === '+' ? left + right : formula.op === '-' ? left - right : left * right;
    }
  }
}
