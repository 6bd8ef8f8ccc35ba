import { conformance } from '@sccp/test-kit';
import feature from '../src';
import { kind, standalone, wired } from './contexts';

conformance(feature, { contexts: { standalone, kind, wired } }).run();
