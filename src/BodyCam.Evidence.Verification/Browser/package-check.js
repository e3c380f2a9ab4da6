// The checks of `bodycam verify export` (Cli/Verify/ExportPackageCheck.cs), in its order, each reported by name: the
// first that fails is the failure, and the checks after it are not run.
import { parseStrict, read } from './strict-json.js';
import { canonicalTime, entryProblem, equalBytes, hex, parseVerifierKey, sha256, verifyCheckpoint, verifyInclusion } from './ledger.js';
import { Clip, Custody, Manifest, Proofs, Readme, VerifyPage, openPackage, readEntry, sha256OfEntry } from './package-entries.js';
import { readmeText } from './readme.js';

export const Format = 'BodyCam.Evidence export package v3';

/** Each check's id (for the page and its tests) and what it holds, in the words the page shows. */
export const Checks = [
  ['files', 'The package holds clip.mp4, manifest.json, custody.json, proofs.json, README.txt and verify.html, each once and nothing else, each within its bound and as its zip header declares'],
  ['format', `manifest.json, custody.json and proofs.json read as the format "${Format}" defines them`],
  ['signature', 'The checkpoint in proofs.json carries a valid Ed25519 signature by the log key above'],
  ['events', "Each custody event's leaf hash is the hash of its bytes, and its inclusion proof leads to the checkpoint's root"],
  ['manifest', "The manifest is bound to the ledger: a ClipCut custody event the checkpoint covers commits to its SHA-256 and the clip's"],
  ['claims', 'The requester, purpose, approvers and their reasons in the manifest are those of the request\'s custody events'],
  ['source', "The original recording's SHA-256 in the manifest is the one the ledger recorded when it was received and verified"],
  ['clip', 'clip.mp4 has the size and SHA-256 the manifest states'],
  ['readme', 'README.txt is the text the manifest gives'],
  ['page', 'verify.html is the page the manifest records'],
];

const range = { startSeconds: 'number', endSeconds: 'number' };
const ManifestShape = {
  format: 'string', exportId: 'guid', requestId: 'guid', sourceEvidenceId: 'guid', sourceSha256: 'string', sourceBytes: 'integer',
  clipFile: 'string', clipSha256: 'string', clipBytes: 'integer', requestedRange: range, bookmarkId: 'guid?', actualRange: range,
  method: 'string',
  redactions: [{ kind: 'string', startSeconds: 'number', endSeconds: 'number', x: '~integer?', y: '~integer?', width: '~integer?', height: '~integer?' }],
  watermark: 'string?', ffmpegVersion: 'string', ffmpegArguments: ['string'], requestedBy: 'string', requestedAt: 'time', purpose: 'string',
  approvals: [{ approvedBy: 'string', approvedAt: 'time', reason: 'string' }], createdAt: 'time', verifyPageSha256: 'string',
};
const CustodyShape = {
  evidenceId: 'guid',
  events: [{
    index: 'integer', time: 'time', actorId: 'string', actorKind: 'string', actorRole: 'string?', clientIp: 'string?', action: 'string',
    contentSha256: 'string?', reason: 'string?', outcome: 'string', entry: 'bytes', leafHash: 'bytes',
  }],
};
const ProofsShape = { checkpoint: 'string', treeSize: 'integer', proofs: [{ index: 'integer', hashes: ['bytes'] }] };

class CheckFailed extends Error {}

const text = (bytes, name) => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CheckFailed(`${name} is not UTF-8 text`);
  }
};

/**
 * Runs every check on the package `file` with the verifier key `keyText`, telling `report(id, outcome, detail)` as each
 * starts ('checking'), passes or fails, and `progress(done, total)` as the clip is hashed. Resolves to true when all pass.
 */
