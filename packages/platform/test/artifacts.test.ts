import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { artifactDrift, artifactTree, builtinRegistry } from '../src';
import { ROOT } from './helpers';

test('committed charts/, policies/ and schemas/ are what `npm run generate` produces', () => {
  assert.equal(artifactDrift(ROOT, artifactTree(builtinRegistry())), [], 'run `npm run generate` and commit the result');
});

test('src/platform.generated.ts is what platform.schema.json generates', () => {
  const gen = path.join(ROOT, 'packages', 'core', 'bin', 'gen-types.js');
  const r = spawnSync(process.execPath, [gen, path.join(__dirname, '..'), 'PlatformDocument', '--file', 'platform.schema.json', '--out', 'src/platform.generated.ts', '--check'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
});

test.run();
