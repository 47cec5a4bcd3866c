#!/usr/bin/env node
// Starts a compiled entry point, building the server first when dist/ is missing or out of date
// (scripts/build.js). The browser client is built by `npm run build:web` (or `npm start`).
const path = require('node:path');
const { buildIfStale } = require('./build');

buildIfStale('server');
require(path.resolve(__dirname, '..', process.argv[2]));
