/**
 * A small, strict XML reader for the messages WeChat pushes:
 * `<xml><ToUserName><![CDATA[gh_123]]></ToUserName><CreateTime>1700000000</CreateTime>…</xml>`.
 *
 * The root element's children become the keys of a plain object. A leaf's text (character data and
 * CDATA sections) is kept as a string, never turned into a number: a 64-bit `MsgId` must stay exact.
 * A nested element becomes an object and a repeated one an array. Attributes are read past and
 * dropped (WeChat sends none).
 *
 * Safe by construction: a DOCTYPE, an entity declaration or any other markup declaration is refused,
 * so nothing can be expanded or fetched; only the five predefined entities and character references
 * are decoded. Nesting depth and the number of elements are bounded; the size is bounded by the
 * body limit before the text reaches here.
 */

export type XmlValue = string | XmlObject | Array<string | XmlObject>;
export interface XmlObject {
  [name: string]: XmlValue;
}

/** Why a document was refused; the message names the problem and where, never the content. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 8, maxElements: 2000 };
const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/y;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a WeChat-style XML message into a plain object of its root element's children. */
export function parseXml(text: string, limits: XmlLimits = DEFAULT_LIMITS): XmlObject {
  let i = 0;
  let elements = 0;
  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, i);
  };

  const skipSpace = () => {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) fail('expected a name');
    i = NAME.lastIndex;
    return m![0];
  };
  const skipComment = () => {
    const end = text.indexOf('-->', i + 4);
    if (end < 0) fail('unterminated comment');
    i = end + 3;
  };
  /** Whitespace and comments between elements, outside the root too. */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<!--', i)) skipComment();
      else return;
    }
  };

  const decodeText = (raw: string, at: number): string => {
    if (!raw.includes('&')) return raw;
    let out = '';
    let k = 0;
    while (k < raw.length) {
      const amp = raw.indexOf('&', k);
      if (amp < 0) {
        out += raw.slice(k);
        break;
      }
      out += raw.slice(k, amp);
      ENTITY.lastIndex = amp;
      const m = ENTITY.exec(raw);
      if (!m) {
        i = at + amp;
        fail('only the predefined entities and character references are allowed');
      }
      if (m![1]) out += NAMED[m![1]];
      else {
        const code = m![2] !== undefined ? Number(m![2]) : parseInt(m![3], 16);
        const valid =
          code === 0x9 ||
          code === 0xa ||
          code === 0xd ||
          (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff));
        if (!valid) {
          i = at + amp;
          fail('invalid character reference');
        }
        out += String.fromCodePoint(code);
      }
      k = ENTITY.lastIndex;
    }
    return out;
  };

  const put = (target: XmlObject, name: string, value: string | XmlObject) => {
    if (!Object.hasOwn(target, name)) {
      // defineProperty: a `__proto__` element is an ordinary key, never the prototype.
      Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const existing = target[name];
    if (Array.isArray(existing)) existing.push(value);
    else target[name] = [existing, value];
  };

  const readElement = (depth: number): { name: string; value: string | XmlObject } => {
    if (depth > limits.maxDepth) fail('elements nested too deeply');
    if (++elements > limits.maxElements) fail('too many elements');
    i += 1; // '<'
    const name = readName();
    // Attributes: read past, quoted values included.
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name, value: '' };
      }
      if (text[i] === '>') {
        i += 1;
        break;
      }
      readName();
      skipSpace();
      if (text[i] !== '=') fail('expected = after an attribute name');
      i += 1;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = text.indexOf(quote, i + 1);
      if (end < 0 || text.slice(i + 1, end).includes('<')) fail('unterminated attribute value');
      i = end + 1;
    }

    let chars = '';
    let children: XmlObject | undefined;
    for (;;) {
      if (i >= text.length) fail(`element <${name}> is not closed`);
      if (text.startsWith('</', i)) {
        i += 2;
        if (readName() !== name) fail(`expected </${name}>`);
        skipSpace();
        if (text[i] !== '>') fail('expected >');
        i += 1;
        break;
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        if (end < 0) fail('unterminated CDATA section');
        chars += text.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (text.startsWith('<!--', i)) {
        skipComment();
        continue;
      }
      if (text.startsWith('<!', i) || text.startsWith('<?', i))
        fail('declarations and processing instructions are not allowed');
      if (text[i] === '<') {
        const child = readElement(depth + 1);
        children ??= {};
        put(children, child.name, child.value);
        continue;
      }
      const end = text.indexOf('<', i);
      if (end < 0) fail(`element <${name}> is not closed`);
      chars += decodeText(text.slice(i, end), i);
      i = end;
    }
    if (children) {
      if (chars.trim() !== '') fail(`element <${name}> mixes text and elements`);
      return { name, value: children };
    }
    return { name, value: chars };
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1;
  skipSpace();
  if (text.startsWith('<?xml', i) && /[\s?]/.test(text[i + 5] ?? '')) {
    const end = text.indexOf('?>', i);
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  skipMisc();
  if (text.startsWith('<!', i) || text.startsWith('<?', i))
    fail('declarations and processing instructions are not allowed');
  if (text[i] !== '<') fail('expected the root element');
  const root = readElement(0);
  skipMisc();
  if (i !== text.length) fail('content after the root element');
  if (typeof root.value === 'string') {
    if (root.value.trim() !== '') fail('the root element holds text, not fields');
    return {};
  }
  return root.value;
}
