# An Ingress that serves TLS (spec.tls) must carry the annotation cert-manager.io/cluster-issuer or
# cert-manager.io/issuer, so that cert-manager issues and renews its certificate.
package sccp.cert_manager_ingress_issuer

is_ingress if {
	startswith(input.apiVersion, "networking.k8s.io/")
	input.kind == "Ingress"
}

annotation(key) := object.get(input, ["metadata", "annotations", key], "")

deny contains msg if {
	is_ingress
	count(object.get(input, ["spec", "tls"], [])) > 0
	annotation("cert-manager.io/cluster-issuer") == ""
	annotation("cert-manager.io/issuer") == ""
	msg := sprintf("cert-manager-ingress-issuer: Ingress %s/%s has spec.tls but neither a cert-manager.io/cluster-issuer nor a cert-manager.io/issuer annotation", [
		object.get(input, ["metadata", "namespace"], ""),
		object.get(input, ["metadata", "name"], ""),
	])
}
