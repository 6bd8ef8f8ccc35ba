import { standaloneContext } from '@sccp/core';
import { conformance } from '@sccp/test-kit';
import feature from '../src/index';
import { DUAL_STACK, wiredContext } from './helpers';

conformance(feature, {
  contexts: {
    standalone: standaloneContext(feature),
    'wired (prometheus, dual-stack)': wiredContext(DUAL_STACK),
  },
}).run();
