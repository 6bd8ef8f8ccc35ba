import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { UNSAFE_CHARACTER, emitJson, emitYaml } from '@sccp/core';
import { builtinRegistry, loadPlatform, planPlatform, renderPlatform } from '../src';
import { EXAMPLE, featureProject, sccp, snapshot, tmpdir, variant } from './helpers';

/**
 * Control, bidirectional and invisible formatting characters: refused in platform.yaml with the
 * place they are written, and never written raw into a generated file, the README included.
 */

const RLO = '\u202E';
const ESC = '\u001B';
const UNSAFE_ANY = new RegExp(UNSAFE_CHARACTER.source, 'g');

/** `sccp build` and `sccp validate` both refuse the file: exit 1, the expected lines, nothing written, no raw unsafe character echoed. */
function refused(file: string, expected: RegExp[]) {
  const out = path.join(tmpdir(), 'repo');
  const build = sccp(['build', file, '--out', out]);
  assert.is(build.code, 1, build.stderr);
  assert.not.ok(fs.existsSync(out), 'nothing written');
  const validate = sccp(['validate', file]);
  assert.is(validate.code, 1, validate.stderr);
  for (const r of [build, validate]) {
    for (const e of expected) assert.match(r.stderr, e);
    assert.not.match(r.stderr, /\n\s+at .*:\d+:\d+\)?/, 'no stack trace');
    assert.not.match(r.stderr, UNSAFE_ANY, 'the message writes the character as U+XXXX / \\uXXXX, never raw');
  }
}

test('a bidi override written raw in a tenant description: exit 1 at its line and column, with the pointer', () => {
  // line 105 of the example: `          description: Web shop front end`
  const file = variant((s) => s.replace('description: Web shop front end', `description: Web shop ${RLO}dne tnorf`));
  refused(file, [/platform\.yaml:105:33 \/features\/tenants\/values\/tenants\/0\/description: the value contains U\+202E \(right-to-left override\)/]);
});

