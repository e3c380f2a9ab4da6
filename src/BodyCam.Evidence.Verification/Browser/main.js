// The page: a key, a package from the file input or dropped anywhere on the page, and each check's outcome in words.
import { Checks, verifyPackage } from './package-check.js';

const keyField = document.getElementById('key');
const fileInput = document.getElementById('package');
const verdict = document.getElementById('verdict');
const list = document.getElementById('checks');
const packagedKey = document.body.dataset.logKey ?? '';
const Outcomes = { waiting: 'not checked yet', checking: 'checking…', pass: 'passed', fail: 'FAILED', skipped: 'not checked: an earlier check failed' };

keyField.value = packagedKey;
document.getElementById('key-origin').textContent = packagedKey
  ? 'This key came inside the package. Compare it with the key the agency publishes (on its website, in a letter or a court filing), or paste that key here instead: a package made or changed by anyone without the agency\'s key then fails the signature check.'
  : 'Paste the key the agency publishes (on its website, in a letter or a court filing).';

const items = new Map(Checks.map(([id, words]) => {
  const item = document.createElement('li');
  item.dataset.check = id;
  const name = document.createElement('span');
  name.className = 'check-name';
  name.textContent = words;
  const outcome = document.createElement('strong');
  outcome.className = 'outcome';
  const detail = document.createElement('span');
  detail.className = 'detail';
  item.append(name, ' ', outcome, detail);
  list.append(item);
  return [id, item];
}));

function show(id, outcome, detail) {
  const item = items.get(id);
  item.dataset.outcome = outcome;
  item.querySelector('.outcome').textContent = Outcomes[outcome];
  item.querySelector('.detail').textContent = detail ? `: ${detail}` : '';
}

let chosen = null;
let run = 0;

async function check() {
  if (!chosen) return;
  const mine = ++run;
  delete document.body.dataset.verdict;
  verdict.textContent = `Checking ${chosen.name}…`;
  for (const id of items.keys()) show(id, 'waiting', '');
  let failed = null;
  const passed = await verifyPackage(chosen, keyField.value, (id, outcome, detail) => {
    if (mine !== run) return;
    show(id, outcome, detail);
    if (outcome === 'fail') failed = { id, detail };
  }, (done, total) => {
    if (mine === run) verdict.textContent = `Checking ${chosen.name}: hashing the clip, ${Math.floor((done / total) * 100)}%…`;
  });
  if (mine !== run) return;
  for (const [id, item] of items) if (item.dataset.outcome === 'waiting') show(id, 'skipped', '');
  document.body.dataset.verdict = passed ? 'pass' : 'fail';
  verdict.textContent = passed
    ? `Verified: ${chosen.name} passed every check.`
    : `Failed: ${chosen.name} did not pass the check "${Checks.find(([id]) => id === failed.id)[1]}": ${failed.detail}`;
}

function choose(file) {
  chosen = file;
  check();
}

fileInput.addEventListener('change', () => fileInput.files.length > 0 && choose(fileInput.files[0]));
keyField.addEventListener('change', check);
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dragging');
  if (e.dataTransfer.files.length > 0) choose(e.dataTransfer.files[0]);
});
