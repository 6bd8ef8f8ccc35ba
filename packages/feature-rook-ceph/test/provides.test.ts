import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import feature from '../src';
import { valuesWith } from './chart';
import { BARE_METAL } from './contexts';

const t = suite('rook-ceph provides');
const provides = (over: Record<string, unknown> = {}, profile?: 'kind') => feature.provides!(valuesWith(over, profile), BARE_METAL);

t('defaults: block, file system and bucket classes, and the S3 endpoint of the object store', () => {
  assert.equal(provides(), {
    storage: { block: 'ceph-block', filesystem: 'ceph-filesystem', object: 'ceph-bucket' },
    objectStorage: { bucketStorageClass: 'ceph-bucket', endpoint: 'http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc:80' },
  });
});

t('kind profile provides the same classes', () => {
  assert.equal(provides({}, 'kind').storage, { block: 'ceph-block', filesystem: 'ceph-filesystem', object: 'ceph-bucket' });
});

t('file system off: no filesystem class', () => {
  const p = provides({ filesystem: { enabled: false } });
  assert.equal(p.storage, { block: 'ceph-block', object: 'ceph-bucket' });
  assert.ok(p.objectStorage);
});

t('object store off: no object class, no objectStorage capability', () => {
  const p = provides({ objectStore: { enabled: false } });
  assert.equal(p, { storage: { block: 'ceph-block', filesystem: 'ceph-filesystem' } });
  assert.not.ok('objectStorage' in p);
});

t('custom class names are what other features get', () => {
  const p = provides({ blockPool: { storageClass: 'rbd' }, filesystem: { storageClass: 'cephfs' }, objectStore: { storageClass: 'buckets' } });
  assert.equal(p.storage, { block: 'rbd', filesystem: 'cephfs', object: 'buckets' });
  assert.is(p.objectStorage?.bucketStorageClass, 'buckets');
  assert.is(p.objectStorage?.endpoint, 'http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc:80');
});

t.run();
