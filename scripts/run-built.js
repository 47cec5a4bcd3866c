#!/usr/bin/env node
// Starts a compiled entry point, building first when dist/ is missing or older than the sources.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const entry = process.argv[2];
const root = path.resolve(__dirname, '..');
function newestSource(dir) {
  let newest = 0;
  for (const name of fs.readdirSync(dir, { withFileTypes: true })) {
    if (name.name === 'node_modules' || name.name.startsWith('.')) continue;
    const full = path.join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (name.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}
const built = path.join(root, entry);
const stale =
  !fs.existsSync(built) ||
  fs.statSync(built).mtimeMs <
    Math.max(newestSource(path.join(root, 'apps')), newestSource(path.join(root, 'libs')));
if (stale) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
require(built);
