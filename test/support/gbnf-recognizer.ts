// A small GBNF reader for tests: parses the llama.cpp grammar format (rules, alternatives,
// sequences, "literals", [character classes], groups, ? * +) and answers whether a text is in the
// language, or draws random texts from it. Written for the grammars tool-grammar.ts emits.

type Node =
  | { kind: 'lit'; text: string }
  | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> }
  | { kind: 'ref'; name: string }
  | { kind: 'alt'; options: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

function unescape(src: string, at: number): [number, number] {
  const c = src[at + 1]!;
  const simple: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    '\\': '\\',
    '"': '"',
    ']': ']',
    '[': '[',
    '-': '-',
    '/': '/',
  };
  if (c === 'x') return [parseInt(src.slice(at + 2, at + 4), 16), at + 4];
  if (c === 'u') return [parseInt(src.slice(at + 2, at + 6), 16), at + 6];
  if (c in simple) return [simple[c]!.codePointAt(0)!, at + 2];
  throw new Error(`Unknown escape \\${c}`);
}

export function parseGbnf(source: string): Map<string, Node[][]> {
  const rules = new Map<string, Node[][]>();
  let i = 0;
  const space = (newlines: boolean) => {
    while (i < source.length && (source[i] === ' ' || source[i] === '\t' || (newlines && source[i] === '\n'))) i++;
  };
  const name = () => {
    const m = /^[a-zA-Z0-9-]+/.exec(source.slice(i));
    if (!m) throw new Error(`Expected a rule name at ${i}: ${source.slice(i, i + 20)}`);
    i += m[0].length;
    return m[0];
  };
  const alternatives = (): Node[][] => {
    const options: Node[][] = [sequence()];
    while (source[i] === '|') {
      i++;
      options.push(sequence());
    }
    return options;
  };
  const sequence = (): Node[] => {
    const items: Node[] = [];
    for (;;) {
      space(false);
      const c = source[i];
      let node: Node;
      if (c === undefined || c === '\n' || c === '|' || c === ')') return items;
      if (c === '"') {
        i++;
        let text = '';
        while (source[i] !== '"') {
          if (source[i] === '\\') {
            const [code, next] = unescape(source, i);
            text += String.fromCodePoint(code);
            i = next;
          } else text += source[i++];
        }
        i++;
        node = { kind: 'lit', text };
      } else if (c === '[') {
        i++;
        const negated = source[i] === '^';
        if (negated) i++;
        const ranges: Array<[number, number]> = [];
        while (source[i] !== ']') {
          let [lo, next] = source[i] === '\\' ? unescape(source, i) : [source.codePointAt(i)!, i + 1];
          i = next;
          let hi = lo;
          if (source[i] === '-' && source[i + 1] !== ']') {
            [hi, next] = source[i + 1] === '\\' ? unescape(source, i + 1) : [source.codePointAt(i + 1)!, i + 2];
            i = next;
          }
          ranges.push([lo, hi]);
        }
        i++;
        node = { kind: 'class', negated, ranges };
      } else if (c === '(') {
        i++;
        const options = alternatives();
        if (source[i] !== ')') throw new Error(`Unclosed group at ${i}`);
        i++;
        node = { kind: 'alt', options };
      } else node = { kind: 'ref', name: name() };
      const op = source[i];
      if (op === '?') node = { kind: 'repeat', node, min: 0, max: 1 };
      else if (op === '*') node = { kind: 'repeat', node, min: 0, max: Infinity };
      else if (op === '+') node = { kind: 'repeat', node, min: 1, max: Infinity };
      if (op === '?' || op === '*' || op === '+') i++;
      items.push(node);
    }
  };
  while (i < source.length) {
    space(true);
    if (i >= source.length) break;
    const rule = name();
    space(false);
    if (source.slice(i, i + 3) !== '::=') throw new Error(`Expected ::= after ${rule}`);
    i += 3;
    if (rules.has(rule)) throw new Error(`Rule ${rule} defined twice`);
    rules.set(rule, alternatives());
  }
  for (const [rule, options] of rules) {
    const check = (nodes: Node[]): void =>
      nodes.forEach((n) => {
        if (n.kind === 'ref' && !rules.has(n.name)) throw new Error(`${rule} uses undefined rule ${n.name}`);
        if (n.kind === 'alt') n.options.forEach(check);
        if (n.kind === 'repeat') check([n.node]);
      });
    options.forEach(check);
  }
  return rules;
}

function inClass(node: Extract<Node, { kind: 'class' }>, code: number): boolean {
  const inside = node.ranges.some(([lo, hi]) => code >= lo && code <= hi);
  return node.negated ? !inside : inside;
}

/** Whether `text` is in the language of the grammar's `root` rule. */
export function recognises(grammar: Map<string, Node[][]>, text: string): boolean {
  const chars = [...text];
  const ends = (node: Node, at: number): Set<number> => {
    switch (node.kind) {
      case 'lit': {
        const lit = [...node.text];
        return new Set(lit.every((c, k) => chars[at + k] === c) ? [at + lit.length] : []);
      }
      case 'class':
        return new Set(at < chars.length && inClass(node, chars[at]!.codePointAt(0)!) ? [at + 1] : []);
      case 'ref':
        return seqsEnds(grammar.get(node.name)!, at);
      case 'alt':
        return seqsEnds(node.options, at);
      case 'repeat': {
        const result = new Set<number>(node.min === 0 ? [at] : []);
        let frontier = new Set([at]);
        for (let count = 1; count <= node.max && frontier.size > 0; count++) {
          const next = new Set<number>();
          for (const p of frontier) for (const e of ends(node.node, p)) if (e > p || count <= node.min) next.add(e);
          if (count >= node.min) next.forEach((e) => result.add(e));
          frontier = next;
        }
        return result;
      }
    }
  };
  const seqsEnds = (options: Node[][], at: number): Set<number> => {
    const out = new Set<number>();
    for (const seq of options) {
      let positions = new Set([at]);
      for (const node of seq) {
        const next = new Set<number>();
        for (const p of positions) for (const e of ends(node, p)) next.add(e);
        positions = next;
      }
      positions.forEach((p) => out.add(p));
    }
    return out;
  };
  return ends({ kind: 'ref', name: 'root' }, 0).has(chars.length);
}

/** A random text from the language; repetitions stay short and characters printable. */
export function sample(grammar: Map<string, Node[][]>, random: () => number, start = 'root'): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const gen = (node: Node, depth: number): string => {
    switch (node.kind) {
      case 'lit':
        return node.text;
      case 'class': {
        const pool = 'abcxyz AZ09-_.é灯'.split('').filter((c) => inClass(node, c.codePointAt(0)!));
        if (pool.length > 0) return pick(pool);
        for (let code = 32; code < 0x3000; code++) if (inClass(node, code)) return String.fromCodePoint(code);
        throw new Error('empty class');
      }
      case 'ref':
        return pick(grammar.get(node.name)!)
          .map((n) => gen(n, depth + 1))
          .join('');
      case 'alt':
        return pick(node.options)
          .map((n) => gen(n, depth + 1))
          .join('');
      case 'repeat': {
        const count = node.min + Math.floor(random() * (Math.min(node.max, node.min + 3) - node.min + 1));
        return Array.from({ length: count }, () => gen(node.node, depth + 1)).join('');
      }
    }
  };
  return gen({ kind: 'ref', name: start }, 0);
}
