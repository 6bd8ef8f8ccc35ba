import { standaloneContext } from '@sccp/core';
import { conformance } from '@sccp/test-kit';
import feature from '../src';
import { WIRED } from './contexts';

conformance(feature, { contexts: { standalone: standaloneContext(feature), wired: WIRED } }).run();
