// Arithmetic without eval (the app's CSP forbids it, and a model's text must never run as code):
// a small recursive-descent parser over + - × ÷ ^, parentheses, unary minus, percentages ("15%",
// "15% of 80") and the Chinese operators 加 减 乘(以) 除以.

export type CalculationResult = { ok: true; value: number } | { ok: false; error: string };

type Token = { kind: 'number'; value: number } | { kind: 'op'; value: string };

// "**" before "*", so a power is not read as two products.
const OPERATOR_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(\^|\*\*)/, '^'],
  [/^(乘以|乘|×|x|\*)/, '*'],
  [/^(除以|÷|\/)/, '/'],
  [/^(加上|加|\+)/, '+'],
  [/^(减去|减|−|-)/, '-'],
  [/^(百分之)/, 'pct-prefix'],
  [/^(%|％)/, '%'],
  [/^(of|的)/, 'of'],
  [/^[(（]/, '('],
  [/^[)）]/, ')'],
];

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let rest = text.trim().toLowerCase();
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const number = /^(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[1]!.replace(/,/g, '')) });
      rest = rest.slice(number[0].length);
      continue;
    }
    const op = OPERATOR_WORDS.find(([re]) => re.test(rest));
    if (!op) return `I can't read "${rest.slice(0, 12)}" in the expression.`;
    const [re, value] = op;
    const matched = re.exec(rest)![0];
    tokens.push({ kind: 'op', value });
    rest = rest.slice(matched.length);
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }
  private takeOp(...ops: string[]): string | null {
    const t = this.peek();
    if (t?.kind === 'op' && ops.includes(t.value)) {
      this.at += 1;
      return t.value;
    }
    return null;
  }

  parse(): number {
    const value = this.sum();
    if (this.at < this.tokens.length) throw new Error('Unexpected text after the expression.');
    return value;
  }

  private sum(): number {
    let value = this.product();
    for (let op = this.takeOp('+', '-'); op; op = this.takeOp('+', '-')) {
      const right = this.product();
      // "200 + 10%" means ten percent of 200, as on a calculator.
      const rightIsPercent = this.tokens[this.at - 1]?.kind === 'op' && this.tokens[this.at - 1]!.value === '%';
      const amount = rightIsPercent ? value * right : right;
      value = op === '+' ? value + amount : value - amount;
    }
    return value;
  }

  private product(): number {
    let value = this.unary();
    for (let op = this.takeOp('*', '/', 'of'); op; op = this.takeOp('*', '/', 'of')) {
      const right = this.unary();
      if (op === '/' && right === 0) throw new Error('Division by zero.');
      value = op === '/' ? value / right : value * right;
    }
    return value;
  }

  // A minus sign binds looser than a power: -2^2 is -4, as in mathematics.
  private unary(): number {
    if (this.takeOp('-')) return -this.unary();
    if (this.takeOp('+')) return this.unary();
    if (this.takeOp('pct-prefix')) return this.power() / 100;
    return this.power();
  }

  private power(): number {
    const base = this.percent();
    if (this.takeOp('^')) return base ** this.unary();
    return base;
  }

  private percent(): number {
    const value = this.atom();
    return this.takeOp('%') ? value / 100 : value;
  }

  private atom(): number {
    const t = this.peek();
    if (t?.kind === 'number') {
      this.at += 1;
      return t.value;
    }
    if (this.takeOp('(')) {
      const value = this.sum();
      if (!this.takeOp(')')) throw new Error('A bracket is not closed.');
      return value;
    }
    throw new Error(t ? 'An operator is missing a number.' : 'The expression ends too early.');
  }
}

/** Rounds away binary noise (0.1 + 0.2) without hiding real precision. */
function tidy(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(12));
}

export function calculate(expression: string): CalculationResult {
  const tokens = tokenize(expression);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: 'The expression is empty.' };
  try {
    const value = new Parser(tokens).parse();
    if (!Number.isFinite(value)) return { ok: false, error: 'The result is too large to show.' };
    return { ok: true, value: tidy(value) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
