/**
 * trusted-execution-verify-images: Kyverno `verifyImages` (cosign signatures) built from data.
 *
 * Why a function and not a policy file: the attestors are structure, not values — how many keys,
 * keyless identities or both, each with its own Rekor settings — and they come from platform.yaml.
 * A YAML file with a placeholder key would need text substitution (values are data: never) or would
 * deny every image until replaced; Kyverno can read a key from a ConfigMap variable but not a
 * variable number of attestors. So the pack builds the ClusterPolicy object from typed options
 * (validated here, serialised by the platform's YAML emitter) and returns nothing when no key or
 * identity is configured. Gatekeeper has no equivalent: see docs/adr/0003-signature-verification-gatekeeper.md.
 */

export const VERIFY_IMAGES_POLICY = 'trusted-execution-verify-images';

/** A cosign public key: exactly one of a PEM key, a Secret holding `cosign.pub`, or a KMS URI. */
export interface CosignKey {
  /** PEM-encoded public key ("-----BEGIN PUBLIC KEY-----..."). A public key is not a secret. */
  publicKey?: string;
  /** A Secret with the key under `cosign.pub`. */
  secret?: { name: string; namespace: string };
  /** A KMS key URI (awskms://, gcpkms://, azurekms://, hashivault://). */
  kms?: string;
  /** Transparency log: default the public Rekor; `ignoreTlog` for keys signed without one. */
  rekor?: { url?: string; ignoreTlog?: boolean };
}

/** A Sigstore keyless signer: the OIDC issuer and the certificate identity (exact or regular expression). */
export interface KeylessIdentity {
  issuer?: string;
  issuerRegExp?: string;
  subject?: string;
  subjectRegExp?: string;
  /** Transparency log: default the public Rekor. */
  rekor?: { url?: string };
  /** PEM roots of a private Fulcio. */
  roots?: string;
}

export interface VerifyImagesOptions {
  /** Image reference patterns to verify (Kyverno wildcards), e.g. ["registry.example.com/*"]. */
  imageReferences: string[];
  /** Patterns never verified (e.g. the platform's own upstream images, signed by other keys). */
  skipImageReferences?: string[];
  keys?: CosignKey[];
  keyless?: KeylessIdentity[];
  /** Default Audit (report); the platform switches to Enforce (block unsigned images). */
  failureAction?: 'Audit' | 'Enforce';
}

const PUBLIC_REKOR = 'https://rekor.sigstore.dev';

function keyAttestor(k: CosignKey, i: number): Record<string, unknown> {
  const sources = [k.publicKey, k.secret, k.kms].filter((x) => x !== undefined);
  if (sources.length !== 1) throw new Error(`keys[${i}]: set exactly one of publicKey, secret, kms`);
  if (k.publicKey !== undefined && !/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\s*$/.test(k.publicKey))
    throw new Error(`keys[${i}].publicKey: expected a PEM public key (-----BEGIN PUBLIC KEY-----)`);
  if (k.kms !== undefined && !/^(awskms|gcpkms|azurekms|hashivault):\/\/\S+$/.test(k.kms)) throw new Error(`keys[${i}].kms: expected a KMS URI such as awskms://...`);
  const keys: Record<string, unknown> = {};
  if (k.publicKey !== undefined) keys.publicKeys = k.publicKey.trim();
  if (k.secret) keys.secret = { name: k.secret.name, namespace: k.secret.namespace };
  if (k.kms !== undefined) keys.kms = k.kms;
  keys.rekor = k.rekor?.ignoreTlog ? { url: k.rekor.url ?? PUBLIC_REKOR, ignoreTlog: true } : { url: k.rekor?.url ?? PUBLIC_REKOR };
  return { keys };
}

function keylessAttestor(k: KeylessIdentity, i: number): Record<string, unknown> {
  if (!k.issuer === !k.issuerRegExp) throw new Error(`keyless[${i}]: set exactly one of issuer, issuerRegExp`);
  if (!k.subject === !k.subjectRegExp) throw new Error(`keyless[${i}]: set exactly one of subject, subjectRegExp (an identity is required: any signer would do otherwise)`);
  const keyless: Record<string, unknown> = {};
  for (const f of ['issuer', 'issuerRegExp', 'subject', 'subjectRegExp', 'roots'] as const) if (k[f]) keyless[f] = k[f];
  keyless.rekor = { url: k.rekor?.url ?? PUBLIC_REKOR };
  return { keyless };
}

/**
 * The ClusterPolicy verifying cosign signatures of the matching images (Pods; Kyverno generates the
 * rules for pod controllers): at least one of the keys or keyless identities must have signed the
 * image. Undefined when neither keys nor keyless identities are given (nothing to verify against).
 * `mutateDigest: false` (Kyverno never rewrites what Argo CD applied; Audit requires it too) and
 * `verifyDigest: true` (the image must be pinned by digest, as trusted-execution-image-digest says).
 */
export function verifyImagesPolicy(opts: VerifyImagesOptions): Record<string, any> | undefined {
  const entries = [...(opts.keys ?? []).map(keyAttestor), ...(opts.keyless ?? []).map(keylessAttestor)];
  if (!entries.length) return undefined;
  if (!opts.imageReferences?.length) throw new Error('imageReferences: at least one image pattern to verify is required');
  for (const r of [...opts.imageReferences, ...(opts.skipImageReferences ?? [])]) {
    if (typeof r !== 'string' || !/^[\x21-\x7e]+$/.test(r)) throw new Error(`image reference pattern "${r}" must be printable ASCII without spaces`);
  }
  const verification: Record<string, unknown> = {
    imageReferences: [...opts.imageReferences],
    ...(opts.skipImageReferences?.length ? { skipImageReferences: [...opts.skipImageReferences] } : {}),
    failureAction: opts.failureAction ?? 'Audit',
    mutateDigest: false,
    verifyDigest: true,
    required: true,
    attestors: [{ count: 1, entries }],
  };
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name: VERIFY_IMAGES_POLICY,
      annotations: {
        'policies.kyverno.io/title': 'Images are signed by a trusted key or identity',
        'policies.kyverno.io/category': 'Supply Chain Security',
        'policies.kyverno.io/severity': 'high',
        'policies.kyverno.io/subject': 'Pod',
        'policies.kyverno.io/description':
          'Every image matching the verified references must carry a cosign signature by one of the platform keys or keyless identities (platform.yaml), checked against the transparency log. Unsigned or foreign-signed images are reported (Audit) or blocked (Enforce).',
      },
    },
    spec: {
      // Verification calls the registry and the transparency log: an admission-time decision, not
      // something to repeat on every background scan.
      background: false,
      webhookTimeoutSeconds: 30,
      rules: [
        {
          name: 'verify-signatures',
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
          verifyImages: [verification],
        },
      ],
    },
  };
}
