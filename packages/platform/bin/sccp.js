#!/usr/bin/env node
'use strict';
const { main } = require('../dist/cli/main.js');
const code = main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
  cwd: process.cwd(),
});
process.exitCode = code;
