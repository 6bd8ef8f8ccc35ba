import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enginePath, helmTemplate, materializeChart, standinValues } from '../src';

test('a missing engine fails loudly with the command that builds it', () => {
  assert.throws(() => enginePath('no-such-engine' as never), /engine "no-such-engine" is not built: run `npm run engines`/);
});

test('stand-in upstream charts echo exactly the values the wrapper hands them', () => {
  const files = new Map([
    ['Chart.yaml', 'apiVersion: v2\nname: wrapper\nversion: 1.0.0\ndependencies:\n  - name: up\n    version: 2.3.4\n    repository: https://charts.example.com\n'],
    ['values.yaml', 'up:\n  replicas: 3\n  name: "{{ .Release.Name }}"\n'],
  ]);
  const dir = materializeChart(files, [{ name: 'up', version: '2.3.4', repository: 'https://charts.example.com', source: 'test' }], 'wrapper');
  assert.ok(fs.existsSync(path.join(dir, 'charts', 'up', 'Chart.yaml')));
  const r = helmTemplate(dir);
  assert.is(r.status, 0, r.stderr);
  assert.equal(standinValues(r.manifests, 'up'), { replicas: 3, name: '{{ .Release.Name }}' });
});

test.run();
