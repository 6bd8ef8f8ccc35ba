import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN, EXAMPLE, ROOT, tmpdir } from './helpers';

/**
 * Cold start: what a real `sccp` process loads for a command. The CLI runs in a fresh node (as
 * bin/sccp.js, on the built dist/) and on exit writes the modules in require.cache, relative to the
 * repository (node_modules/<package>/... for dependencies).
 */
function loaded(args: string[]): { code: number; stdout: string; stderr: string; modules: string[] } {
  const list = path.join(tmpdir('sccp-cold-start-'), 'modules.json');
  const script = `
    const fs = require('node:fs');
    process.on('exit', () => fs.writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));
    process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];
    require(${JSON.stringify(BIN)});`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  const modules = (JSON.parse(fs.readFileSync(list, 'utf8')) as string[]).map((f) => {
    const real = fs.realpathSync(f);
    const nm = real.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    return (nm >= 0 ? real.slice(nm + 1) : path.relative(ROOT, real)).split(path.sep).join('/');
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, modules };
}

test('--help and --version load only the CLI and core\'s errors module (and the character check it escapes messages with): no yaml, ajv, handlebars, features', () => {
  for (const args of [['--help'], ['--version'], []]) {
    const r = loaded(args);
    assert.ok(r.stdout.length > 0, `sccp ${args.join(' ')} printed nothing: ${r.stderr}`);
    assert.equal(r.modules.filter((m) => !m.endsWith('.json')).sort(), ['packages/core/dist/errors.js', 'packages/core/dist/text-safety.js', 'packages/platform/bin/sccp.js', 'packages/platform/dist/cli/main.js'], `sccp ${args.join(' ')}`);
  }
  assert.is(loaded(['--help']).code, 0);
  assert.is(loaded([]).code, 2);
});

test('a usage error still loads no feature, and exits 2 with the suggestion', () => {
  const r = loaded(['valdate']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /did you mean "validate"/);
  assert.not.ok(r.modules.some((m) => /^packages\/(feature|policy-pack)-/.test(m)), r.modules.join('\n'));
});

test('validate loads the schema validator and the features, but not verify, opa-wasm or the type generator', () => {
  const r = loaded(['validate', EXAMPLE]);
  assert.is(r.code, 0, r.stderr);
  assert.ok(r.modules.some((m) => m.startsWith('node_modules/ajv/')), 'validate uses ajv');
  assert.ok(r.modules.some((m) => m.startsWith('packages/feature-tenants/')), 'validate uses the features');
  for (const m of r.modules) {
    assert.not.match(m, /^node_modules\/@open-policy-agent\/opa-wasm\//);
    assert.not.match(m, /^node_modules\/json-schema-to-typescript\//);
    assert.not.match(m, /^packages\/platform\/dist\/(verify|build|cli\/vendor|cli\/policies|cli\/init-template)\.js$/);
  }
});

test.run();
