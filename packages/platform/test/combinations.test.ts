import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { EXAMPLE, sccp, tmpdir, variant } from './helpers';

const doc = parse(fs.readFileSync(EXAMPLE, 'utf8'));
/** The example's features: those under features: and its admission controller (enabled by `admission: kyverno`). */
const features = [...Object.keys(doc.features), doc.admission].sort();

test('the bare-metal example enables every built-in feature but the other admission controller', () => {
  const all = JSON.parse(sccp(['features', '--json']).stdout).map((f: any) => f.name).sort();
  assert.equal([...features, 'gatekeeper'].sort(), all);
});

/** The example with one feature switched off (`enabled: false` keeps its values in place; the controller: admission none). */
const without = (name: string) =>
  variant((t) => {
    const out =
      name === doc.admission
        ? t.replace(`admission: ${name}`, 'admission: none')
        : t.replace(new RegExp(`^  ${name}:( \\{\\})?\\n`, 'm'), (_m, empty) => `  ${name}:${empty ? ' {enabled: false}' : '\n    enabled: false'}\n`);
    assert.is.not(out, t, `${name} switched off`);
    return out;
  });

for (const name of features) {
  test(`all but ${name}: a valid repository, or a clear error naming both features`, () => {
    const out = path.join(tmpdir(), 'repo');
    const r = sccp(['build', without(name), '--out', out]);
    if (name === 'prometheus') {
      // thanos requires prometheus
      assert.is(r.code, 1, r.stderr);
      assert.match(r.stderr, /\/features\/thanos: feature "thanos" requires feature "prometheus", which is not enabled \(features\.prometheus has enabled: false\)/);
      return;
    }
    if (name === 'rook-ceph') {
      // thanos needs object storage: rook-ceph, or an external bucket it is told about
      assert.is(r.code, 1, r.stderr);
      assert.match(r.stderr, /platform\.yaml:\d+:\d+ \/features\/thanos\/values\/objstore\/existingSecret: thanos needs object storage .*rook-ceph is not enabled/);
      return;
    }
    assert.is(r.code, 0, r.stderr);
    assert.not.ok(fs.existsSync(path.join(out, 'apps', `${name}.yaml`)));
    const apps = fs.readdirSync(path.join(out, 'apps')).map((f) => f.replace(/\.yaml$/, '')).sort();
    // the bundled policies have their own Application, unless the admission controller is the one switched off
    assert.equal(apps, [...features.filter((f) => f !== name), ...(name === doc.admission ? [] : ['policies'])].sort());
    const v = sccp(['verify', out]);
    assert.is(v.code, 0, v.stdout + v.stderr);
  });
}

test.run();