test('a terminal escape written as a YAML escape in an exception reason: located at the value, named as U+001B', () => {
  const file = variant((s) => s.replace(/reason: (The vendor's ledger exporter.*)/, 'reason: "\\e[2J\\e[1;1H $1"'));
  const text = fs.readFileSync(file, 'utf8');
  const line = text.split('\n').findIndex((l) => l.includes('\\e[2J')) + 1;
  refused(file, [new RegExp(`platform\\.yaml:${line}:15 /policies/exceptions/0/reason: the value contains U\\+001B \\(escape\\)`)]);
});

test('C1 controls, DEL, CR, zero-width and isolate characters in values, keys and comments are each reported', () => {
  const file = variant(
    (s) =>
      s
        .replace('name: lab\n', `name: lab\nx-\u2066key: 1 # note\u0085\n`)
        .replace('domain: lab.example.com', 'domain: "lab.example.com\\r\\u007f"')
        .replace('# all, and ArgoCD', `# all\u200B, and ArgoCD`),
  );
  refused(file, [
    /platform\.yaml:5:6: the text outside any key or value \(a comment\?\) contains U\+200B \(zero width space\)/,
    /platform\.yaml:9:3 \/x-\\u2066key: the key contains U\+2066 \(left-to-right isolate\)/,
    /platform\.yaml:9:17: the text outside any key or value \(a comment\?\) contains U\+0085 \(next line\)/,
    /\/domain: the value contains U\+000D \(carriage return\)/,
    /\/domain: the value contains U\+007F \(delete\)/,
  ]);
});

test('a UTF-8 byte-order mark at the start is accepted: same output as without it, and line 1 positions unchanged', () => {
  const plain = path.join(tmpdir(), 'repo');
  assert.is(sccp(['build', variant((s) => s), '--out', plain]).code, 0);
  const bom = variant((s) => '\uFEFF' + s);
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', bom, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(snapshot(out), snapshot(plain));
  // a problem on line 1 is still at column 1
  const bad = sccp(['validate', variant((s) => '\uFEFFnope: 1\n' + s)]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /platform\.yaml:1:1 \/nope: unknown key "nope"/);
  // a BOM anywhere else is an invisible character like the others
  const inner = sccp(['validate', variant((s) => s.replace('name: lab', 'name: l\uFEFFab'))]);
  assert.is(inner.code, 1);
  assert.match(inner.stderr, /platform\.yaml:8:8 \/name: the value contains U\+FEFF \(byte order mark\)/);
});

test('CRLF line endings are line breaks, not carriage returns in the text', () => {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', variant((s) => s.replace(/\n/g, '\r\n')), '--out', out]);
  assert.is(r.code, 0, r.stderr);
});

test('a file that is not UTF-8 is refused at the first bad byte', () => {
  const dir = tmpdir();
  const file = path.join(dir, 'platform.yaml');
  const text = fs.readFileSync(EXAMPLE, 'utf8').replace('description: Web shop front end', 'description: Caf\u00e9 front end');
  fs.writeFileSync(file, Buffer.from(text, 'latin1'));
  const r = sccp(['validate', file]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /platform\.yaml:105:27: is not UTF-8 text \(an invalid byte sequence here\); save it as UTF-8/);
});

test('the emitters write unsafe characters as escapes that read back to the same text', () => {
  const value = { [`k${RLO}`]: `a${ESC}[31m b\u0085 c\u007f d\u2028 e\uFEFF f\ttab`, plain: 'x', multi: `one\ntwo${RLO}` };
  const yaml = emitYaml(value);
  const json = emitJson(value);
  assert.not.match(yaml, UNSAFE_ANY, yaml);
  assert.not.match(json, UNSAFE_ANY, json);
  assert.match(yaml, /"k\\u202E": "a\\e\[31m b\\u0085 c\\u007F d\\u2028 e\\uFEFF f\\ttab"/);
  assert.equal(parse(yaml), value);
  assert.equal(JSON.parse(json), value);
});

test('generated files never carry an unsafe character, even when one gets past the input (README, annotations, values)', () => {
  const plan = planPlatform(loadPlatform(EXAMPLE, builtinRegistry()));
  plan.spec.description = `Lab ${RLO}evil${ESC}[2J`;
  const declared = plan.exceptions.find((e) => e.origin.type === 'declared')!;
  declared.reason = `${ESC}]8;;https://evil.example\u0007click${RLO}`;
  const { tree } = renderPlatform(plan);
  for (const [file, content] of tree) assert.not.match(content, UNSAFE_ANY, file);
  const readme = tree.get('README.md')!;
  assert.match(readme, /^Lab \\u202Eevil\\u001B\[2J$/m);
  assert.match(readme, /\\u001B\]8;;https:\/\/evil\.example\\u0007click\\u202E/);
  const exception = [...tree].find(([f]) => f.startsWith('policies/exceptions/baseline-resources-required.checkout-jobs'))!;
  const annotations = parseAllDocuments(exception[1]).map((d) => d.toJS())[0].metadata.annotations;
  assert.is(annotations['sccp.dev/reason'], declared.reason, 'the annotation reads back as the same text');
});

test('a feature template carrying a raw bidi character is refused, naming the file', () => {
  const dir = featureProject('unsafe-', {
    name: '@acme/sccp-feature-echo',
    index: `const { defineFeature } = require('@sccp/core');
module.exports = defineFeature({
  packageDir: __dirname, name: 'echo', description: 'echo', namespace: 'echo', upstream: [],
  render: () => ({ values: {}, templates: { 'cm.yaml': 'kind: ConfigMap\\n# access is \\u202Edenied\\n' } }),
});
`,
  });
  try {
    fs.writeFileSync(
      path.join(dir, 'platform.yaml'),
      'apiVersion: sccp.dev/v1alpha1\nkind: Platform\nname: ext\ndomain: ext.example.com\nrepository: { url: https://git.example.com/ext.git }\nfeatures:\n  argocd: {}\n  echo:\n    package: "@acme/sccp-feature-echo"\n',
    );
    const out = path.join(tmpdir(), 'repo');
    const r = sccp(['build', 'platform.yaml', '--out', out], { cwd: dir });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /charts\/echo\/templates\/cm\.yaml:2:13: contains U\+202E \(right-to-left override\); a generated file must not carry/);
    assert.not.ok(fs.existsSync(out), 'nothing written');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
