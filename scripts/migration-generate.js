#!/usr/bin/env node
// npm run migration:generate -- <Name>: writes libs/database/src/migrations/<timestamp>-<Name>.ts from the
// difference between the entities and the database at DATABASE_URL (migrate it first).
const { execFileSync } = require('node:child_process');
const name = process.argv[2];
if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
  console.error('usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}
execFileSync(
  'npx',
  [
    'typeorm',
    'migration:generate',
    '-d',
    'dist/libs/database/src/cli-data-source.js',
    '--pretty',
    `libs/database/src/migrations/${name}`,
  ],
  { stdio: 'inherit' },
);
console.log('Now add the new class to ALL_MIGRATIONS in libs/database/src/migrations/index.ts');
