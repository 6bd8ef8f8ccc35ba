# A cert-manager Certificate must set spec.duration, and a certificate that is not a CA must not be
# valid longer than the platform maximum: data.parameters["cert-manager"].maxCertificateDuration when
# given, else 2160h (90 days). Durations are Go durations (2160h, 720h0m0s, 90m); one that does not
# parse is left to cert-manager's webhook, which rejects it. The parser below is plain Rego (regex and
# arithmetic) because time.parse_duration_ns is not available where SCCP evaluates compiled policies
# (opa-wasm).
package sccp.cert_manager_max_duration

unit_ns := {"ns": 1, "us": 1000, "µs": 1000, "ms": 1000000, "s": 1000000000, "m": 60000000000, "h": 3600000000000}

# Nanoseconds in a Go duration (as Go's time.ParseDuration); undefined when the text is not one.
nanoseconds(text) := total if {
	regex.match(`^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`, text)
	parts := regex.find_all_string_submatch_n(`([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)`, text, -1)
	total := sum([s | some p in parts; s := to_number(p[1]) * unit_ns[p[2]]])
}

default max_duration := "2160h"

max_duration := d if {
	d := data.parameters["cert-manager"].maxCertificateDuration
	is_string(d)
}

is_certificate if {
	startswith(input.apiVersion, "cert-manager.io/")
	input.kind == "Certificate"
}

name := sprintf("%s/%s", [object.get(input, ["metadata", "namespace"], ""), object.get(input, ["metadata", "name"], "")])

duration := object.get(input, ["spec", "duration"], "")

deny contains msg if {
	is_certificate
	duration == ""
	msg := sprintf("cert-manager-max-duration: Certificate %s must set spec.duration (at most the platform maximum unless it is a CA)", [name])
}

deny contains msg if {
	is_certificate
	object.get(input, ["spec", "isCA"], false) != true
	nanoseconds(duration) > nanoseconds(max_duration)
	msg := sprintf("cert-manager-max-duration: Certificate %s requests spec.duration %s, longer than the platform maximum %s for non-CA certificates", [name, duration, max_duration])
}
