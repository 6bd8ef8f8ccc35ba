import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enginePath } from '@sccp/test-kit';
import { exampleRepoCopy, sccp } from './helpers';

/**
 * `sccp verify` reads the repository the way Argo CD and kubectl do (go-yaml v2 through
 * sigs.k8s.io/yaml: YAML 1.1, `<<` merges), so a pull request cannot hide a privileged container
 * behind `yes`, `on` or a merge key; and a document it cannot read is an error, never a skip.
 */
const repo = exampleRepoCopy;

const verify = (out: string) => sccp(['verify', out, '--helm', enginePath('helm'), '--json']);

/** A Deployment in tenant namespace shop whose only container sets securityContext.privileged to `value` (YAML text). */
const deployment = (value: string, name = 'sneaky') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0
          securityContext:
            privileged: ${value}
`;

function privilegedViolations(out: string): string[] {
  const r = verify(out);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout).violations.filter((v: any) => v.policy === 'baseline-no-privileged').map((v: any) => `${v.file} ${v.resource}`);
}

for (const value of ['yes', 'on', 'Y', 'true']) {
  test(`privileged: ${value} in a tenant's manifests is a privileged container (YAML 1.1)`, () => {
    const out = repo();
    fs.writeFileSync(path.join(out, 'tenants', 'shop', 'sneaky.yaml'), deployment(value));
    assert.equal(privilegedViolations(out), ['tenants/shop/sneaky.yaml Deployment/shop/sneaky']);
  });
}

test('privileged: "yes" (quoted) and privileged: no are not', () => {
  const out = repo();
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'quoted.yaml'), `${deployment('"yes"', 'quoted')}---\n${deployment('no', 'off')}`);
  assert.equal(privilegedViolations(out), []);
});

test('a << merge key brings privileged: yes into the container', () => {
  const out = repo();
  fs.writeFileSync(
    path.join(out, 'tenants', 'shop', 'merged.yaml'),
    deployment('false', 'merged').replace(/securityContext:\n\s+privileged: false\n/, 'securityContext:\n            <<: { privileged: yes }\n'),
  );
  assert.equal(privilegedViolations(out), ['tenants/shop/merged.yaml Deployment/shop/merged']);
});

test('a merge through an anchor defined in an earlier part of the document', () => {
  const out = repo();
  const text = `x-defaults: &ctx { privileged: on, allowPrivilegeEscalation: false }\n${deployment('false', 'anchored').replace(/securityContext:\n\s+privileged: false\n/, 'securityContext:\n            <<: *ctx\n')}`;
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'anchored.yaml'), text);
  assert.equal(privilegedViolations(out), ['tenants/shop/anchored.yaml Deployment/shop/anchored']);
});

test('a key set before a << merge that sets it too is refused (go-yaml v2 takes the merged value, YAML the explicit one)', () => {
  const out = repo();
  const text = deployment('false', 'order').replace(/privileged: false\n/, 'privileged: false\n            <<: { privileged: true }\n');
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'order.yaml'), text);
  const r = verify(out);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /tenants\/shop\/order\.yaml:16:\d+: .*"privileged".*<</);
});

test('privileged: yes in a chart template is caught after helm renders it', () => {
  const out = repo();
  fs.writeFileSync(path.join(out, 'charts', 'metallb', 'templates', 'sneaky.yaml'), deployment('yes'));
  // (in namespace shop: the platform's own namespaces have a platform exception for it)
  assert.equal(privilegedViolations(out), ['charts/metallb (rendered) Deployment/shop/sneaky']);
});

test('a pod hidden in a kind: List is checked (kubectl and Argo CD apply the items)', () => {
  const out = repo();
  const item = deployment('true', 'listed').replace(/\n/g, '\n    ').replace(/^/, '  - ');
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'list.yaml'), `apiVersion: v1\nkind: List\nitems:\n${item}\n`);
  assert.equal(privilegedViolations(out), ['tenants/shop/list.yaml Deployment/shop/listed']);
});

test('a UTF-8 byte-order mark at the start of a file is read as go-yaml reads it', () => {
  const out = repo();
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'bom.yaml'), `\uFEFF${deployment('yes', 'bom')}`);
  assert.equal(privilegedViolations(out), ['tenants/shop/bom.yaml Deployment/shop/bom']);
});

const refused: [string, string, string, RegExp][] = [
  ['a syntax error under apps/', 'apps', 'apps: [unclosed\nkind: Application\n', /apps\/broken\.yaml:\d+:\d+: /],
  ['a syntax error in the second document under tenants/', 'tenants/shop', `${deployment('false', 'ok')}---\nkind: Pod\nmetadata: { name: x\n`, /tenants\/shop\/broken\.yaml:1[89]:\d+: /],
  ['a duplicate key', 'tenants/shop', deployment('false', 'dup').replace('      containers:', '      hostPID: true\n      hostPID: false\n      containers:'), /tenants\/shop\/broken\.yaml:1[12]:\d+: .*(duplicate|unique|already)/i],
  ['a control character', 'tenants/shop', deployment('false', 'ctl').replace('name: app', 'name: a\u0007pp'), /tenants\/shop\/broken\.yaml:12:\d+: control character U\+0007/],
  ['a byte-order mark inside the file', 'tenants/shop', `${deployment('false', 'a')}---\n\uFEFF${deployment('false', 'b')}`, /tenants\/shop\/broken\.yaml:17:1: .*byte-order mark/],
  ['a %YAML 1.2 directive', 'tenants/shop', `%YAML 1.2\n---\n${deployment('yes', 'v12')}`, /tenants\/shop\/broken\.yaml:1:\d+: .*%YAML 1\.2.*1\.1/],
  ['a recursive alias', 'tenants/shop', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: loop, namespace: shop }\ndata: &d\n  self: *d\n`, /tenants\/shop\/broken\.yaml:5:\d+: .*(recursive|itself|circular)/i],
  ['an unknown alias', 'tenants/shop', `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: shop }\ndata: *nowhere\n`, /tenants\/shop\/broken\.yaml:4:\d+: .*nowhere/],
  ['a document that is not a resource', 'apps', 'just: a mapping\n', /apps\/broken\.yaml:1:1: .*kind/],
];
for (const [what, dir, text, message] of refused) {
  test(`${what} is a located error (exit 1), never a skip`, () => {
    const out = repo();
    fs.writeFileSync(path.join(out, dir, 'broken.yaml'), text);
    const r = verify(out);
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /internal error|\n\s+at /);
  });
}

test('an alias bomb (billion laughs) is refused fast', () => {
  const out = repo();
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'bomb.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: bomb, namespace: shop }\ndata:\n  ${levels.join('\n  ')}\n`);
  const started = Date.now();
  const r = verify(out);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /tenants\/shop\/bomb\.yaml:\d+:\d+: .*alias/i);
  assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
});

test.run();
