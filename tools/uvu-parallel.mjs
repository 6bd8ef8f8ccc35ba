#!/usr/bin/env node
// Runs a package's uvu test files in separate processes, N at a time, for the suites whose files
// mostly wait (for an API server, for Argo CD, for a chart to render): uvu runs one file after
// another in one process.
//
//   node ../../tools/uvu-parallel.mjs [--jobs=N] [--first=REGEX] <dir> [pattern]
//
// Each file runs as `uvu -r tsx/cjs <dir> ^<file>$` (same output, with its own Total/Passed lines);
// a file's output is printed whole when it ends, so files never interleave. `--first` starts the
// files it matches before the others (the longest, so they do not end the run alone). Exit status:
// 1 when any file failed, with the failed files named at the end.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const [dir, pattern = '\\.test\\.ts$'] = args.filter((a) => !a.startsWith('--'));
const jobs = Number(option('jobs') ?? 2);
if (!dir || !Number.isInteger(jobs) || jobs < 1) {
  console.error('usage: uvu-parallel.mjs [--jobs=N] [--first=REGEX] <dir> [pattern]  (N: a whole number of at least 1)');
  process.exit(2);
}
const first = option('first') ? new RegExp(option('first')) : undefined;
const match = new RegExp(pattern);
const files = fs.readdirSync(dir).filter((f) => match.test(f) && fs.statSync(path.join(dir, f)).isFile()).sort();
const queue = [...files.filter((f) => first?.test(f)), ...files.filter((f) => !first?.test(f))];
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const failed = [];
const t0 = Date.now();
const uvu = path.join(findModule('uvu'), 'bin.js');

/** uvu's CLI, resolved from the package being tested (its node_modules), like `npx uvu`. */
function findModule(id) {
  for (let d = process.cwd(); ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', id);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(d) === d) throw new Error(`uvu-parallel: ${id} not found from ${process.cwd()}; run npm install`);
  }
}

function run(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [uvu, '-r', 'tsx/cjs', dir, `^${escape(file)}$`], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => out.push(c));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n── ${file} (${seconds} s${code === 0 ? '' : `, exit ${code ?? signal}`})\n${Buffer.concat(out).toString()}`);
      if (code !== 0) failed.push(file);
      resolve();
    });
  });
}

async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) await run(file);
}

console.log(`uvu-parallel: ${files.length} files in ${dir}, ${jobs} at a time`);
await Promise.all(Array.from({ length: jobs }, worker));
console.log(`\nuvu-parallel: ${files.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
