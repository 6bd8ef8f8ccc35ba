import { conformance } from '@sccp/test-kit';
import feature from '../src';
import { standalone, wired } from './contexts';

// standalone: the published chart (expects Secret thanos-objstore); wired: bare-metal with every
// capability the feature reads, rook-ceph included (ObjectBucketClaim). Without object storage the
// defaults cannot render on a platform (objstore.existingSecret is required): see render.test.ts.
conformance(feature, { contexts: { standalone: standalone(), wired: wired() } }).run();
