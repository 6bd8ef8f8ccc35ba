/* Generated from schema.json by json-schema-to-typescript. Do not edit: run `npm run generate`. */

/**
 * A Kubernetes quantity, e.g. 500m, 1, 256Mi, 10Gi.
 */
export type Quantity = string;
/**
 * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
 */
export type Bytes = string;

/**
 * cert-manager, the platform PKI: a private CA (self-signed root Certificate and a CA ClusterIssuer) and, optionally, an ACME ClusterIssuer (Let's Encrypt). Every platform Ingress gets its TLS certificate from the issuer selected here.
 */
export interface CertManagerValues {
  /**
   * The ClusterIssuer platform ingresses use: internal-ca (sccp-ca, the platform's private CA; clients must trust its root) or acme (sccp-acme, publicly trusted certificates over HTTP-01; host names must resolve publicly to the ingress controller). The private CA is created in both cases.
   */
  issuer?: 'internal-ca' | 'acme';
  /**
   * The platform's private root CA: a self-signed CA Certificate issued by the ClusterIssuer sccp-selfsigned, used by the ClusterIssuer sccp-ca.
   */
  ca?: {
    /**
     * Common name of the root CA certificate. Empty: "<platform name> platform CA".
     */
    commonName?: string;
    /**
     * Lifetime of the root CA certificate (a Go duration; cert-manager renews it at two thirds of its lifetime). Must be longer than maxCertificateDuration.
     */
    duration?: string;
    /**
     * Secret (in the cert-manager namespace) that cert-manager writes the root CA key pair to and sccp-ca signs with. SCCP only references it; cert-manager creates it.
     */
    secretName?: string;
  };
  /**
   * The ACME ClusterIssuer sccp-acme, created when issuer is acme.
   */
  acme?: {
    /**
     * ACME directory URL. Let's Encrypt staging (untrusted certificates, generous rate limits): https://acme-staging-v02.api.letsencrypt.org/directory.
     */
    server?: string;
    /**
     * Contact address of the ACME account (expiry and account notices). Required when issuer is acme.
     */
    email?: string;
    /**
     * Secret (in the cert-manager namespace) holding the ACME account private key. cert-manager generates it on first registration.
     */
    privateKeySecretName?: string;
    /**
     * Challenge type. http01: cert-manager answers the challenge through a temporary Ingress of the platform's ingress class.
     */
    solver?: 'http01';
  };
  /**
   * Longest lifetime a non-CA Certificate may request (policy cert-manager-max-duration; the chart publishes it in the ConfigMap sccp-cert-manager-policy that the Kyverno policy reads). A Go duration, at least 1h.
   */
  maxCertificateDuration?: string;
  /**
   * Replicas per component. More than one adds a PodDisruptionBudget (minAvailable 1). The controller and the cainjector elect a leader: extra replicas are standbys.
   */
  replicas?: {
    /**
     * cert-manager controller replicas.
     */
    controller?: number;
    /**
     * Admission webhook replicas (every Certificate/Issuer write goes through it).
     */
    webhook?: number;
    /**
     * CA injector replicas.
     */
    cainjector?: number;
  };
  /**
   * Compute requests and limits per component.
   */
  resources?: {
    controller?: Resources;
    webhook?: Resources1;
    cainjector?: Resources2;
  };
  placement?: Placement;
}
/**
 * cert-manager controller.
 */
export interface Resources {
  limits?: ResourceList;
  requests?: ResourceList;
}
export interface ResourceList {
  cpu?: Quantity;
  memory?: Bytes;
}
/**
 * Admission webhook.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * CA injector.
 */
export interface Resources2 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Node selector and tolerations for every cert-manager pod (controller, webhook, cainjector and the startup API check Job). The node selector is added to the chart's kubernetes.io/os: linux.
 */
export interface Placement {
  /**
   * Node labels the pods require: label keys and values as the API server accepts them.
   */
  nodeSelector?: {
    [k: string]: string;
  };
  /**
   * Kubernetes tolerations, with the API server's rules: without a key the operator is Exists (it matches every taint); with Exists there is no value; tolerationSeconds only with the NoExecute effect.
   */
  tolerations?: {
    effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
    /**
     * The taint key. Left out: every taint, with operator Exists.
     */
    key?: string;
    /**
     * Equal (the default) matches the value, Exists any value.
     */
    operator?: 'Exists' | 'Equal';
    /**
     * How long a NoExecute taint is tolerated before eviction.
     */
    tolerationSeconds?: number;
    value?: string;
  }[];
}
