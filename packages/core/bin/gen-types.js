#!/usr/bin/env node
// Regenerate (or with --check, verify) TypeScript types from a JSON Schema with json-schema-to-typescript.
// Usage: gen-types <packageDir> <TypeName> [--file schema.json] [--out src/values.generated.ts] [--check]
const fs = require('node:fs');
const path = require('node:path');
const { bundle, loadSchema, generateTypes } = require('../dist');

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    if (i < 0) return dflt;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const check = args.includes('--check');
  const file = opt('--file', 'schema.json');
  const out = opt('--out', 'src/values.generated.ts');
  const [dir, typeName] = args.filter((a) => a !== '--check');
  if (!dir || !typeName) {
    console.error('usage: gen-types <packageDir> <TypeName> [--file schema.json] [--out src/values.generated.ts] [--check]');
    process.exit(2);
  }
  const target = path.join(dir, out);
  const text = await generateTypes(bundle(loadSchema(path.join(dir, file))), typeName, file);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  const rel = path.relative(process.cwd(), target);
  if (check) {
    if (current !== text) {
      console.error(`${rel} is stale: run \`npm run generate\``);
      process.exit(1);
    }
    return;
  }
  if (current !== text) fs.writeFileSync(target, text);
  console.log(`${rel} ${current === text ? 'unchanged' : 'written'}`);
}
main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(3);
});
