import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLE, sccp, snapshot, tmpdir, variant } from './helpers';

/** A pre-existing output directory that a failing build must leave byte-for-byte untouched. */
function existingOutput(): { out: string; before: Record<string, string> } {
  const out = path.join(tmpdir(), 'repo');
  assert.is(sccp(['build', EXAMPLE, '--out', out]).code, 0);
  fs.writeFileSync(path.join(out, 'NOTES.md'), 'kept\n');
  return { out, before: snapshot(out) };
}

/** Build a broken input: exit 1, no stack trace, the expected message, output untouched. */
function rejects(file: string, expected: RegExp[]) {
  const { out, before } = existingOutput();
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 1, `exit 1, got ${r.code}: ${r.stderr}`);
  for (const e of expected) assert.match(r.stderr, e);
  assert.not.match(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
  assert.equal(snapshot(out), before, 'the previous output is untouched');
  assert.equal(fs.readdirSync(path.dirname(out)), ['repo'], 'no temp dirs or locks left beside it');
  const v = sccp(['validate', file]);
  assert.is(v.code, 1);
}


test('YAML syntax error', () => {
  rejects(variant((t) => t.replace('domain: lab.example.com', 'domain: [lab.example.com')), [/platform\.yaml:\d+:\d+: YAML syntax error/]);
});

test('wrong type', () => {
  rejects(variant((t) => t.replace('      replicas: 2\n', '      replicas: two\n')), [/platform\.yaml:\d+:\d+ \/features\/traefik\/values\/replicas: expected an integer, got "two"/]);
});

test('unknown key, with the closest valid key', () => {
  rejects(variant((t) => t.replace('domain: lab.example.com', 'domian: lab.example.com')), [
    /platform\.yaml:\d+:1 \/domian: unknown key "domian"/,
    /did you mean "domain"\?/,
    /platform\.yaml:\d+:\d+ \/: missing required key "domain"/,
  ]);
});

test('missing required field', () => {
  rejects(variant((t) => t.replace(/repository:\n  url: .*\n  revision: main\n/, '')), [/platform\.yaml:\d+:1 \/: missing required key "repository"/]);
});

test('invalid DNS-1123 name', () => {
  rejects(variant((t) => t.replace('name: lab\n', 'name: Lab_1\n')), [/platform\.yaml:\d+:7 \/name: expected a DNS-1123 label/, /got "Lab_1"/]);
});

test('placement and resources the API server would refuse: a label value, a toleration without key, a request above the limit the defaults keep', () => {
  const edit = (t: string) => t.replace('      rbac:\n        adminGroups: [platform-admins]\n', '      rbac:\n        adminGroups: [platform-admins]\n      placement:\n        nodeSelector:\n          role: "(infra)"\n        tolerations:\n          - operator: Equal\n');
  rejects(variant(edit), [/\/features\/argocd\/values\/placement\/nodeSelector\/role: expected a Kubernetes label value/, /\/features\/argocd\/values\/placement\/tolerations\/0\/operator: expected "Exists", got "Equal"/]);
  // only a limit in platform.yaml: the default request of the feature is above it
  const limit = (t: string) => t.replace('      retention: 744h\n', '      retention: 744h\n      resources:\n        limits:\n          memory: 64Mi\n');
  rejects(variant(limit), [/platform\.yaml:\d+:\d+ \/features\/loki\/values\/resources\/requests\/memory: requests\.memory \S+ is more than limits\.memory 64Mi: the API server refuses a request above its limit/]);
});

test('a name that is a path escape', () => {
  rejects(variant((t) => t.replace('        - name: default\n', '        - name: ../../etc\n')), [/\/features\/metallb\/values\/pools\/0\/name: expected a DNS-1123 label/, /got "\.\.\/\.\.\/etc"/]);
});

test('invalid CIDR', () => {
  rejects(variant((t) => t.replace('192.168.10.240/28', '192.168.10.300/28')), [/\/features\/metallb\/values\/pools\/0\/addresses\/0: expected a CIDR/, /"192\.168\.10\.300\/28"/]);
});

test('an IPv6 range where only IPv4 is enabled', () => {
  rejects(variant((t) => t.replace('ipFamilies: [IPv4, IPv6]', 'ipFamilies: [IPv4]').replace('    - fd00:10::/64\n', '')), [
    /platform\.yaml:\d+:\d+ \/features\/metallb\/values\/pools\/0\/addresses\/1: .*IPv6.*IPv4/,
  ]);
});

test('duplicate feature', () => {
  rejects(variant((t) => t + '  argocd: {}\n'), [/platform\.yaml:\d+:3: duplicate key "argocd"/]);
});

test('unknown feature, with a suggestion', () => {
  rejects(variant((t) => t + '  metalb: {}\n'), [/\/features\/metalb: unknown key "metalb"/, /did you mean "metallb"\?/]);
});

test('an empty file', () => {
  rejects(variant(() => ''), [/platform\.yaml:1:1: the file is empty/]);
});

test('a YAML alias bomb', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (const [prev, cur] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) bomb.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  rejects(variant(() => bomb.join('\n') + '\n'), [/too many YAML alias expansions/]);
});

test('a 10 MB file', () => {
  rejects(variant((t) => t + '# ' + 'x'.repeat(10 * 1024 * 1024) + '\n'), [/platform\.yaml: file is 10\.0 MiB; the limit is 1 MiB/]);
});

test('a file that does not exist', () => {
  const r = sccp(['validate', path.join(tmpdir(), 'nope.yaml')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /nope\.yaml: no such file/);
});

test('usage errors exit 2 with a hint', () => {
  let r = sccp(['biuld']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown command "biuld" \(did you mean "build"\?\)/);
  r = sccp(['build', '--ot', 'x']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown option --ot \(did you mean --out\?\)/);
  r = sccp(['build', '--out']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /--out needs a value/);
});

test('a template expression in a value reaches values.yaml literally, quoted', () => {
  const file = variant((t) => t.replace('        mode: l2\n', '        mode: l2\n        interfaces: ["{{ .Release.Name }}"]\n'));
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  assert.match(fs.readFileSync(path.join(out, 'charts/metallb/values.yaml'), 'utf8'), /- "\{\{ \.Release\.Name \}\}"/);
});


test.run();
