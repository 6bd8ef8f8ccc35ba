import { conformance } from '@sccp/test-kit';
import feature from '../src';
import { STANDALONE, WIRED, ctxWith } from './contexts';

conformance(feature, {
  contexts: { standalone: STANDALONE, 'wired (prometheus)': WIRED, 'kind profile': ctxWith({}, 'kind') },
}).run();