export async function verifyPackage(file, keyText, report, progress) {
  let current;
  const check = async (id, run) => {
    current = id;
    report(id, 'checking', '');
    const detail = await run();
    report(id, 'pass', detail);
  };
  try {
    let entries;
    const bytes = {};
    await check('files', async () => {
      entries = await openPackage(file);
      for (const name of [Manifest, Custody, Proofs, Readme, VerifyPage]) bytes[name] = await readEntry(entries, name);
      return `${entries.size} files, ${file.size.toLocaleString('en-US')} bytes`;
    });

    let manifest, custody, proofs;
    await check('format', async () => {
      const manifestJson = parseStrict(text(bytes[Manifest], Manifest), Manifest);
      const format = manifestJson instanceof Map ? manifestJson.get('format') : undefined;
      if (format !== Format) throw new CheckFailed(`${Manifest} says the package is a '${format}'; this page checks a '${Format}'`);
      manifest = read(manifestJson, ManifestShape, Manifest);
      custody = read(parseStrict(text(bytes[Custody], Custody), Custody, { events: { max: 100000, what: 'events' } }), CustodyShape, Custody);
      proofs = read(parseStrict(text(bytes[Proofs], Proofs), Proofs, {
        proofs: { max: 100000, what: 'proofs' }, hashes: { max: 63, what: 'hashes in a proof' },
      }), ProofsShape, Proofs);
      if (custody.evidenceId !== manifest.sourceEvidenceId) {
        throw new CheckFailed(`${Custody} is the custody of ${custody.evidenceId}, not of the source ${manifest.sourceEvidenceId}`);
      }
      const outOfOrder = (indexes) => indexes.find((index, i) => i > 0 && index <= indexes[i - 1]);
      const event = outOfOrder(custody.events.map((e) => e.index));
      if (event !== undefined) throw new CheckFailed(`${Custody} lists event ${event} again or out of ledger order`);
      const proof = outOfOrder(proofs.proofs.map((p) => p.index));
      if (proof !== undefined) throw new CheckFailed(`${Proofs} lists the proof of ${proof} again or out of ledger order`);
      return `export ${manifest.exportId}: clip request ${manifest.requestId} by ${manifest.requestedBy}, evidence ${manifest.sourceEvidenceId}`;
    });

    let checkpoint;
    await check('signature', async () => {
      const key = await parseVerifierKey(keyText);
      checkpoint = await verifyCheckpoint(proofs.checkpoint, key);
      if (proofs.treeSize !== checkpoint.treeSize) {
        throw new CheckFailed(`${Proofs} gives the checkpoint's size as ${proofs.treeSize}, but the signed checkpoint says ${checkpoint.treeSize}`);
      }
      return `${checkpoint.origin}, ${checkpoint.treeSize} entries, signed by the key ${key.text}`;
    });

    await check('events', async () => {
      const proofOf = new Map(proofs.proofs.map((p) => [p.index, p.hashes]));
      for (const e of custody.events) {
        const recorded = { ...e, sequence: e.index, time: canonicalTime(e.time), evidenceId: custody.evidenceId };
        const problem = await entryProblem(e.index, e.entry, e.leafHash, recorded);
        if (problem) throw new CheckFailed(`index ${e.index}: ${problem}`);
        const proof = proofOf.get(e.index);
        if (!proof && e.index < checkpoint.treeSize) throw new CheckFailed(`index ${e.index}: the checkpoint covers it, but the package gives no inclusion proof`);
        if (!proof) throw new CheckFailed(`index ${e.index}: newer than the checkpoint, so it cannot be proven; this is no verdict on the package`);
        if (!(await verifyInclusion(e.leafHash, e.index, checkpoint.treeSize, proof, checkpoint.rootHash))) {
          throw new CheckFailed(`index ${e.index}: its inclusion proof does not lead to the checkpoint's root`);
        }
      }
      return `${custody.events.length} events, each included in the signed log`;
    });

    await check('manifest', async () => {
      const manifestSha256 = hex(await sha256(bytes[Manifest]));
      const cut = custody.events.find((e) => e.action === 'ClipCut'
        && e.reason?.startsWith(`clip request ${manifest.requestId}:`) && e.reason.endsWith(`, manifest ${manifestSha256}`));
      if (!cut) {
        throw new CheckFailed(`${Manifest} has SHA-256 ${manifestSha256}, which no ClipCut custody event of clip request ${manifest.requestId} commits to: it is not the manifest written when the clip was cut`);
      }
      if (cut.contentSha256 !== manifest.clipSha256) {
        throw new CheckFailed(`the ClipCut custody event ${cut.index} records the clip's SHA-256 ${cut.contentSha256}, but the manifest says ${manifest.clipSha256}`);
      }
      return `SHA-256 ${manifestSha256}, committed to by the ledger's ClipCut event ${cut.index}`;
    });

    await check('claims', async () => {
      const problem = claimsProblem(manifest, custody.events);
      if (problem) throw new CheckFailed(problem);
      return `asked for by ${manifest.requestedBy} ("${manifest.purpose}"), approved by ${manifest.approvals.map((a) => a.approvedBy).join(' and ')}`;
    });

    await check('source', async () => {
      const verified = custody.events.filter((e) => e.action === 'Verified').map((e) => e.contentSha256);
      if (!verified.includes(manifest.sourceSha256)) {
        throw new CheckFailed(`the manifest's source SHA-256 ${manifest.sourceSha256} is not the hash the ledger recorded when the source was verified (${verified.length === 0 ? 'no Verified event' : verified.join(', ')})`);
      }
      return `SHA-256 ${manifest.sourceSha256}`;
    });

    await check('clip', async () => {
      const size = entries.get(Clip).uncompressedSize;
      if (manifest.clipFile !== Clip || size !== manifest.clipBytes) {
        throw new CheckFailed(`${Clip} is ${size} bytes, but the manifest says its clip '${manifest.clipFile}' is ${manifest.clipBytes}`);
      }
      const clipSha256 = await sha256OfEntry(entries, Clip, progress);
      if (clipSha256 !== manifest.clipSha256) {
        throw new CheckFailed(`${Clip}: its SHA-256 is ${clipSha256} (${manifest.clipBytes} bytes), but the manifest says ${manifest.clipSha256}`);
      }
      return `SHA-256 ${clipSha256}, ${manifest.clipBytes.toLocaleString('en-US')} bytes`;
    });

    await check('readme', async () => {
      const expected = new TextEncoder().encode(readmeText(manifest, custody.events.length, proofs.treeSize));
      if (!equalBytes(bytes[Readme], expected)) throw new CheckFailed(`${Readme} is not the text the manifest gives, so it says what the ledger has not bound`);
      return 'word for word';
    });

    await check('page', async () => {
      const pageSha256 = hex(await sha256(bytes[VerifyPage]));
      if (pageSha256 !== manifest.verifyPageSha256) {
        throw new CheckFailed(`${VerifyPage} has SHA-256 ${pageSha256}, but the manifest records ${manifest.verifyPageSha256}: it is not the page the package was made with`);
      }
      return `SHA-256 ${pageSha256}`;
    });
    return true;
  } catch (e) {
    report(current, 'fail', e.message);
    return false;
  }
}

