import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constraintTemplateFor, regoAsGatekeeperLib, regoReadsRequest } from '../src/gatekeeper';

/**
 * Admission-only rules: a policy reads the admission request as `data.request`, which the
 * ConstraintTemplate sets from Gatekeeper's `input.review`; METADATA `custom.namespaceSelector`
 * becomes the Constraint's match.namespaceSelector. (gator runs the result in
 * packages/platform/test/tenant-guardrails.test.ts.)
 */
const t = suite('gatekeeper: data.request and custom.namespaceSelector');

const POLICY = `# METADATA
# title: Demo
# custom:
#   kinds:
#     - apiGroups: [""]
#       kinds: [ResourceQuota]
#   namespaceSelector:
#     matchExpressions:
#       - key: sccp.dev/tenant
#         operator: Exists
package sccp.demo_request

# data.request in a comment is not a read
deny contains msg if {
	data.request.operation == "DELETE"
	data.parameters.on
	msg := "demo-request: no"
}
`;

const PLAIN = `package sccp.demo_plain

deny contains msg if {
	input.kind == "ConfigMap"
	msg := "demo-plain: no"
}
`;

t('data.request becomes data.lib.sccp_request in the lib, set from input.review in the entry module', () => {
  assert.ok(regoReadsRequest(POLICY));
  const lib = regoAsGatekeeperLib('demo-request', POLICY);
  assert.match(lib, /\tdata\.lib\.sccp_request\.operation == "DELETE"/);
  assert.match(lib, /\tdata\.lib\.sccp_parameters\.on/);
  assert.not.match(lib.split('\n').filter((l) => !l.startsWith('#')).join('\n'), /(?<![\w.])data\.request/);
  const p = constraintTemplateFor('demo-request', POLICY);
  const entry = p.template.spec.targets[0].code[0].source.rego as string;
  assert.match(entry, /with data\.lib\.sccp_parameters as parameters with data\.lib\.sccp_request as input\.review\n/);
});

t('a policy that does not read the request keeps its entry module as before', () => {
  assert.not.ok(regoReadsRequest(PLAIN));
  assert.not.ok(regoReadsRequest('package sccp.x\n# data.request only in a comment\n'));
  const entry = constraintTemplateFor('demo-plain', PLAIN).template.spec.targets[0].code[0].source.rego as string;
  assert.not.match(entry, /sccp_request/);
  assert.match(entry, /with data\.lib\.sccp_parameters as parameters\n/);
});

t('custom.namespaceSelector becomes match.namespaceSelector next to the kinds; opts.match can replace it', () => {
  const p = constraintTemplateFor('demo-request', POLICY);
  assert.equal(p.constraint.spec.match, {
    kinds: [{ apiGroups: [''], kinds: ['ResourceQuota'] }],
    namespaceSelector: { matchExpressions: [{ key: 'sccp.dev/tenant', operator: 'Exists' }] },
  });
  const other = constraintTemplateFor('demo-request', POLICY, { match: { namespaceSelector: { matchLabels: { a: 'b' } }, excludedNamespaces: ['x'] } });
  assert.equal(other.constraint.spec.match.namespaceSelector, { matchLabels: { a: 'b' } });
  assert.equal(other.constraint.spec.match.excludedNamespaces, ['x']);
  assert.not.ok('namespaceSelector' in constraintTemplateFor('demo-plain', PLAIN).constraint.spec.match);
});

t('a namespaceSelector that is not a label selector is refused', () => {
  const bad = POLICY.replace('#   namespaceSelector:\n', '#   namespaceSelector:\n#     names: [a]\n');
  assert.throws(() => constraintTemplateFor('demo-request', bad), /METADATA custom\.namespaceSelector must be a label selector/);
});

t('other data documents stay refused', () => {
  assert.throws(() => regoAsGatekeeperLib('demo-plain', PLAIN.replace('input.kind == "ConfigMap"', 'data.requests.x')), /not data\.requests/);
});

t('data.parameters read as a whole is refused: Gatekeeper passes only its fields to a lib', () => {
  const whole = PLAIN.replace('input.kind == "ConfigMap"', 'object.get(data.parameters, "level", "restricted") == "baseline"');
  assert.throws(() => regoAsGatekeeperLib('demo-plain', whole), /read its fields \(data\.parameters\.<name>\)/);
  assert.ok(regoAsGatekeeperLib('demo-plain', PLAIN.replace('input.kind == "ConfigMap"', 'data.parameters.level == "baseline"')));
  assert.ok(regoAsGatekeeperLib('demo-plain', PLAIN.replace('input.kind == "ConfigMap"', 'data.parameters["level"] == "baseline"')));
});

t.run();
