import { standaloneContext } from '@sccp/core';
import { conformance, differentialSuite } from '@sccp/test-kit';
import feature from '../src';
import { WIRED } from './contexts';

conformance(feature, { contexts: { standalone: standaloneContext(feature), 'wired (prometheus, platform namespaces)': WIRED } }).run();

// The Kyverno ClusterPolicy, the Rego policy and the compiled policy.wasm agree on every fixture.
differentialSuite('gatekeeper', feature).run();
