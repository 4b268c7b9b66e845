#!/usr/bin/env node
// Copies the web board's static files (apps/web/public: index.html, styles, print
// styles) next to its compiled scripts in dist/web. Part of `npm run build`.
const { cpSync, existsSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const from = join(root, 'apps', 'web', 'public');
const to = join(root, 'dist', 'web');
if (!existsSync(from)) throw new Error(`copy-web-assets: ${from} is missing`);
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
