# METADATA
# title: Ingresses name their IngressClass
# description: >-
#   Every networking.k8s.io/v1 Ingress sets spec.ingressClassName, so the controller that serves it
#   is explicit in the manifests (not left to the default-class admission plugin or the deprecated
#   kubernetes.io/ingress.class annotation). Same rule as the Kyverno ClusterPolicy of the same id.
package sccp.traefik_ingress_class

is_ingress if {
	input.apiVersion == "networking.k8s.io/v1"
	input.kind == "Ingress"
}

has_class if {
	class := input.spec.ingressClassName
	is_string(class)
	class != ""
}

deny contains msg if {
	is_ingress
	not has_class
	name := object.get(input, ["metadata", "name"], "")
	msg := sprintf("traefik-ingress-class: Ingress \"%s\" does not set spec.ingressClassName", [name])
}
