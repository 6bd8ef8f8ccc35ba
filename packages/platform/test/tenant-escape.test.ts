// `sccp build` of a platform.yaml whose tenant reaches beyond its namespaces or escalates through
// its allow-lists: exit 1, the file:line:col of the offending value with its JSON pointer and what
// was expected, no stack trace, no output written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sccp, tmpdir, variant } from './helpers';

const SOURCES = '          sourceRepos:\n            - https://git.example.com/checkout/*\n';
const TENANT = '/features/tenants/values/tenants/1';

/** The bare-metal example with `lines` added to the checkout tenant (after its sourceRepos), or `edit` applied. */
function withCheckout(lines: string[] | ((text: string) => string)): { file: string; text: string } {
  const file = variant((t) => {
    assert.ok(t.includes(SOURCES), 'the example still has the checkout sourceRepos');
    return typeof lines === 'function' ? lines(t) : t.replace(SOURCES, SOURCES + lines.map((l) => `          ${l}\n`).join(''));
  });
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/** 1-based line of the first line containing `needle`, and the column where the value after "- " or ": " starts. */
function position(text: string, needle: string): { line: number; col: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `"${needle}" in the input`);
  return { line: i + 1, col: lines[i].indexOf(needle) + 1 };
}

/** Build and validate refuse the input: exit 1, the message at file:line:col pointer, nothing written. */
function refused(input: { file: string; text: string }, at: { needle: string; pointer: string; message: RegExp }) {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', input.file, '--out', out]);
  assert.is(r.code, 1, `exit 1, got ${r.code}: ${r.stdout}${r.stderr}`);
  const { line } = position(input.text, at.needle);
  const re = new RegExp(`platform\\.yaml:${line}:\\d+ ${at.pointer.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `);
  assert.match(r.stderr, re, r.stderr);
  assert.match(r.stderr, at.message);
  assert.not.match(r.stderr, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
  assert.not.ok(fs.existsSync(out), 'no output written');
  const v = sccp(['validate', input.file]);
  assert.is(v.code, 1);
  assert.match(v.stderr, re);
}

const t = suite('sccp build: a tenant cannot escape its namespaces');

t('a destination server that is a pattern (https://*) is refused by the schema', () => {
  const input = withCheckout(['destinations:', '  - namespace: checkout', '  - server: "https://*"', '    namespace: kube-system']);
  refused(input, { needle: 'server: "https://*"', pointer: `${TENANT}/destinations/1/server`, message: /expected a string matching \^https:\/\// });
});

t('a destination namespace pattern (kube-*) is refused by the schema', () => {
  const input = withCheckout(['destinations:', '  - namespace: checkout', '  - namespace: "kube-*"']);
  refused(input, { needle: 'namespace: "kube-*"', pointer: `${TENANT}/destinations/1/namespace`, message: /expected a DNS-1123 label/ });
});

t('a destination by cluster name (in-cluster) is refused by the schema', () => {
  const input = withCheckout(['destinations:', '  - namespace: checkout', '  - name: in-cluster', '    namespace: kube-system']);
  refused(input, { needle: 'name: in-cluster', pointer: `${TENANT}/destinations/1/name`, message: /unknown key "name"/ });
});

t('this cluster spelled differently (:443) is refused by validate', () => {
  const input = withCheckout(['destinations:', '  - namespace: checkout', '  - server: https://kubernetes.default.svc:443', '    namespace: kube-system']);
  refused(input, { needle: 'server: https://kubernetes.default.svc:443', pointer: `${TENANT}/destinations/1/server`, message: /this cluster's API server; write it as https:\/\/kubernetes\.default\.svc/ });
});

t('a reserved namespace on a remote cluster is refused by validate', () => {
  const input = withCheckout(['destinations:', '  - namespace: checkout', '  - server: https://prod.example.com:6443', '    namespace: kube-system']);
  refused(input, { needle: 'namespace: kube-system', pointer: `${TENANT}/destinations/1/namespace`, message: /reserved for the cluster and the platform, on every cluster/ });
});

t('an allow-list entry that matches ClusterRoleBinding ({*, ClusterRoleBinding}) is refused, naming it', () => {
  const input = withCheckout(['clusterResourceAllowList:', '  - { group: "*", kind: ClusterRoleBinding }']);
  refused(input, { needle: '{ group: "*", kind: ClusterRoleBinding }', pointer: `${TENANT}/clusterResourceAllowList/0`, message: /rbac\.authorization\.k8s\.io\/\* \(ClusterRoles and ClusterRoleBindings/ });
});

t('an allow-list entry for webhooks is refused', () => {
  const input = withCheckout(['clusterResourceAllowList:', '  - group: admissionregistration.k8s.io', '    kind: ValidatingWebhookConfiguration']);
  refused(input, { needle: 'group: admissionregistration.k8s.io', pointer: `${TENANT}/clusterResourceAllowList/0`, message: /admissionregistration\.k8s\.io\/\*/ });
});

t('a sourceRepos pattern without a literal host (?**) is refused', () => {
  const input = withCheckout((text) => text.replace(SOURCES, SOURCES + '            - "?**"\n'));
  refused(input, { needle: '- "?**"', pointer: `${TENANT}/sourceRepos/1`, message: /does not name its host/ });
});

t('control: the example itself builds', () => {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', withCheckout([]).file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  const project = fs.readFileSync(path.join(out, 'tenants', 'checkout', 'project.yaml'), 'utf8');
  assert.match(project, 'https://git.example.com/checkout/*');
});

t.run();
