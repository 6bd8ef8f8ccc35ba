import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bundle, compileValidator, formatDiagnostic, parseYamlSource, schemaDefaults } from '../src';

const D = 'https://sccp.dev/schemas/defs.json#/$defs/';
const schema = bundle({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { $ref: D + 'dnsLabel' },
    replicas: { type: 'integer', minimum: 1, default: 2 },
    mode: { type: 'string', enum: ['l2', 'bgp'], default: 'l2' },
    pools: { type: 'array', items: { $ref: D + 'addressRange' } },
    resources: { $ref: D + 'resources' },
    nested: { type: 'object', additionalProperties: false, properties: { a: { type: 'boolean', default: true } } },
  },
});
const validate = compileValidator(schema);
const run = (yaml: string) => {
  const src = parseYamlSource(yaml, 'x.yaml');
  return validate(src.data, src).map(formatDiagnostic);
};

test('valid input gives no diagnostics', () => {
  assert.equal(run('name: ok\nreplicas: 3\npools: [10.0.0.0/24, "fd00::1-fd00::ff"]\n'), []);
});

test('unknown key: position of the key, pointer, expected keys and the closest one', () => {
  assert.equal(run('name: ok\nreplcias: 3\n'), ['x.yaml:2:1 /replcias: unknown key "replcias"; expected one of: name, replicas, mode, pools, resources, nested (did you mean "replicas"?)']);
});

test('wrong type, enum with suggestion, missing required', () => {
  assert.equal(run('replicas: two\nmode: bgpp\n'), [
    'x.yaml:1:1 /: missing required key "name"',
    'x.yaml:1:11 /replicas: expected an integer, got "two"',
    'x.yaml:2:7 /mode: expected one of "l2", "bgp", got "bgpp" (did you mean "bgp"?)',
  ]);
});

test('formats explain what was expected', () => {
  const out = run('name: ../../etc\npools: [10.0.0.1/24]\nresources: {limits: {memory: lots}}\n');
  assert.is(out.length, 3);
  assert.match(out[0], /^x\.yaml:1:7 \/name: expected a DNS-1123 label/);
  assert.match(out[1], /^x\.yaml:2:9 \/pools\/0: expected a CIDR .* got "10\.0\.0\.1\/24"$/);
  assert.match(out[2], /^x\.yaml:3:30 \/resources\/limits\/memory: expected a whole number of bytes as a Kubernetes quantity/);
});

test('defaults come from the schema, nested', () => {
  assert.equal(schemaDefaults(schema), { replicas: 2, mode: 'l2', nested: { a: true } });
});

test.run();
