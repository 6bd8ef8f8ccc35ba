# A Service of type LoadBalancer must not set the deprecated spec.loadBalancerIP: MetalLB reads the
# metallb.io/loadBalancerIPs annotation (comma-separated, dual-stack capable) and rejects a Service
# that sets both. Input: one Kubernetes resource.
package sccp.metallb_no_loadbalancerip

deny contains msg if {
	input.apiVersion == "v1" # a Service of another API group (Knative's) is something else
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	ip := object.get(input.spec, "loadBalancerIP", "")
	ip != ""
	name := object.get(input.metadata, "name", "")
	msg := sprintf("metallb-no-loadbalancerip: Service %s sets the deprecated spec.loadBalancerIP \"%s\"; request the address with the metallb.io/loadBalancerIPs annotation instead", [name, ip])
}
