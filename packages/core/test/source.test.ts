import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError, formatDiagnostic, parseYamlSource, MAX_SOURCE_BYTES } from '../src';

const fail = (text: string) => {
  try {
    parseYamlSource(text, 'p.yaml');
  } catch (e) {
    assert.instance(e, UserError);
    return (e as UserError).diagnostics.map(formatDiagnostic).join('\n');
  }
  throw new Error('expected a UserError');
};

test('locates values and keys by JSON pointer', () => {
  const src = parseYamlSource('a:\n  b:\n    - x\n    - y: 1\n', 'p.yaml');
  assert.equal(src.locate('/a/b/1/y'), { line: 4, col: 10 });
  assert.equal(src.locate('/a/b/1/y', true), { line: 4, col: 7 });
  assert.equal(src.locate('/a/b/0'), { line: 3, col: 7 });
  // a missing key points at the nearest existing ancestor
  assert.equal(src.locate('/a/zzz'), { line: 2, col: 3 });
});

test('syntax errors carry file:line:col', () => {
  assert.match(fail('a: 1\nb: [1, 2\n'), /^p\.yaml:\d+:\d+: YAML syntax error: /);
});

test('duplicate keys are rejected with the key and its position', () => {
  assert.is(fail('features:\n  loki: {}\n  loki: {}\n'), 'p.yaml:3:3: duplicate key "loki": a key (and so a feature) may appear only once in a mapping');
});

test('empty and comment-only files are rejected', () => {
  assert.match(fail(''), /p\.yaml:1:1: the file is empty/);
  assert.match(fail('# only a comment\n'), /the file is empty/);
});

test('alias bombs stop at the alias limit', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [prev, cur] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) bomb.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  assert.match(fail(bomb.join('\n') + '\n'), /too many YAML alias expansions/);
});

test('oversized input is refused before parsing', () => {
  const big = 'a: "' + 'x'.repeat(MAX_SOURCE_BYTES) + '"\n';
  assert.match(fail(big), /p\.yaml: file is 1\.0 MiB; the limit is 1 MiB/);
});

test('several documents are refused', () => {
  assert.match(fail('a: 1\n---\nb: 2\n'), /p\.yaml:2:1: expected one YAML document/);
});

test.run();
