import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { emitJson, emitYaml, renderTemplate, topoDepths, deepMerge } from '../src';

test('YAML is deterministic: sorted keys, no folding, template delimiters quoted', () => {
  const v = { b: '{{ .Release.Name }}', a: [{ z: 1, y: 'x'.repeat(200) }], c: 'plain {{ lookup "v1" "Secret" "" "" }}' };
  const text = emitYaml(v);
  assert.is(text, emitYaml(JSON.parse(JSON.stringify(v))));
  assert.ok(text.indexOf('a:') < text.indexOf('b:'));
  assert.match(text, /^b: "\{\{ \.Release\.Name \}\}"$/m);
  assert.match(text, /^c: "plain \{\{ lookup \\"v1\\" \\"Secret\\" \\"\\" \\"\\" \}\}"$/m);
  assert.equal(parse(text), v);
  assert.not.match(text, /\r/);
});

test('strings YAML 1.1 readers (Helm) would retype are quoted', () => {
  for (const v of ['yes', 'no', 'on', 'off', 'y', 'N', '~', '0777', '1:30', '.inf']) {
    assert.is(emitYaml({ v }), `v: "${v}"\n`, v);
  }
  assert.is(emitYaml({ v: 'yesterday', n: 10, b: true }), 'b: true\n"n": 10\nv: yesterday\n', 'keys too: a YAML 1.1 reader takes n for false');
});

test('JSON is sorted with a trailing newline', () => {
  assert.is(emitJson({ b: 1, a: { d: 1, c: 2 } }), '{\n  "a": {\n    "c": 2,\n    "d": 1\n  },\n  "b": 1\n}\n');
});

test('Handlebars keeps Helm actions: raw blocks and the helm helper', () => {
  const out = renderTemplate('{{#if bgp}}kind: BGPPeer{{else}}kind: L2Advertisement{{/if}}\nspec: {{helm "toYaml .Values.sccp.x | nindent 2"}}\n{{{{raw}}}}name: {{ .Release.Name }}-{{ .Values.y | quote }}{{{{/raw}}}}\n', { bgp: false });
  assert.is(out, 'kind: L2Advertisement\nspec: {{ toYaml .Values.sccp.x | nindent 2 }}\nname: {{ .Release.Name }}-{{ .Values.y | quote }}\n');
});

test('Handlebars is strict: a missing variable is an error', () => {
  assert.throws(() => renderTemplate('{{ nothere }}', {}), /nothere/);
});

test('topological depths and cycles', () => {
  const deps: Record<string, string[]> = { grafana: ['prometheus', 'loki'], prometheus: [], loki: ['rook'], rook: [] };
  const r = topoDepths(Object.keys(deps), (n) => deps[n]);
  assert.equal(r.depth, { grafana: 2, loki: 1, prometheus: 0, rook: 0 });
  assert.equal(r.order, ['prometheus', 'rook', 'loki', 'grafana']);
  assert.throws(() => topoDepths(['a', 'b'], (n) => (n === 'a' ? ['b'] : ['a'])), /cycle: a -> b -> a/);
});

test('deep merge: maps merge, lists replace, inputs untouched', () => {
  const a = { x: { y: 1, l: [1, 2] } };
  const r = deepMerge<any>(a, { x: { z: 2, l: [3] } });
  assert.equal(r, { x: { y: 1, z: 2, l: [3] } });
  assert.equal(a, { x: { y: 1, l: [1, 2] } });
});

test.run();
