// The custody log's verification as BodyCam.Evidence.Verification does it (Ledger/, Notes/): canonical custody entries,
// RFC 9162 inclusion proofs, c2sp.org/signed-note verifier keys and notes, c2sp.org/tlog-checkpoint checkpoints.
import { base64Bytes, parseStrict } from './strict-json.js';

const utf8 = new TextEncoder();

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const equalBytes = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** RFC 9162 §2.1: 0x00 before a leaf, 0x01 before a node, so that a leaf cannot pass as a node. */
export const leafHash = (entry) => sha256(new Uint8Array([0, ...entry]));
const nodeHash = (left, right) => sha256(new Uint8Array([1, ...left, ...right]));

/** RFC 9162 §2.1.3.2. Index and size stay below 2^53, so halving by division is exact. */
export async function verifyInclusion(leaf, index, treeSize, proof, root) {
  if (index < 0 || index >= treeSize || leaf.length !== 32) return false;
  let [fn, sn, result] = [index, treeSize - 1, leaf];
  const odd = (n) => n % 2 === 1;
  const half = (n) => Math.floor(n / 2);
  for (const sibling of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      result = await nodeHash(sibling, result);
      while (!odd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      result = await nodeHash(result, sibling);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && equalBytes(result, root);
}

/** UTC with exactly six fractional digits, truncated as .NET's "ffffff" truncates: yyyy-MM-ddTHH:mm:ss.ffffffZ. */
export function canonicalTime(text) {
  const [, date, clock, fraction = '', zone] = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const utc = new Date(Date.parse(`${date}T${clock}Z`) - offsetMinutes * 60000).toISOString();
  return `${utc.slice(0, 19)}.${fraction.padEnd(6, '0').slice(0, 6)}Z`;
}

/** RFC 8785 string escaping: quote, backslash and control characters only, the short forms where JSON has them. */
function jsonString(value) {
  if (value === null) return 'null';
  const short = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let escaped = '"';
  for (const c of value) {
    escaped += short[c] ?? (c < ' ' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c);
  }
  return `${escaped}"`;
}

/** CustodyEntry.ToCanonicalBytes: the fields in their fixed order, each present, no whitespace. */
const entryFields = ['time', 'actorId', 'actorKind', 'actorRole', 'clientIp', 'action', 'evidenceId', 'contentSha256', 'reason', 'outcome'];

export function canonicalEntry(e) {
  return utf8.encode(`{"sequence":${e.sequence}${entryFields.map((f) => `,"${f}":${jsonString(e[f])}`).join('')}}`);
}

/** LedgerEntryCheck.Problem: null when the entry holds, otherwise what is wrong. */
export async function entryProblem(index, entry, leaf, recorded) {
  if (!equalBytes(await leafHash(entry), leaf)) return 'its leaf hash is not the hash of its entry bytes';
  let decoded;
  try {
    const json = parseStrict(new TextDecoder('utf-8', { fatal: true }).decode(entry), 'the entry');
    decoded = Object.fromEntries(json);
    if (entryFields.some((f) => !(f in decoded) || (decoded[f] !== null && typeof decoded[f] !== 'string'))) throw new Error();
    if (!decoded.sequence?.integer || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(decoded.time)) throw new Error();
    decoded.sequence = decoded.sequence.number;
  } catch {
    return 'its entry bytes are not a custody entry';
  }
  if (decoded.sequence !== index) return `its entry bytes say sequence ${decoded.sequence}`;
  if (!equalBytes(canonicalEntry(decoded), entry)) return 'its entry bytes are not in canonical form';
  if (!equalBytes(canonicalEntry(recorded), entry)) return 'the event as stored now differs from the entry its leaf committed to';
  return null;
}

const isKeyName = (name) => name.length > 0 && !/[\s+\u0000-\u001f\u007f-\u009f]/u.test(name);

/** NoteFormat.TextProblem: why the text cannot be a note text, or null. */
function textProblem(text) {
  if (!text.endsWith('\n')) return 'it does not end in a newline';
  const control = /[\u0000-\u0009\u000b-\u001f]/.exec(text);
  if (control) return `it contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at ${control.index}`;
  if (!text.isWellFormed()) return 'it contains an unpaired surrogate, which has no UTF-8 form';
  return null;
}

/** NoteVerifierKey.Parse: name+hex(keyID)+base64(0x01 ‖ Ed25519 public key), the key ID that of the name and key. */
export async function parseVerifierKey(text) {
  const invalid = (why) => new Error(`this is not a signed-note Ed25519 verifier key: ${why}`);
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = trimmed.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw invalid('it is not name+keyID+key');
  const [name, keyIdHex, encoded] = [trimmed.slice(0, first), trimmed.slice(first + 1, second), trimmed.slice(second + 1)];
  if (!isKeyName(name)) throw invalid(`the key name '${name}' is empty or contains a space`);
  if (!/^[0-9a-f]{8}$/.test(keyIdHex)) throw invalid(`the key ID '${keyIdHex}' is not 8 lowercase hex digits`);
  const material = base64Bytes(encoded);
  if (!material) throw invalid('the key is not base64');
  if (material.length === 0 || material[0] !== 1) throw invalid('its signature type is not Ed25519 (0x01)');
  if (material.length !== 33) throw invalid(`an Ed25519 public key is 32 bytes, not ${material.length - 1}`);
  const keyId = (await sha256(new Uint8Array([...utf8.encode(name), 0x0a, ...material]))).slice(0, 4);
  if (hex(keyId) !== keyIdHex) throw invalid(`the key ID ${keyIdHex} does not match the name and key, whose ID is ${hex(keyId)}`);
  let publicKey;
  try {
    publicKey = await crypto.subtle.importKey('raw', material.slice(1), { name: 'Ed25519' }, false, ['verify']);
  } catch {
    throw invalid('the key is not an Ed25519 curve point');
  }
  return { name, keyId, publicKey, text: trimmed };
}

/** SignedNote.Parse: the text, a blank line, and signature lines "— name base64(keyID ‖ signature)". */
function parseSignedNote(note) {
  const invalid = (why) => new Error(`the checkpoint is not a signed note: ${why}`);
  const problem = textProblem(note);
  if (problem) throw invalid(problem);
  const separator = note.lastIndexOf('\n\n');
  if (separator < 0) throw invalid('there is no blank line between the text and the signatures');
  const block = note.slice(separator + 2);
  if (block.length === 0) throw invalid('no signature lines follow the last blank line');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > 100) throw invalid(`it has ${lines.length} signatures, more than the 100 accepted`);
  const signatures = lines.map((line) => {
    if (!line.startsWith('\u2014 ')) throw invalid(`the line '${line}' after the last blank line is not a signature line`);
    const rest = line.slice(2);
    const space = rest.indexOf(' ');
    if (space < 0) throw invalid(`the signature line '${line}' has no space between key name and signature`);
    const name = rest.slice(0, space);
    if (!isKeyName(name)) throw invalid(`the signature line '${line}' has an empty key name or one with a '+'`);
    const bytes = base64Bytes(rest.slice(space + 1));
    if (!bytes) throw invalid(`the signature by ${name} is not base64`);
    if (bytes.length <= 4) throw invalid(`the signature by ${name} is too short for a key ID and a signature`);
    return { name, keyId: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  return { text: note.slice(0, separator + 1), signatures };
}

/**
 * Checkpoint.Verify and the origin rule of `bodycam verify`: every signature by the key (name and key ID) must verify,
 * and there must be one; the text must be a checkpoint of the key's log.
 */
export async function verifyCheckpoint(signedNote, key) {
  const note = parseSignedNote(signedNote);
  const byKey = note.signatures.filter((s) => s.name === key.name && equalBytes(s.keyId, key.keyId));
  if (byKey.length === 0) throw new Error(`The checkpoint carries no signature by ${key.name} with key ID ${hex(key.keyId)}.`);
  const message = utf8.encode(note.text);
  for (const { signature } of byKey) {
    if (!(await crypto.subtle.verify('Ed25519', key.publicKey, signature, message))) {
      throw new Error(`The checkpoint's signature by ${key.name} does not verify: the text or the signature has changed.`);
    }
  }
  const lines = note.text.slice(0, -1).split('\n');
  const invalid = (why) => new Error(`Not a checkpoint: ${why}.`);
  if (lines.length < 3) throw invalid('it has fewer than the three lines origin, tree size and root hash');
  if (lines[0].length === 0) throw invalid('the origin is empty');
  if (!/^(0|[1-9]\d*)$/.test(lines[1]) || !Number.isSafeInteger(Number(lines[1]))) throw invalid(`the tree size '${lines[1]}' is not a decimal number`);
  const rootHash = base64Bytes(lines[2]);
  if (rootHash?.length !== 32) throw invalid(`the root hash '${lines[2]}' is not the base64 of 32 bytes`);
  if (lines.slice(3).some((line) => line.length === 0)) throw invalid('an extension line is empty');
  if (lines[0] !== key.name) throw new Error(`the checkpoint is of the log '${lines[0]}', not of '${key.name}'`);
  return { origin: lines[0], treeSize: Number(lines[1]), rootHash };
}
