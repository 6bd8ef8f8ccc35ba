package sccp.cert_manager_max_duration_test

import data.sccp.cert_manager_max_duration as policy

certificate(spec) := {
	"apiVersion": "cert-manager.io/v1",
	"kind": "Certificate",
	"metadata": {"name": "web", "namespace": "apps"},
	"spec": object.union({"secretName": "web-tls", "dnsNames": ["web.example.com"], "issuerRef": {"kind": "ClusterIssuer", "name": "sccp-ca"}}, spec),
}

test_90_days_allowed if {
	count(policy.deny) == 0 with input as certificate({"duration": "2160h"})
}

test_go_duration_forms_allowed if {
	count(policy.deny) == 0 with input as certificate({"duration": "720h0m0s"})
	count(policy.deny) == 0 with input as certificate({"duration": "90m"})
}

test_longer_denied if {
	some msg in policy.deny with input as certificate({"duration": "2161h"})
	startswith(msg, "cert-manager-max-duration: ")
	contains(msg, "apps/web")
	contains(msg, "2161h")
}

test_longer_mixed_units_denied if {
	count(policy.deny) == 1 with input as certificate({"duration": "2160h0m1s"})
}

test_missing_duration_denied if {
	some msg in policy.deny with input as certificate({})
	contains(msg, "must set spec.duration")
}

test_ca_may_be_long if {
	count(policy.deny) == 0 with input as certificate({"isCA": true, "duration": "87600h"})
}

test_ca_must_still_set_duration if {
	count(policy.deny) == 1 with input as certificate({"isCA": true})
}

test_is_ca_false_is_capped if {
	count(policy.deny) == 1 with input as certificate({"isCA": false, "duration": "8760h"})
}

test_parameter_lowers_the_maximum if {
	count(policy.deny) == 1 with input as certificate({"duration": "1440h"})
		with data.parameters as {"cert-manager": {"maxCertificateDuration": "720h"}}
	count(policy.deny) == 0 with input as certificate({"duration": "720h"})
		with data.parameters as {"cert-manager": {"maxCertificateDuration": "720h"}}
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "cert-manager.io/v1",
		"kind": "CertificateRequest",
		"metadata": {"name": "web-1", "namespace": "apps"},
		"spec": {"duration": "87600h"},
	}
}

test_nanoseconds_parses_go_durations if {
	policy.nanoseconds("2160h") == 7776000 * 1000000000
	policy.nanoseconds("720h0m0s") == 2592000 * 1000000000
	policy.nanoseconds("90m") == 5400 * 1000000000
	policy.nanoseconds("1h30m15s") == 5415 * 1000000000
	policy.nanoseconds("1.5h") == 5400 * 1000000000
	policy.nanoseconds("1500ms") == 1500000000
	policy.nanoseconds("2us500ns") == 2500
}

test_nanoseconds_rejects_non_durations if {
	not policy.nanoseconds("90 days")
	not policy.nanoseconds("")
	not policy.nanoseconds("2160")
	not policy.nanoseconds("-1h")
}

test_unparsable_duration_left_to_webhook if {
	count(policy.deny) == 0 with input as certificate({"duration": "90 days"})
}
