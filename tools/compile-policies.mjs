#!/usr/bin/env node
// Compile each feature package's Rego policies to wasm (policies/policy.wasm) with the pinned opa,
// so `sccp verify` evaluates them with @open-policy-agent/opa-wasm and no Go/OPA at runtime.
// --check: exit 1 when a committed policy.wasm differs from a fresh compile.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const opa = path.join(root, '.tools', 'bin', 'opa');
if (!fs.existsSync(opa)) {
  console.error('opa is not built: run `npm run engines`');
  process.exit(1);
}
const check = process.argv.includes('--check');
// optional package folders (e.g. packages/feature-loki, or a feature package outside this repository) to limit the work to
const only = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((a) => path.resolve(a));
for (const dir of only) {
  if (!fs.existsSync(path.join(dir, 'package.json'))) {
    console.error(`${dir} is not a package folder (no package.json)`);
    process.exit(1);
  }
}

/**
 * The bytes of one file inside a .tar.gz (ustar; opa bundles are small). Used to take policy.wasm
 * out of `opa build -t wasm` bundles by tools/compile-policies.mjs and the feature generator.
 */
function fromTarGz(buf, name) {
  const tar = gunzipSync(buf);
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    const file = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!file) break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    if (file.replace(/^\.?\//, '') === name.replace(/^\//, '')) return Buffer.from(tar.subarray(off + 512, off + 512 + size));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} not found in the opa bundle`);
}

let stale = 0;
const dirs = (only.length ? only : fs.readdirSync(path.join(root, 'packages')).map((d) => path.join(root, 'packages', d)).sort()).filter((d) => fs.existsSync(path.join(d, 'policies', 'rego')));
for (const dir of dirs) {
  const inRepo = !path.relative(root, dir).startsWith('..');
  const pkg = inRepo ? path.relative(root, dir) : dir;
  const regoDir = path.join(dir, 'policies', 'rego');
  const ids = fs.readdirSync(regoDir).filter((f) => f.endsWith('.rego') && !f.endsWith('_test.rego')).map((f) => f.slice(0, -5)).sort();
  if (!ids.length) continue;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-opa-'));
  const bundle = path.join(tmp, 'bundle.tar.gz');
  // a relative path from the package folder: the wasm records source locations, and must not depend on where the clone is
  const args = ['build', '-t', 'wasm', '--ignore', '*_test.rego', '-o', bundle, ...ids.flatMap((id) => ['-e', `sccp/${id.replace(/-/g, '_')}/deny`]), path.join('policies', 'rego')];
  const r = spawnSync(opa, args, { encoding: 'utf8', cwd: dir });
  if (r.status !== 0) {
    console.error(`${pkg}: opa build failed:\n${r.stderr}`);
    process.exit(1);
  }
  const wasm = fromTarGz(fs.readFileSync(bundle), '/policy.wasm');
  fs.rmSync(tmp, { recursive: true, force: true });
  const target = path.join(dir, 'policies', 'policy.wasm');
  const same = fs.existsSync(target) && Buffer.compare(fs.readFileSync(target), wasm) === 0;
  if (check) {
    if (!same) {
      console.error(`${pkg}/policies/policy.wasm is stale: run \`npm run generate\``);
      stale++;
    }
  } else {
    if (!same) fs.writeFileSync(target, wasm);
    console.log(`${pkg}/policies/policy.wasm ${same ? 'unchanged' : 'written'} (${ids.length} policies, ${(wasm.length / 1024).toFixed(0)} KiB)`);
  }
}
process.exit(stale ? 1 : 0);
