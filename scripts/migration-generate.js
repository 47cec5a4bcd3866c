#!/usr/bin/env node
// npm run migration:generate -- <Name>: writes libs/database/src/migrations/<timestamp>-<Name>.ts from the
// difference between the entities and the database at DATABASE_URL (migrate it first), then re-lists every
// migration in libs/database/src/migrations/index.ts.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error('usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
const dir = path.join(__dirname, '..', 'libs', 'database', 'src', 'migrations');
execFileSync(
  'npx',
  [
    'typeorm',
    'migration:generate',
    '-d',
    'dist/libs/database/src/cli-data-source.js',
    '--pretty',
    path.join(dir, name),
  ],
  { stdio: 'inherit' },
);
const files = fs
  .readdirSync(dir)
  .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
  .sort();
const entries = files.map((f) => {
  const [stamp, base] = f.replace(/\.ts$/, '').split('-');
  return { file: f.replace(/\.ts$/, ''), cls: `${base}${stamp}` };
});
fs.writeFileSync(
  path.join(dir, 'index.ts'),
  `${entries.map((e) => `import { ${e.cls} } from './${e.file}';`).join('\n')}

// Migrations run in the order of this list (oldest first). scripts/migration-generate.js rewrites this file.
export const ALL_MIGRATIONS = [${entries.map((e) => e.cls).join(', ')}];
`,
);
execFileSync('npx', ['prettier', '--write', dir], { stdio: 'ignore' });
console.log(
  `registered ${files.length} migration(s) in ${path.relative(process.cwd(), path.join(dir, 'index.ts'))}`,
);
