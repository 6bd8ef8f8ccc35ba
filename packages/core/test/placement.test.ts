import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bundle, compileValidator, formatDiagnostic, isClassName, isLabelKey, isLabelValue, isWholeQuantity, parseYamlSource, resourceProblems, yamlReadsAsNonString } from '../src';

// what the API server accepts in a Pod template's nodeSelector, tolerations and resources, which
// property platforms drawn from the old schema showed it refusing (apiserver-apply.test.ts)
const D = 'https://sccp.dev/schemas/defs.json#/$defs/';
const schema = bundle({
  type: 'object',
  additionalProperties: false,
  properties: {
    placement: { $ref: D + 'placement' },
    resources: { $ref: D + 'resources' },
    components: { type: 'object', additionalProperties: { type: 'object', properties: { resources: { $ref: D + 'resources' } } } },
  },
});
const validate = compileValidator(schema);
const run = (yaml: string) => {
  const src = parseYamlSource(yaml, 'x.yaml');
  return validate(src.data, src).map(formatDiagnostic);
};

test('label keys and values as the API server checks them', () => {
  for (const k of ['role', 'node-role.kubernetes.io/infra', 'topology.kubernetes.io/zone', 'a_b.c', 'A1', 'x'.repeat(63)]) assert.ok(isLabelKey(k), k);
  for (const k of ['', 'bad key', '-a', 'a-', '/a', 'a/', 'Example.com/a', 'a/b/c', 'x'.repeat(64), '(/&5>A']) assert.not.ok(isLabelKey(k), k);
  for (const v of ['', 'a', 'gpu-1', 'A.b_c', 'x'.repeat(63)]) assert.ok(isLabelValue(v), v);
  for (const v of ['-a', 'a b', 'a/b', 'x'.repeat(64), '(/&5>A']) assert.not.ok(isLabelValue(v), v);
});

test('nodeSelector: a bad key is located at the key, a bad value at the value', () => {
  assert.equal(run('placement:\n  nodeSelector:\n    node-role.kubernetes.io/infra: ""\n    zone: eu-1\n'), []);
  const out = run('placement:\n  nodeSelector:\n    "bad key": x\n    role: "(/&5>A"\n');
  assert.is(out.length, 2, out.join('\n'));
  assert.match(out[0], /^x\.yaml:3:5 \/placement\/nodeSelector\/bad key: key "bad key": expected a Kubernetes label key/);
  assert.match(out[1], /^x\.yaml:4:11 \/placement\/nodeSelector\/role: expected a Kubernetes label value .*, got "\(\/&5>A"$/);
});

test("tolerations: the API server's rules between key, operator, value and effect", () => {
  const ok = ['- operator: Exists', '- key: dedicated\n    value: gpu', '- key: dedicated\n    operator: Exists', '- key: a\n    effect: NoExecute\n    tolerationSeconds: 30'];
  for (const t of ok) assert.equal(run(`placement:\n  tolerations:\n  ${t}\n`), [], t);
  assert.equal(run('placement:\n  tolerations:\n  - value: x\n'), ['x.yaml:3:5 /placement/tolerations/0: missing required key "operator"'], 'no key: operator Exists');
  assert.equal(run('placement:\n  tolerations:\n  - operator: Equal\n'), ['x.yaml:3:15 /placement/tolerations/0/operator: expected "Exists", got "Equal"']);
  assert.equal(run('placement:\n  tolerations:\n  - key: a\n    operator: Exists\n    value: b\n'), ['x.yaml:5:12 /placement/tolerations/0/value: expected "", got "b"'], 'Exists has no value');
  assert.equal(run('placement:\n  tolerations:\n  - key: a\n    effect: NoSchedule\n    tolerationSeconds: 5\n'), ['x.yaml:4:13 /placement/tolerations/0/effect: expected "NoExecute", got "NoSchedule"']);
  assert.equal(run('placement:\n  tolerations:\n  - key: a b\n'), ['x.yaml:3:10 /placement/tolerations/0/key: expected a Kubernetes label key such as node-role.kubernetes.io/infra ([prefix/]name: the prefix a DNS subdomain, the name at most 63 letters, digits, \'-\', \'_\' or \'.\', alphanumeric at both ends), got "a b"']);
});

test('resourceProblems: a request above its limit, wherever the schema puts a resources', () => {
  const values = { resources: { requests: { cpu: '2', memory: '4085M' }, limits: { cpu: '2000m', memory: '3' } }, components: { 'a/b': { resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } }, ok: { resources: { requests: { cpu: '1' } } } } };
  assert.equal(resourceProblems(schema, values), [
    { pointer: '/resources/requests/memory', message: 'requests.memory 4085M is more than limits.memory 3: the API server refuses a request above its limit' },
    { pointer: '/components/a~1b/resources/requests/cpu', message: 'requests.cpu 1 is more than limits.cpu 500m: the API server refuses a request above its limit' },
  ]);
  assert.equal(resourceProblems(schema, { resources: { requests: { memory: '1Gi' }, limits: { memory: '1024Mi' } } }), [], 'equal is fine');
});

test('memory and storage sizes are whole bytes (the API server warns on a fraction of a byte and rounds it up)', () => {
  for (const q of ['0', '512Mi', '1.5Gi', '2e3', '1G', '1.5k', '+4']) assert.ok(isWholeQuantity(q), q);
  for (const q of ['100m', '0.5', '1.0001k', '2132904783522666905.6', '.9', 'x', '', '.']) assert.not.ok(isWholeQuantity(q), q);
  assert.equal(run('resources:\n  requests:\n    memory: 1.5Gi\n    cpu: 100m\n  limits:\n    memory: 100m\n'), [
    "x.yaml:6:13 /resources/limits/memory: expected a whole number of bytes as a Kubernetes quantity, such as 512Mi, 20Gi or 1G (not 100m: the API server takes no fraction of a byte), got \"100m\"",
  ]);
});

test('class names the upstream charts write unquoted must read back as text', () => {
  for (const n of ['ceph-block', 'traefik', 'a1', '3a', 'fast.ssd', 'yes-please']) assert.ok(isClassName(n), n);
  // as the API server saw them from the charts: ingressClassName 3, storageClassName 5
  for (const n of ['3', '5', '1.5', '1e3', '0x1f', 'on', 'off', 'no', 'y', 'n', 'yes', 'true', 'null', 'Bad', '']) assert.not.ok(isClassName(n), n);
  assert.ok(yamlReadsAsNonString('1E3') && yamlReadsAsNonString('.5') && !yamlReadsAsNonString('1e3a'));
});

test.run();
