import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packProblems } from '@sccp/test-kit';

const t = suite('npm pack contents');

t('the tarball holds the built code, the policies and their wasm, and nothing else', () => {
  assert.equal(packProblems(path.join(__dirname, '..')), []);
});

t.run();
