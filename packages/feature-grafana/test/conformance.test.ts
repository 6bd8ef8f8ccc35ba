import { conformance } from '@sccp/test-kit';
import feature from '../src';
import { standalone, wired } from './contexts';

conformance(feature, { contexts: { standalone: standalone(), wired: wired() } }).run();
