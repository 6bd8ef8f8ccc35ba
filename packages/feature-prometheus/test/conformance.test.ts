import { conformance } from '@sccp/test-kit';
import feature from '../src';
import { standalone, wired, WIRED_ROOK_PROVIDES } from './contexts';

// wired: an archive with the user's Secret; rook: thanos' archive on rook-ceph (the sidecar gets metricsArchive.env).
conformance(feature, { contexts: { standalone: standalone(), wired: wired(), rook: wired(WIRED_ROOK_PROVIDES) } }).run();
