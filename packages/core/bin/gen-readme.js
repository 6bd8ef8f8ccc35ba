#!/usr/bin/env node
// Regenerate (or with --check, verify) the values table of a feature package's README.md from its schema.json.
// Usage: gen-readme <packageDir> [--check]
const fs = require('node:fs');
const path = require('node:path');
const { valuesTable, withValuesTable } = require('../dist');

const args = process.argv.slice(2);
const check = args.includes('--check');
const dir = path.resolve(args.find((a) => a !== '--check') ?? '.');
const feature = require(dir).default ?? require(dir);
const file = path.join(dir, 'README.md');
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# ${feature.packageName}\n`;
const next = withValuesTable(current, valuesTable(feature.bundledSchema, feature.defaults, feature.profiles ?? {}));
const rel = path.relative(process.cwd(), file);
if (check) {
  if (next !== current) {
    console.error(`${rel}: the values table is stale: run \`npm run generate\``);
    process.exit(1);
  }
} else {
  if (next !== current) fs.writeFileSync(file, next);
  console.log(`${rel} ${next === current ? 'unchanged' : 'written'}`);
}
