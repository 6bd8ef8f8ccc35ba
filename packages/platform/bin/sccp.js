#!/usr/bin/env node
'use strict';
// Node >= 22.1 keeps the compiled code of the modules sccp loads between runs (a no-op on Node 20).
require('node:module').enableCompileCache?.();
const { main } = require('../dist/cli/main.js');
const code = main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  cwd: process.cwd(),
});
process.exitCode = code;
