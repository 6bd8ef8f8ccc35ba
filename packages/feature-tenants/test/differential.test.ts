import { differentialSuite } from '@sccp/test-kit';
import feature from '../src/index';

// Kyverno CLI, opa eval and the compiled wasm (what `sccp verify` runs) on the same fixtures.
differentialSuite('tenants', feature).run();
