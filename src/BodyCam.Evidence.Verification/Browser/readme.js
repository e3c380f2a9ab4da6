// ExportPackageReadme.Text, word for word: the check derives README.txt from the manifest and requires the same bytes.

/** .NET's "0.###" of a double: 15 significant digits, then rounded half away from zero to at most three decimals. */
export function seconds(value) {
  const [whole, fraction = ''] = Math.abs(value).toPrecision(15).split('.');
  let digits = BigInt(whole + fraction.padEnd(3, '0').slice(0, 3));
  if (fraction.length > 3 && fraction[3] >= '5') digits += 1n;
  const text = digits.toString().padStart(4, '0');
  const decimals = text.slice(-3).replace(/0+$/, '');
  const number = text.slice(0, -3) + (decimals ? `.${decimals}` : '');
  return value < 0 && number !== '0' ? `-${number}` : number;
}

export function readmeText(m, custodyEvents, checkpointTreeSize) {
  const watermark = m.watermark === null
    ? ''
    : `\nEvery frame of the clip shows the words "${m.watermark}", so that a copy passed on shows whom it was released to.`;
  const bookmark = m.bookmarkId === null ? '' : `, around bookmark ${m.bookmarkId}`;
  const redactions = m.redactions.length === 0
    ? 'Nothing in it is redacted.'
    : 'Parts of it are redacted on purpose (the ffmpeg command in the manifest shows how):' + m.redactions.map((r) => (r.kind === 'mute'
      ? `\n    - the sound is silenced from second ${seconds(r.startSeconds)} to ${seconds(r.endSeconds)} of the recording`
      : `\n    - a ${r.width ?? ''}×${r.height ?? ''} pixel area at ${r.x ?? ''},${r.y ?? ''} (from the frame's top left) is blurred from second ${seconds(r.startSeconds)} to ${seconds(r.endSeconds)}`)).join('');
  return `BodyCam.Evidence export package
===============================

This package holds a clip of body-worn camera evidence ${m.sourceEvidenceId},
made for ${m.requestedBy} on request ${m.requestId} ("${m.purpose}"),
approved by ${m.approvals.map((a) => a.approvedBy).join(' and ')}.${watermark}

What is in it
- clip.mp4: the clip, seconds ${seconds(m.actualRange.startSeconds)} to ${seconds(m.actualRange.endSeconds)} of the recording
  (asked for: ${seconds(m.requestedRange.startSeconds)} to ${seconds(m.requestedRange.endSeconds)}${bookmark}; ${m.method}).
  Its SHA-256 is ${m.clipSha256}.
  ${redactions}
- manifest.json: where the clip came from: the original recording's SHA-256 and size, the exact
  ffmpeg command that cut it, who asked and who approved.
- custody.json: the original recording's chain of custody, ${custodyEvents} events, each exactly as it was
  written into the agency's tamper-evident custody log.
- proofs.json: a checkpoint of that log (${checkpointTreeSize} entries), signed with the log's key, and for
  each custody event a proof that the signed log contains it.
- README.txt: this text, which the check derives again from the manifest.
- verify.html: a page that does the same check in a web browser, offline: open it, give it the log's key,
  and drop this zip onto it. The manifest records its SHA-256, so a page swapped for another fails the check.

How to check it
Get the custody log's public verifier key from the agency (not from this package), then run:

    bodycam verify export <this zip file> --key "<verifier key>"

or open verify.html in a web browser, paste the key, and choose this zip file.

The check passes only if the package holds these six files and nothing else, the clip is the one the
manifest describes, every custody event is in the signed log unchanged, the checkpoint carries the log's
signature, the log's record of the cut commits to this very manifest, the requester, approvers and
reasons in the manifest are those of the request's own custody events, and the original recording's
hash in the manifest is the one the log recorded when the recording was received and verified. Any
change to any file in this package makes the check fail and say what broke.`;
}
