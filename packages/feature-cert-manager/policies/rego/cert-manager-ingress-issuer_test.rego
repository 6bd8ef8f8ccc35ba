package sccp.cert_manager_ingress_issuer_test

import data.sccp.cert_manager_ingress_issuer as policy

ingress(annotations, spec) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "grafana", "namespace": "monitoring", "annotations": annotations},
	"spec": object.union({"ingressClassName": "traefik", "rules": [{"host": "grafana.example.com"}]}, spec),
}

tls := {"tls": [{"hosts": ["grafana.example.com"], "secretName": "grafana-tls"}]}

test_cluster_issuer_allowed if {
	count(policy.deny) == 0 with input as ingress({"cert-manager.io/cluster-issuer": "sccp-ca"}, tls)
}

test_namespaced_issuer_allowed if {
	count(policy.deny) == 0 with input as ingress({"cert-manager.io/issuer": "team-ca"}, tls)
}

test_tls_without_issuer_denied if {
	some msg in policy.deny with input as ingress({}, tls)
	startswith(msg, "cert-manager-ingress-issuer: ")
	contains(msg, "monitoring/grafana")
}

test_empty_issuer_denied if {
	count(policy.deny) == 1 with input as ingress({"cert-manager.io/cluster-issuer": ""}, tls)
}

test_no_annotations_at_all_denied if {
	count(policy.deny) == 1 with input as {
		"apiVersion": "networking.k8s.io/v1",
		"kind": "Ingress",
		"metadata": {"name": "bare", "namespace": "apps"},
		"spec": tls,
	}
}

test_plain_http_allowed if {
	count(policy.deny) == 0 with input as ingress({}, {})
	count(policy.deny) == 0 with input as ingress({}, {"tls": []})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "v1",
		"kind": "Service",
		"metadata": {"name": "grafana", "namespace": "monitoring"},
		"spec": tls,
	}
}
