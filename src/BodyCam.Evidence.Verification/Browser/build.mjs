// Builds verify.html, one self-contained page, from this folder's sources: esbuild bundles the modules and the npm
// libraries (from deploy/local/node) into one script, which goes inline with the stylesheet into the template, each
// allowed by its SHA-256 in the page's Content-Security-Policy. The same sources give the same bytes.
//   node src/BodyCam.Evidence.Verification/Browser/build.mjs [output file]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tools = join(here, '..', '..', '..', 'deploy', 'local', 'node');
const esbuild = createRequire(join(tools, 'package.json'))('esbuild');

const bundle = await esbuild.build({
  entryPoints: [join(here, 'main.js')],
  bundle: true,
  format: 'iife',
  minify: true,
  legalComments: 'inline',
  target: 'chrome120',
  nodePaths: [join(tools, 'node_modules')],
  absWorkingDir: here,
  write: false,
  logLevel: 'error',
});
// Inline, "</script" would end the element early.
const script = bundle.outputFiles[0].text.trim().replaceAll('</script', '<\\/script');
const style = readFileSync(join(here, 'verify.css'), 'utf8');
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const page = readFileSync(join(here, 'verify.template.html'), 'utf8')
  .replace('{{SCRIPT_HASH}}', hash(script))
  .replace('{{STYLE_HASH}}', hash(style))
  .replace('{{STYLE}}', () => style)
  .replace('{{SCRIPT}}', () => script);
writeFileSync(process.argv[2] ?? join(here, 'verify.html'), page);
