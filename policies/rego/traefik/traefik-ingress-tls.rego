# METADATA
# title: Ingresses serve TLS for every host
# description: >-
#   Every networking.k8s.io/v1 Ingress declares spec.tls, and every spec.rules[].host is listed in
#   some spec.tls[].hosts entry, exactly or by a one-label wildcard (*.example.com covers
#   grafana.example.com, not a.b.example.com). Same rule as the Kyverno ClusterPolicy of the same id.
package sccp.traefik_ingress_tls

is_ingress if {
	input.apiVersion == "networking.k8s.io/v1"
	input.kind == "Ingress"
}

name := object.get(input, ["metadata", "name"], "")

tls_hosts contains host if {
	some entry in object.get(input, ["spec", "tls"], [])
	some host in object.get(entry, "hosts", [])
}

# *.<parent> for a host: what a one-label wildcard certificate entry looks like.
wildcard_of(host) := concat("", ["*.", concat(".", array.slice(parts, 1, count(parts)))]) if {
	parts := split(host, ".")
}

covered(host) if host in tls_hosts

covered(host) if wildcard_of(host) in tls_hosts

deny contains msg if {
	is_ingress
	count(object.get(input, ["spec", "tls"], [])) == 0
	msg := sprintf("traefik-ingress-tls: Ingress \"%s\" declares no spec.tls: serve it over HTTPS with a certificate", [name])
}

deny contains msg if {
	is_ingress
	some rule in object.get(input, ["spec", "rules"], [])
	host := object.get(rule, "host", "")
	host != ""
	not covered(host)
	msg := sprintf("traefik-ingress-tls: host \"%s\" of Ingress \"%s\" is not listed in any spec.tls[].hosts entry (exactly or as *.<parent domain>)", [host, name])
}
