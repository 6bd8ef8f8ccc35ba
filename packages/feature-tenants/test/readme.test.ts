import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

test('the README values table is what schema.json generates', () => {
  const gen = require.resolve('@sccp/core/bin/gen-readme.js');
  const r = spawnSync(process.execPath, [gen, path.join(__dirname, '..'), '--check'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
});

test.run();
