// The package's JSON read as `bodycam verify export` reads it (System.Text.Json with every property required, named
// exactly, none unknown, none twice): a property given twice would let two readers see two different values.

/** Parses JSON text, refusing a property given twice and any array named in `bounds` longer than its bound. */
export function parseStrict(text, name, bounds = {}) {
  let at = 0;
  const fail = (why) => { throw new Error(`${name} does not read: ${why} at character ${at}`); };
  const space = () => { while (at < text.length && ' \t\n\r'.includes(text[at])) at++; };
  const expect = (literal) => {
    if (text.startsWith(literal, at)) { at += literal.length; return; }
    fail(`expected ${literal}`);
  };
  const string = () => {
    expect('"');
    let value = '';
    for (;;) {
      const c = text[at++];
      if (c === undefined) fail('a string does not end');
      if (c === '"') return value;
      if (c < ' ') fail('a control character in a string');
      if (c !== '\\') { value += c; continue; }
      const escaped = text[at++];
      const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[escaped];
      if (simple !== undefined) { value += simple; continue; }
      if (escaped !== 'u' || !/^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4))) fail('a bad escape');
      value += String.fromCharCode(parseInt(text.slice(at, at + 4), 16));
      at += 4;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail('expected a value');
    at += match[0].length;
    return { number: Number(match[0]), integer: match[2] === undefined && match[3] === undefined };
  };
  const value = (property) => {
    space();
    const c = text[at];
    if (c === '{') return object();
    if (c === '[') return array(property);
    if (c === '"') return string();
    if (c === 't') { expect('true'); return true; }
    if (c === 'f') { expect('false'); return false; }
    if (c === 'n') { expect('null'); return null; }
    return number();
  };
  const object = () => {
    expect('{');
    const result = new Map();
    space();
    if (text[at] === '}') { at++; return result; }
    for (;;) {
      space();
      const key = string();
      if (result.has(key)) fail(`the property '${key}' is given twice`);
      space();
      expect(':');
      result.set(key, value(key));
      space();
      if (text[at] === ',') { at++; continue; }
      expect('}');
      return result;
    }
  };
  const array = (property) => {
    expect('[');
    const bound = bounds[property];
    const result = [];
    space();
    if (text[at] === ']') { at++; return result; }
    for (;;) {
      if (bound && result.length === bound.max) {
        throw new Error(`${name} lists more than ${bound.max.toLocaleString('en-US')} ${bound.what}, the most a package may hold`);
      }
      result.push(value(null));
      space();
      if (text[at] === ',') { at++; continue; }
      expect(']');
      return result;
    }
  };
  const result = value(null);
  space();
  if (at !== text.length) fail('text follows the value');
  return result;
}

const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$/;

/** Each kind of value the format writes, checked and turned into what the checks compare. */
const kinds = {
  string: (v) => (typeof v === 'string' ? v : undefined),
  integer: (v) => (v?.integer && Number.isSafeInteger(v.number) ? v.number : undefined),
  number: (v) => (typeof v?.number === 'number' ? v.number : undefined),
  guid: (v) => (typeof v === 'string' && guid.test(v) ? v.toLowerCase() : undefined),
  time: (v) => (typeof v === 'string' && time.test(v) ? v : undefined),
  bytes: (v) => (typeof v === 'string' ? base64Bytes(v) : undefined),
};

/**
 * Checks `json` against `shape` (property → kind, kind + '?' for nullable, [shape] for a list, a nested shape for an
 * object) and returns it as a plain object. Properties marked optional (a leading '~' on the kind) may be left out.
 */
export function read(json, shape, where) {
  if (!(json instanceof Map)) throw new Error(`${where} is not an object`);
  for (const key of json.keys()) {
    if (!(key in shape)) throw new Error(`${where} has the property '${key}', which its format does not define`);
  }
  const result = {};
  for (const [key, kind] of Object.entries(shape)) {
    const optional = typeof kind === 'string' && kind.startsWith('~');
    if (!json.has(key)) {
      if (optional) { result[key] = null; continue; }
      throw new Error(`${where} lacks the property '${key}'`);
    }
    result[key] = readValue(json.get(key), optional ? kind.slice(1) : kind, `${where}.${key}`);
  }
  return result;
}

function readValue(value, kind, where) {
  if (Array.isArray(kind)) {
    if (!Array.isArray(value)) throw new Error(`${where} is not a list`);
    return value.map((item, i) => readValue(item, kind[0], `${where}[${i}]`));
  }
  if (typeof kind === 'object') return read(value, kind, where);
  const nullable = kind.endsWith('?');
  if (value === null) {
    if (nullable) return null;
    throw new Error(`${where} is null`);
  }
  const checked = kinds[nullable ? kind.slice(0, -1) : kind](value);
  if (checked === undefined) throw new Error(`${where} is not a ${kind.replace('?', '')}`);
  return checked;
}

/** Standard base64 in its one canonical spelling, or undefined. */
export function base64Bytes(text) {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const binary = atob(text);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return btoa(binary) === text ? bytes : undefined;
}
