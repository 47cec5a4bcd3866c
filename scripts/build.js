#!/usr/bin/env node
// Builds what is missing or out of date, and nothing else:
//   server  `npm run build:server`    apps/api, apps/worker, libs, bench  -> dist/
//   web     `npm run build:web`  apps/web (+ libs/client, the event catalogue) -> apps/web/dist/
// "Out of date" means the contents of the inputs changed since the last build (a hash kept in dist/.stamps/),
// so a fresh clone, a pull or an edit rebuilds, and a second start does not.
// Usage: node scripts/build.js [server] [web]   (no argument: both)
const { execSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.runtime', '.data', '.git']);

const TARGETS = {
  server: {
    command: 'npm run build:server --silent',
    inputs: [
      'apps/api',
      'apps/worker',
      'libs',
      'bench',
      'tsconfig.json',
      'tsconfig.build.json',
      'package-lock.json',
    ],
    outputs: ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'],
  },
  web: {
    command: 'npm run build:web --silent',
    inputs: ['apps/web', 'libs/client/src', 'libs/events/src/catalogue', 'package-lock.json'],
    outputs: ['apps/web/dist/index.html'],
  },
};

function collect(rel, files) {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return;
  const stat = fs.statSync(full);
  if (stat.isFile()) {
    if (!rel.endsWith('.spec.ts')) files.push(rel);
    return;
  }
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    collect(path.join(rel, entry.name), files);
  }
}

function inputHash(target) {
  const files = [];
  for (const input of target.inputs) collect(input, files);
  const hash = createHash('sha256');
  hash.update(process.version.split('.')[0]);
  for (const file of files.sort()) {
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

function buildIfStale(name) {
  const target = TARGETS[name];
  const stamp = path.join(root, 'dist', '.stamps', name);
  const hash = inputHash(target);
  const current =
    target.outputs.every((file) => fs.existsSync(path.join(root, file))) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === hash;
  if (current) {
    console.log(`[runde] ${name} build is current`);
    return;
  }
  console.log(`[runde] building ${name === 'web' ? 'the browser client' : 'the server'}`);
  execSync(target.command, { cwd: root, stdio: 'inherit' });
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, hash);
}

module.exports = { buildIfStale };

if (require.main === module) {
  const names = process.argv.slice(2);
  for (const name of names.length ? names : ['server', 'web']) {
    if (!TARGETS[name]) {
      console.error(`[runde] unknown build target "${name}" (server, web)`);
      process.exit(2);
    }
    try {
      buildIfStale(name);
    } catch {
      console.error(`[runde] ERROR: the ${name} build failed`);
      process.exit(1);
    }
  }
}
