#!/usr/bin/env node
// Run every project's tests through Nx and close with one summary line ("N passed, M failed").
// Exit status is Nx's: non-zero when any project fails.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const args = ['nx', 'run-many', '-t', 'test', '--outputStyle=static', ...process.argv.slice(2)];
// every test's temp files go to one folder, removed at the end (tests that leave theirs behind fill /tmp)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-tests-'));
fs.chmodSync(tmp, 0o1777); // like /tmp: tests that build as another user (faults.test.ts) write here too
const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } });
let passed = 0;
let total = 0;
const scan = (chunk) => {
  const text = chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
  for (const m of text.matchAll(/^\s*Total:\s+(\d+)/gm)) total += Number(m[1]);
  for (const m of text.matchAll(/^\s*Passed:\s+(\d+)/gm)) passed += Number(m[1]);
};
child.stdout.on('data', (c) => {
  process.stdout.write(c);
  scan(c);
});
child.stderr.on('data', (c) => {
  process.stderr.write(c);
  scan(c);
});
child.on('close', (code) => {
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${passed} passed, ${total - passed} failed`);
  process.exit(code === 0 && total - passed === 0 ? 0 : code || 1);
});