/** ExportPackageCheck.ClaimsProblem: the manifest's requester, purpose and approvals against the request's own events. */
function claimsProblem(m, events) {
  const requests = events.filter((e) => e.action === 'ClipRequested' && e.reason?.startsWith(`clip request ${m.requestId}:`));
  if (requests.length !== 1) return `the custody holds ${requests.length} ClipRequested events of clip request ${m.requestId}, not one`;
  const [request] = requests;
  if (request.actorId !== m.requestedBy) {
    return `the manifest says ${m.requestedBy} asked for the clip, but the request's custody event ${request.index} records ${request.actorId}`;
  }
  if (!request.reason.endsWith(`, purpose: ${m.purpose}`)) {
    return `the manifest's purpose "${m.purpose}" is not the one the request's custody event ${request.index} records: ${request.reason}`;
  }
  const approved = `clip request ${m.requestId} by ${m.requestedBy} approved`;
  const approvals = events.filter((e) => e.action === 'ClipRequestApproved' && e.reason?.startsWith(approved));
  const names = (list) => (list.length > 0 ? list.join(' and ') : 'nobody');
  if (approvals.length !== m.approvals.length) {
    return `the manifest says ${names(m.approvals.map((a) => a.approvedBy))} approved the request, but its custody events record `
      + (approvals.length === 0 ? 'no approval' : `approval by ${names(approvals.map((a) => a.actorId))}`);
  }
  for (const [i, claimed] of m.approvals.entries()) {
    const recorded = approvals[i];
    if (recorded.actorId !== claimed.approvedBy || !approvesWith(recorded.reason, approved, claimed.reason)) {
      return `the manifest's approval by ${claimed.approvedBy} ("${claimed.reason}") is not the request's custody event ${recorded.index}: ${recorded.actorId}, ${recorded.reason}`;
    }
  }
  return null;
}

/** Between the approval's opening and its reason the event may say which approval it is (", first of two approvals"), but no more. */
function approvesWith(recorded, opening, reason) {
  const closing = `: ${reason}`;
  if (recorded.length < opening.length + closing.length || !recorded.endsWith(closing)) return false;
  const between = recorded.slice(opening.length, recorded.length - closing.length);
  return between.length === 0 || (between.startsWith(', ') && !between.includes(':'));
}
