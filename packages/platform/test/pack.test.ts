import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packProblems } from '@sccp/test-kit';

// What `npm pack` ships, checked against the sources (built code, declarations, the files each package
// ships on purpose) — no tests, sources or source maps. @sccp/core cannot depend on the test kit (the
// kit depends on it), so its tarball is checked here too.
const t = suite('npm pack contents');
const packages = path.join(__dirname, '..', '..');

t('@sccp/platform: compiled CLI, its bin script, the composed schema, the guardrails', () => {
  const guardrails = ['production-ingress-tls', 'production-redundancy', 'prune-confirmed'].map((g) => `guardrails/${g}.yaml`);
  assert.equal(packProblems(path.join(packages, 'platform'), ['bin/sccp.js', 'platform.schema.json', ...guardrails]), []);
});

t('@sccp/core: compiled code, the shared schema definitions and the generators for feature packages', () => {
  assert.equal(packProblems(path.join(packages, 'core'), ['bin/gen-readme.js', 'bin/gen-types.js', 'schemas/defs.json']), []);
});

t.run();
