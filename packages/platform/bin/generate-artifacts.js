#!/usr/bin/env node
// Regenerate the committed artifacts (charts/, policies/, schemas/) from the feature packages,
// or with --check list what drifted and exit 1.
'use strict';
const path = require('node:path');
const { artifactTree, artifactDrift, writeArtifacts } = require('../dist/artifacts');
const { builtinRegistry } = require('../dist/features');

const root = path.resolve(__dirname, '..', '..', '..');
const tree = artifactTree(builtinRegistry());
if (process.argv.includes('--check')) {
  const drift = artifactDrift(root, tree);
  if (drift.length) {
    console.error(`generated artifacts are stale (run \`npm run generate\`):\n${drift.map((d) => `  ${d}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`generated artifacts are up to date (${tree.size} files)`);
} else {
  const changed = writeArtifacts(root, tree);
  console.log(`generated artifacts: ${tree.size} files, ${changed.length} changed${changed.length ? ':\n' + changed.map((c) => `  ${c}`).join('\n') : ''}`);
}
