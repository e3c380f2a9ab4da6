// The zip's entries read as `bodycam verify export` reads them (Cli/Verify/ExportPackageEntries.cs): the names of the
// format once each at the top level and nothing else, each within its bound, each entry's bytes those its header
// declares (size and CRC-32), the clip streamed from the File in slices, never held whole.
import { BlobReader, Uint8ArrayWriter, ZipReader, configure } from '@zip.js/zip.js/lib/zip-core-native.js';
import { createSHA256 } from 'hash-wasm';

// A page opened from the disk may not start workers; the browser's own DecompressionStream inflates.
configure({ useWebWorkers: false, useCompressionStream: true });

export const Clip = 'clip.mp4';
export const Manifest = 'manifest.json';
export const Custody = 'custody.json';
export const Proofs = 'proofs.json';
export const Readme = 'README.txt';
export const VerifyPage = 'verify.html';
export const Names = [Clip, Manifest, Custody, Proofs, Readme, VerifyPage];

const MiB = 1 << 20;
export const Bounds = { [Manifest]: MiB, [Readme]: MiB, [Custody]: 256 * MiB, [Proofs]: 256 * MiB, [VerifyPage]: 4 * MiB };

const listed = (names) => {
  const counts = new Map();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, count]) => (count === 1 ? `'${name}'` : `'${name}' ${count} times`)).join(' and ');
};

/** The package's entries by name, once its names hold the format's rules. */
export async function openPackage(file) {
  let entries;
  try {
    entries = await new ZipReader(new BlobReader(file)).getEntries();
  } catch (e) {
    throw new Error(`the package is not a zip that reads: ${e.message}`);
  }
  const names = entries.map((e) => e.filename);
  const groups = new Map();
  for (const name of names) {
    const folded = name.replaceAll('\\', '/').toUpperCase();
    groups.set(folded, [...(groups.get(folded) ?? []), name]);
  }
  const sameFile = [...groups.values()].filter((g) => g.length > 1).map(listed);
  if (sameFile.length > 0) {
    throw new Error(`the package holds ${sameFile.join('; ')}, which extract to one file: which of them a reader gets depends on the tool`);
  }
  const inFolder = names.filter((n) => n.includes('/') || n.includes('\\'));
  if (inFolder.length > 0) throw new Error(`the package holds ${listed(inFolder)}, a name with a folder: a package's files are all at its top level`);
  const undefinedNames = names.filter((n) => !Names.includes(n));
  if (undefinedNames.length > 0) {
    throw new Error(`the package holds ${listed(undefinedNames)}, which its format does not define: a package holds ${Names.join(', ')} and nothing else`);
  }
  const missing = Names.filter((n) => !names.includes(n));
  if (missing.length > 0) throw new Error(`the package has no ${missing.join(' and no ')}`);
  return new Map(entries.map((e) => [e.filename, e]));
}

/** An entry's bytes, refused above its bound before any is read, and refused unless they are those its header declares. */
export async function readEntry(entries, name) {
  const entry = entries.get(name);
  if (entry.uncompressedSize > Bounds[name]) {
    const n = (v) => v.toLocaleString('en-US');
    throw new Error(`${name} is ${n(entry.uncompressedSize)} bytes, more than the ${n(Bounds[name])} a package's ${name} may hold`);
  }
  try {
    return await entry.getData(new Uint8ArrayWriter(), { checkSignature: true });
  } catch (e) {
    throw new Error(`${name} does not read as its zip header declares (size ${entry.uncompressedSize}, CRC-32 ${entry.signature.toString(16).padStart(8, '0')}): ${e.message}`);
  }
}

/** The entry's SHA-256 and size, hashed as it streams out of the File; `progress` hears the bytes hashed so far. */
export async function sha256OfEntry(entries, name, progress) {
  const entry = entries.get(name);
  const hash = await createSHA256();
  let total = 0;
  const sink = new WritableStream({
    write(chunk) {
      hash.update(chunk);
      total += chunk.length;
      progress(total, entry.uncompressedSize);
    },
  });
  try {
    await entry.getData(sink, { checkSignature: true });
  } catch (e) {
    throw new Error(`${name} does not read as its zip header declares: ${e.message}`);
  }
  if (total !== entry.uncompressedSize) throw new Error(`${name} holds ${total} bytes, not the ${entry.uncompressedSize} its zip header declares`);
  return hash.digest('hex');
}
