#!/usr/bin/env node
// Regenerate (or with --check, verify) a feature package's src/values.generated.ts from its schema.json.
// Usage: node <core>/bin/gen-types.js <packageDir> <TypeName> [--check]
const fs = require('node:fs');
const path = require('node:path');
const { bundle, loadSchema, generateTypes } = require('../dist');

async function main() {
  const [dir, typeName, flag] = process.argv.slice(2);
  if (!dir || !typeName) {
    console.error('usage: gen-types <packageDir> <TypeName> [--check]');
    process.exit(2);
  }
  const schemaFile = path.join(dir, 'schema.json');
  const target = path.join(dir, 'src', 'values.generated.ts');
  const text = await generateTypes(bundle(loadSchema(schemaFile)), typeName, 'schema.json');
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (flag === '--check') {
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), target)} is stale: run \`npm run generate\``);
      process.exit(1);
    }
    return;
  }
  if (current !== text) fs.writeFileSync(target, text);
  console.log(`${path.relative(process.cwd(), target)} ${current === text ? 'unchanged' : 'written'}`);
}
main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(3);
});
