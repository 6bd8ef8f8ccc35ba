/* Generated from schema.json by json-schema-to-typescript. Do not edit: run `npm run generate`. */

/**
 * An IPv4 or IPv6 CIDR, or an inclusive first-last range of one family, e.g. 192.168.10.240-192.168.10.250.
 */
export type AddressRange = string;
/**
 * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
 */
export type DnsLabel = string;
/**
 * Log level.
 */
export type LogLevel = 'all' | 'debug' | 'info' | 'warn' | 'error' | 'none';
/**
 * A Kubernetes quantity, e.g. 500m, 1, 256Mi, 10Gi.
 */
export type Quantity = string;
/**
 * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
 */
export type Bytes = string;

/**
 * MetalLB gives Services of type LoadBalancer an address from the pools below and announces it on the node network over L2 (ARP/NDP) or BGP.
 */
export interface MetallbValues {
  /**
   * Address pools (one IPAddressPool each). Services get an address from a pool that matches their IP family; the `metallb.io/address-pool` annotation picks a pool by name.
   */
  pools?: Pool[];
  /**
   * How the pools' addresses are announced to the network.
   */
  advertisement?: {
    /**
     * l2: one node answers ARP/NDP for each service address (an L2Advertisement). bgp: every node announces the addresses to the peers below (BGPPeer and BGPAdvertisement objects).
     */
    mode?: 'l2' | 'bgp';
    /**
     * L2 only: network interfaces of the nodes the addresses are announced from (e.g. eth0). Empty: every interface.
     *
     * Items: A node network interface name.
     */
    interfaces?: string[];
    /**
     * BGP only: the routers the nodes peer with and the attributes of the announcements.
     */
    bgp?: {
      /**
       * BGP routers every node peers with (one BGPPeer each). Required when mode is bgp.
       */
      peers?: Peer[];
      /**
       * BGP LOCAL_PREF of the announcements (iBGP). Unset: none sent.
       */
      localPref?: number;
      /**
       * BGP communities attached to the announcements: standard `65000:100` or large `large:65000:1:2`.
       *
       * Items: A BGP community.
       */
      communities?: string[];
    };
  };
  /**
   * If set, MetalLB only serves Services whose spec.loadBalancerClass is this value (run it next to another load balancer implementation). Empty: Services without a class.
   */
  loadBalancerClass?: string;
  /**
   * The speaker DaemonSet: announces service addresses from every node.
   */
  speaker?: {
    /**
     * BGP mode only: run BGP with an FRR sidecar (needed for BFD, graceful restart, eBGP multi-hop, IPv6 prefixes over an IPv4 session) instead of MetalLB's native BGP. Ignored in l2 mode, where FRR has no role.
     */
    frr?: boolean;
    /**
     * Also announce from nodes labelled node.kubernetes.io/exclude-from-external-load-balancers (kubeadm puts it on control-plane nodes). Needed when every node is a control-plane node, e.g. a one-node kind cluster.
     */
    ignoreExcludeLB?: boolean;
    logLevel?: LogLevel;
    resources?: Resources;
    placement?: Placement;
  };
  /**
   * The controller Deployment: assigns addresses to Services and validates the MetalLB objects (webhook).
   */
  controller?: {
    logLevel?: LogLevel;
    resources?: Resources1;
    placement?: Placement1;
  };
  /**
   * Integration with the prometheus feature (used only when it is enabled).
   */
  monitoring?: {
    /**
     * Install MetalLB's PrometheusRule: pool exhausted or nearly full, BGP session down, configuration stale or not loaded.
     */
    alerts?: boolean;
  };
}
/**
 * An address pool.
 */
export interface Pool {
  /**
   * Address ranges of the pool (CIDRs or first-last ranges, IPv4 and/or IPv6). Ranges must not overlap and, when network.nodeCidrs is set, must lie inside a node network.
   *
   * @minItems 1
   */
  addresses: [AddressRange, ...AddressRange[]];
  /**
   * Hand out addresses of this pool to any LoadBalancer Service. false: only to Services that ask for the pool (annotation) or one of its addresses.
   */
  autoAssign?: boolean;
  /**
   * Never hand out addresses ending in .0 or .255 (some consumer equipment drops them).
   */
  avoidBuggyIPs?: boolean;
  /**
   * Pool name: the IPAddressPool name and the value of the metallb.io/address-pool Service annotation.
   */
  name: string;
  /**
   * Only Services in these namespaces get addresses from this pool. Empty: every namespace.
   */
  namespaces?: DnsLabel[];
}
/**
 * A BGP router the nodes peer with.
 */
export interface Peer {
  /**
   * The router is more than one hop away (eBGP multi-hop). FRR mode only (speaker.frr).
   */
  ebgpMultiHop?: boolean;
  /**
   * BGP hold time (RFC 4271) as a duration, e.g. 90s. Unset: MetalLB's default.
   */
  holdTime?: string;
  /**
   * AS number of the nodes (local end of the session).
   */
  myASN: number;
  /**
   * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
   */
  name: string;
  /**
   * TCP MD5 password of the session, by reference: a Secret of type kubernetes.io/basic-auth in the MetalLB namespace whose key `password` holds the password. SCCP never writes it.
   */
  passwordSecret?: {
    /**
     * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
     */
    name: string;
  };
  /**
   * AS number of the router.
   */
  peerASN: number;
  /**
   * IPv4 or IPv6 address of the router.
   */
  peerAddress: string;
  /**
   * TCP port of the router. Unset: 179.
   */
  peerPort?: number;
}
/**
 * Requests and limits of the speaker container.
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
 * Nodes the speaker runs on. The chart already tolerates control-plane taints; add tolerations for other taints.
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
/**
 * Requests and limits of the controller container.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Nodes the controller runs on.
 */
export interface Placement1 {
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
