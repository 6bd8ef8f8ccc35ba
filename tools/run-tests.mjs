#!/usr/bin/env node
// Run every project's tests through Nx and close with one summary line ("N passed, M failed").
// Exit status is Nx's: non-zero when any project fails.
import { spawn } from 'node:child_process';

const args = ['nx', 'run-many', '-t', 'test', '--outputStyle=static', ...process.argv.slice(2)];
const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } });
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
  console.log(`\n${passed} passed, ${total - passed} failed`);
  process.exit(code === 0 && total - passed === 0 ? 0 : code || 1);
});
