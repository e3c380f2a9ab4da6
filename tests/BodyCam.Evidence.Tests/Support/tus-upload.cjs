// Runs the real tus-js-client against the server: node tus-upload.cjs FILE ENDPOINT OPTIONS_JSON
// Prints {"url": "..."} on success; exits 1 with the error on stderr otherwise.
const tus = require('tus-js-client');
const fs = require('node:fs');

const [file, endpoint, optionsJson] = process.argv.slice(2);
const options = JSON.parse(optionsJson || '{}');
const size = fs.statSync(file).size;

const upload = new tus.Upload(fs.createReadStream(file), {
  endpoint,
  uploadUrl: options.uploadUrl,
  uploadSize: size,
  chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
  metadata: options.metadata ?? {},
  headers: options.headers ?? {},
  retryDelays: options.retryDelays ?? [0, 500, 1000, 2000, 4000],
  uploadDataDuringCreation: options.uploadDataDuringCreation ?? false,
  storeFingerprintForResuming: false,
  onSuccess: () => console.log(JSON.stringify({ url: upload.url })),
  onError: (error) => {
    console.error(String(error));
    process.exit(1);
  },
});
upload.start();
