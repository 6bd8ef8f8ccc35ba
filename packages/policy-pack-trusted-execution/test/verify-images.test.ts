import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emitYaml } from '@sccp/core';
import { runEngine } from '@sccp/test-kit';
import { verifyImagesPolicy, VERIFY_IMAGES_POLICY } from '../src';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8nXRh950IZbRj8Ra/N9sbqOPZrfM\n5/KAQN0/KjHcorm/J5yctVd7iEcnessRQjU917hmKO6JWVGHpDguIyakZA==\n-----END PUBLIC KEY-----\n';
const GITHUB = { issuer: 'https://token.actions.githubusercontent.com', subject: 'https://github.com/acme/shop/.github/workflows/release.yaml@refs/heads/main' };

const t = suite('trusted-execution-verify-images (Kyverno verifyImages from data)');

t('no keys and no identities: no policy', () => {
  assert.is(verifyImagesPolicy({ imageReferences: ['registry.example.com/*'] }), undefined);
  assert.is(verifyImagesPolicy({ imageReferences: ['registry.example.com/*'], keys: [], keyless: [] }), undefined);
});

t('keys and keyless identities become one attestor set where any one must have signed', () => {
  const p = verifyImagesPolicy({
    imageReferences: ['registry.example.com/*', 'ghcr.io/acme/*'],
    skipImageReferences: ['registry.example.com/mirror/*'],
    keys: [{ publicKey: PEM }, { secret: { name: 'cosign-pub', namespace: 'kyverno' }, rekor: { ignoreTlog: true } }, { kms: 'awskms:///arn:aws:kms:eu-west-1:1:key/abc' }],
    keyless: [GITHUB],
  })!;
  assert.is(p.apiVersion, 'kyverno.io/v1');
  assert.is(p.kind, 'ClusterPolicy');
  assert.is(p.metadata.name, VERIFY_IMAGES_POLICY);
  for (const a of ['title', 'category', 'severity', 'description']) assert.ok(p.metadata.annotations[`policies.kyverno.io/${a}`]);
  assert.is(p.spec.background, false);
  const [rule] = p.spec.rules;
  assert.equal(rule.match, { any: [{ resources: { kinds: ['Pod'] } }] });
  const [v] = rule.verifyImages;
  assert.equal(v.imageReferences, ['registry.example.com/*', 'ghcr.io/acme/*']);
  assert.equal(v.skipImageReferences, ['registry.example.com/mirror/*']);
  assert.is(v.failureAction, 'Audit');
  assert.is(v.mutateDigest, false);
  assert.is(v.verifyDigest, true);
  assert.is(v.required, true);
  assert.is(v.attestors.length, 1);
  assert.is(v.attestors[0].count, 1);
  assert.equal(v.attestors[0].entries, [
    { keys: { publicKeys: PEM.trim(), rekor: { url: 'https://rekor.sigstore.dev' } } },
    { keys: { secret: { name: 'cosign-pub', namespace: 'kyverno' }, rekor: { url: 'https://rekor.sigstore.dev', ignoreTlog: true } } },
    { keys: { kms: 'awskms:///arn:aws:kms:eu-west-1:1:key/abc', rekor: { url: 'https://rekor.sigstore.dev' } } },
    { keyless: { ...GITHUB, rekor: { url: 'https://rekor.sigstore.dev' } } },
  ]);
  assert.is(verifyImagesPolicy({ imageReferences: ['*'], keyless: [GITHUB], failureAction: 'Enforce' })!.spec.rules[0].verifyImages[0].failureAction, 'Enforce');
});

t('invalid input is refused with a message', () => {
  assert.throws(() => verifyImagesPolicy({ imageReferences: [], keys: [{ publicKey: PEM }] }), /imageReferences/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['*'], keys: [{}] }), /exactly one of publicKey, secret, kms/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['*'], keys: [{ publicKey: PEM, kms: 'awskms:///x' }] }), /exactly one/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['*'], keys: [{ publicKey: 'not a key' }] }), /PEM/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['*'], keys: [{ kms: 'file:///tmp/key' }] }), /KMS URI/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['*'], keyless: [{ issuer: GITHUB.issuer }] }), /subject/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['*'], keyless: [{ subject: 'x' }] }), /issuer/);
  assert.throws(() => verifyImagesPolicy({ imageReferences: ['registry example/*'], keyless: [GITHUB] }), /printable ASCII/);
});

t('the Kyverno CLI accepts the policy: matching images are verified (unverifiable offline: fail), others skipped', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-verify-images-'));
  fs.writeFileSync(path.join(dir, 'policy.yaml'), emitYaml(verifyImagesPolicy({ imageReferences: ['registry.example.com/*'], keys: [{ publicKey: PEM }], keyless: [GITHUB] })));
  const digest = 'sha256:' + '3f'.repeat(32);
  const pods = [`registry.example.com/shop/web@${digest}`, 'ghcr.io/other/app:1.0'].map((image, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'shop' },
    spec: { containers: [{ name: 'app', image }] },
  }));
  fs.writeFileSync(path.join(dir, 'pods.yaml'), pods.map((p) => emitYaml(p)).join('---\n'));
  const r = runEngine('kyverno', ['apply', path.join(dir, 'policy.yaml'), '--resource', path.join(dir, 'pods.yaml'), '--policy-report', '--output-format', 'json']);
  assert.not.match(r.stdout + r.stderr, /Policies Skipped|invalid/i, 'the policy is valid for Kyverno 1.19');
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{"')).split('\n')[0]);
  const results = report.results.map((x: any) => [x.resources[0].name, x.result]);
  // No network to the registry / the Sigstore TUF root here: the signed-looking image cannot be
  // verified and is not admitted; the image outside imageReferences is not checked at all.
  assert.ok(results.some(([n, res]: string[]) => n === 'pod-0' && res === 'fail'), JSON.stringify(results));
  assert.not.ok(results.some(([n]: string[]) => n === 'pod-1'), JSON.stringify(results));
});

t.run();
