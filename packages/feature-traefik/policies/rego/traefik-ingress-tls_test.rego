package sccp.traefik_ingress_tls_test

import data.sccp.traefik_ingress_tls

ingress(spec) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "web", "namespace": "apps"},
	"spec": spec,
}

rule(host) := {"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}

test_exact_hosts_pass if {
	count(traefik_ingress_tls.deny) == 0 with input as ingress({
		"tls": [{"hosts": ["a.example.com"], "secretName": "a-tls"}, {"hosts": ["b.example.com"], "secretName": "b-tls"}],
		"rules": [rule("a.example.com"), rule("b.example.com")],
	})
}

test_wildcard_covers_one_label if {
	count(traefik_ingress_tls.deny) == 0 with input as ingress({
		"tls": [{"hosts": ["*.example.com"], "secretName": "wildcard-tls"}],
		"rules": [rule("grafana.example.com")],
	})
}

test_wildcard_does_not_cover_two_labels if {
	msgs := traefik_ingress_tls.deny with input as ingress({
		"tls": [{"hosts": ["*.example.com"], "secretName": "wildcard-tls"}],
		"rules": [rule("a.b.example.com")],
	})
	msgs == {`traefik-ingress-tls: host "a.b.example.com" of Ingress "web" is not listed in any spec.tls[].hosts entry (exactly or as *.<parent domain>)`}
}

test_wildcard_does_not_cover_apex if {
	count(traefik_ingress_tls.deny) == 1 with input as ingress({
		"tls": [{"hosts": ["*.example.com"], "secretName": "wildcard-tls"}],
		"rules": [rule("example.com")],
	})
}

test_missing_tls_denied_for_every_host if {
	msgs := traefik_ingress_tls.deny with input as ingress({"rules": [rule("a.example.com")]})
	count(msgs) == 2
	`traefik-ingress-tls: Ingress "web" declares no spec.tls: serve it over HTTPS with a certificate` in msgs
}

test_empty_tls_list_denied if {
	count(traefik_ingress_tls.deny) == 1 with input as ingress({"tls": [], "defaultBackend": {"service": {"name": "web", "port": {"number": 80}}}})
}

test_uncovered_second_host_denied if {
	msgs := traefik_ingress_tls.deny with input as ingress({
		"tls": [{"hosts": ["a.example.com"], "secretName": "a-tls"}],
		"rules": [rule("a.example.com"), rule("b.example.com")],
	})
	count(msgs) == 1
	some m in msgs
	contains(m, `"b.example.com"`)
}

test_rule_without_host_needs_only_tls if {
	count(traefik_ingress_tls.deny) == 0 with input as ingress({
		"tls": [{"secretName": "default-tls"}],
		"rules": [{"http": {"paths": []}}],
	})
}

test_other_kinds_and_versions_ignored if {
	count(traefik_ingress_tls.deny) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}, "spec": {}}
	count(traefik_ingress_tls.deny) == 0 with input as {"apiVersion": "networking.k8s.io/v1beta1", "kind": "Ingress", "metadata": {"name": "x"}, "spec": {}}
}

test_messages_start_with_policy_id if {
	msgs := traefik_ingress_tls.deny with input as ingress({"rules": [rule("a.example.com")]})
	every m in msgs {
		startswith(m, "traefik-ingress-tls: ")
	}
}
