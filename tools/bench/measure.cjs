// Run the sccp CLI in this process and report its peak memory: `node measure.cjs <sccp args...>`.
// Prints one JSON line to stderr: {"exit": n, "ms": wall time, "maxRssMiB": peak resident set}.
'use strict';
const path = require('node:path');
const start = process.hrtime.bigint();
const { main } = require(path.join(__dirname, '..', '..', 'packages', 'platform', 'dist', 'cli', 'main.js'));
const code = main(process.argv.slice(2), { out: () => {}, err: () => {}, cwd: process.cwd() });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stderr.write(JSON.stringify({ exit: code, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) + '\n');
process.exitCode = code;
