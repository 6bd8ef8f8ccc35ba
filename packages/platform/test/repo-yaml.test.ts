import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '@sccp/core';
import { decodeRepoText, readRepoYaml } from '../src/repo-yaml';

/** The repository reader decodes as go-yaml v2 (sigs.k8s.io/yaml: kubectl, Argo CD) does. */
const one = (text: string) => readRepoYaml(text, 'f.yaml')[0]?.value as any;
const fails = (text: string, message: RegExp) => {
  try {
    readRepoYaml(text, 'f.yaml');
  } catch (e) {
    assert.instance(e, UserError);
    assert.match((e as Error).message, message);
    return;
  }
  assert.unreachable(`no error for ${JSON.stringify(text)}`);
};

test('scalars resolve as go-yaml v2 resolves them (its resolve table)', () => {
  const cases: [string, unknown][] = [
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['On', true], ['ON', true], ['true', true],
    ['no', false], ['n', false], ['N', false], ['off', false], ['OFF', false], ['false', false],
    ['~', null], ['null', null], ['', null],
    ['0777', 511], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['1e3', 1000], ['-12', -12],
    ['"yes"', 'yes'], ["'on'", 'on'], ['yess', 'yess'], ['oN', 'oN'],
    // go-yaml v2 dropped base 60 and decodes timestamps into an untyped value as strings
    ['1:20', '1:20'], ['2001-12-14', '2001-12-14'], ['2001-12-14T21:59:43Z', '2001-12-14T21:59:43Z'],
    ['!!binary aGVsbG8=', 'hello'],
    // a float needs a digit in go-yaml v2: an Application's `path: .` is the string "."
    ['.', '.'], ['-.', '-.'], ['1.5', 1.5], ['.5', 0.5], ['1.', 1], ['1.0e+3', 1000],
  ];
  for (const [src, want] of cases) assert.equal(one(`v: ${src}\n`).v, want, src);
  // keys too: sigs.k8s.io/yaml writes a boolean key as "true"/"false"
  assert.equal(Object.keys(one('y: 1\nn: 2\n')), ['true', 'false']);
  // ... so `y` and `on` are the same key
  fails('y: 1\non: 2\n', /f\.yaml:2:1: duplicate key/);
});

test('%YAML 1.2 cannot switch a document to YAML 1.2 (go-yaml v2 refuses the directive)', () => {
  fails('%YAML 1.2\n---\nprivileged: yes\n', /f\.yaml:1:1: %YAML 1\.2: .*YAML 1\.1/);
  assert.equal(one('%YAML 1.1\n---\nprivileged: yes\n'), { privileged: true });
});

test('merge keys: explicit keys win, earlier maps of a list win, nested merges count', () => {
  assert.equal(one('a: &a { x: 1, w: 1 }\nb: { <<: *a, w: 2 }\n').b, { x: 1, w: 2 });
  assert.equal(one('a: &a { x: 1 }\nb: &b { x: 2, z: 2 }\nc: { <<: [*a, *b] }\n').c, { x: 1, z: 2 });
  assert.equal(one('a: &a { x: 1 }\nb: &b { <<: *a, w: 3 }\nc: { <<: *b }\n').c, { x: 1, w: 3 });
  assert.equal(one('c: { "<<": { x: 1 } }\n').c, { '<<': { x: 1 } }, 'a quoted << is a plain key in go-yaml v2 too');
});

test('merge keys where go-yaml v2 and YAML disagree are refused', () => {
  // go-yaml v2 decodes pairs in order: a << after a key overwrites it
  fails('c:\n  privileged: false\n  <<: { privileged: true }\n', /f\.yaml:3:3: "privileged" is set before a << merge/);
  fails('a: &a { x: { privileged: true } }\nc:\n  x: 1\n  <<: *a\n', /f\.yaml:4:3: "x" is set before/);
  fails('c:\n  <<: { x: 1 }\n  <<: { y: 2 }\n', /f\.yaml:3:3: a second << merge key/);
});

test('aliases: unknown, recursive and bombs are located errors', () => {
  fails('a: *nope\n', /f\.yaml:1:4: unknown alias \*nope/);
  fails('a: &a [ *a ]\n', /f\.yaml:1:9: recursive alias \*a/);
  fails('a: &a { b: { c: *a } }\n', /f\.yaml:1:17: recursive alias \*a/);
  const bomb = ['a: &a [1,1,1,1,1,1,1,1,1]'];
  for (let i = 1; i < 6; i++) bomb.push(`${'abcdef'[i]}: &${'abcdef'[i]} [${Array(9).fill(`*${'abcdef'[i - 1]}`).join(',')}]`);
  const started = Date.now();
  fails(bomb.join('\n') + '\n', /f\.yaml:1:1: more than 100 alias expansions/);
  assert.ok(Date.now() - started < 2000);
  // a few aliases are fine
  assert.equal(one('a: &a { x: 1 }\nb: *a\nc: *a\n').c, { x: 1 });
});

test('syntax errors, duplicate keys, collection and null keys are located errors', () => {
  fails('a: 1\n---\nb: [1\n', /f\.yaml:4:1: /);
  fails('a: 1\nb: 2\na: 3\n', /f\.yaml:3:1: duplicate key/);
  fails('? [a]\n: 1\n', /f\.yaml:1:3: a mapping key must be a scalar/);
  fails('~: 1\n', /f\.yaml:1:1: a mapping key must not be null/);
});

test('characters go-yaml refuses, and byte-order marks', () => {
  fails('a: b\u001bc\n', /f\.yaml:1:5: control character U\+001B/);
  fails('a: 1\nb: "\u0085\u0000"\n', /f\.yaml:2:6: control character U\+0000/);
  assert.equal(one('a: "tab\there"\r\nb: 1\r\n'), { a: 'tab\there', b: 1 });
  assert.equal(one('\uFEFFa: yes\n'), { a: true });
  fails('a: 1\n\uFEFFb: 2\n', /f\.yaml:2:1: a byte-order mark/);
  assert.throws(() => decodeRepoText(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'f.yaml'), /UTF-16/);
  assert.throws(() => decodeRepoText(Buffer.from('a: 1\nb: \xff\n', 'latin1'), 'f.yaml'), /f\.yaml:2:4: is not valid UTF-8/);
});

test('documents: empty ones are null, each one located', () => {
  assert.equal(readRepoYaml('---\n---\na: 1\n', 'f.yaml').map((d) => [d.value, d.line]), [[null, 1], [{ a: 1 }, 2]]);
  assert.equal(readRepoYaml('', 'f.yaml'), []);
  assert.equal(readRepoYaml('# only a comment\n', 'f.yaml'), []);
});

test.run();
