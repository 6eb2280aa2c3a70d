/**
 * REDCap's `filterLogic` for the common expression forms: `[field]`, `[event][field]`,
 * `[checkbox(code)]`, string and number literals, `= <> != < <= > >=`, `and`, `or`, `not`,
 * parentheses. Comparisons are numeric when both sides are numbers, else textual. A malformed
 * expression disables filtering, as REDCap 15.7.6 does when its parser fails (protocol notes §2.1).
 */

type Token =
  | { t: 'ref'; event: string | null; field: string; code: string | null }
  | { t: 'lit'; value: string }
  | { t: 'op'; value: string }
  | { t: 'word'; value: 'and' | 'or' | 'not' }
  | { t: 'paren'; value: '(' | ')' }

type Node =
  | { k: 'value'; token: Extract<Token, { t: 'ref' } | { t: 'lit' }> }
  | { k: 'cmp'; op: string; left: Node; right: Node }
  | { k: 'bool'; op: 'and' | 'or'; left: Node; right: Node }
  | { k: 'not'; node: Node }

/** Looks a value up: (event unique name or null for the row's own event, field, checkbox code). */
export type Lookup = (event: string | null, field: string, code: string | null) => string

const TOKEN =
  /\s*(?:(\[[^\]]+\](?:\[[^\]]+\])?)|'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)|(<>|!=|<=|>=|=|<|>)|(\(|\))|([A-Za-z]+))/y

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break
    const m = TOKEN.exec(text)
    if (!m) return null
    const [, ref, single, double, num, op, paren, word] = m
    if (ref !== undefined) {
      const parts = [...ref.matchAll(/\[([^\]]+)\]/g)].map((x) => x[1] ?? '')
      const last = parts[parts.length - 1] ?? ''
      const code = /^(.+)\((.+)\)$/.exec(last)
      tokens.push({
        t: 'ref',
        event: parts.length === 2 ? (parts[0] ?? null) : null,
        field: code?.[1] ?? last,
        code: code?.[2] ?? null,
      })
    } else if (single !== undefined || double !== undefined)
      tokens.push({ t: 'lit', value: single ?? double ?? '' })
    else if (num !== undefined) tokens.push({ t: 'lit', value: num })
    else if (op !== undefined) tokens.push({ t: 'op', value: op })
    else if (paren !== undefined) tokens.push({ t: 'paren', value: paren as '(' | ')' })
    else {
      const w = (word ?? '').toLowerCase()
      if (w !== 'and' && w !== 'or' && w !== 'not') return null
      tokens.push({ t: 'word', value: w })
    }
  }
  return tokens
}

class Parser {
  #at = 0
  constructor(private readonly tokens: Token[]) {}

  parse(): Node | null {
    const node = this.#or()
    return node && this.#at === this.tokens.length ? node : null
  }

  #peek(): Token | undefined {
    return this.tokens[this.#at]
  }

  #or(): Node | null {
    let left = this.#and()
    while (left && this.#isWord('or')) {
      this.#at++
      const right = this.#and()
      if (!right) return null
      left = { k: 'bool', op: 'or', left, right }
    }
    return left
  }

  #and(): Node | null {
    let left = this.#unary()
    while (left && this.#isWord('and')) {
      this.#at++
      const right = this.#unary()
      if (!right) return null
      left = { k: 'bool', op: 'and', left, right }
    }
    return left
  }

  #unary(): Node | null {
    if (this.#isWord('not')) {
      this.#at++
      const node = this.#unary()
      return node && { k: 'not', node }
    }
    return this.#comparison()
  }

  #comparison(): Node | null {
    const left = this.#primary()
    const op = this.#peek()
    if (!left || op?.t !== 'op') return left
    this.#at++
    const right = this.#primary()
    return right && { k: 'cmp', op: op.value, left, right }
  }

  #primary(): Node | null {
    const token = this.#peek()
    if (!token) return null
    this.#at++
    if (token.t === 'paren' && token.value === '(') {
      const inner = this.#or()
      if (this.#peek()?.t !== 'paren') return null
      this.#at++
      return inner
    }
    if (token.t === 'ref' || token.t === 'lit') return { k: 'value', token }
    return null
  }

  #isWord(value: string): boolean {
    const token = this.#peek()
    return token?.t === 'word' && token.value === value
  }
}

export type Filter = (lookup: Lookup) => boolean

/** A filter for the expression, or null when it cannot be parsed (filtering is then off). */
export function compileFilter(text: string): Filter | null {
  const tokens = tokenize(text)
  const node = tokens && tokens.length > 0 ? new Parser(tokens).parse() : null
  return node && ((lookup) => truthy(evaluate(node, lookup)))
}

function evaluate(node: Node, lookup: Lookup): string | boolean {
  switch (node.k) {
    case 'value':
      return node.token.t === 'lit'
        ? node.token.value
        : lookup(node.token.event, node.token.field, node.token.code)
    case 'not':
      return !truthy(evaluate(node.node, lookup))
    case 'bool': {
      const left = truthy(evaluate(node.left, lookup))
      return node.op === 'and'
        ? left && truthy(evaluate(node.right, lookup))
        : left || truthy(evaluate(node.right, lookup))
    }
    case 'cmp':
      return compare(
        node.op,
        String(evaluate(node.left, lookup)),
        String(evaluate(node.right, lookup)),
      )
  }
}

function truthy(value: string | boolean): boolean {
  return typeof value === 'boolean' ? value : value !== '' && value !== '0'
}

function compare(op: string, a: string, b: string): boolean {
  const numeric = a !== '' && b !== '' && !Number.isNaN(Number(a)) && !Number.isNaN(Number(b))
  const order = numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0
  switch (op) {
    case '=':
      return order === 0
    case '<>':
    case '!=':
      return order !== 0
    case '<':
      return a !== '' && b !== '' && order < 0
    case '<=':
      return a !== '' && b !== '' && order <= 0
    case '>':
      return a !== '' && b !== '' && order > 0
    default:
      return a !== '' && b !== '' && order >= 0
  }
}
