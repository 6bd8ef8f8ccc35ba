# METADATA
# title: Argo CD projects require signed commits
# description: >-
#   When the platform requires signed commits (parameter requireSignedCommits, default true), every
#   Argo CD AppProject must declare at least one GnuPG key in spec.signatureKeys, so Argo CD only
#   syncs commits signed by those keys.
# custom:
#   kinds:
#     - apiGroups: [argoproj.io]
#       kinds: [AppProject]
package sccp.trusted_execution_appproject_signature_keys

default require_signed_commits := true

require_signed_commits := v if {
	v := data.parameters.requireSignedCommits
	is_boolean(v)
}

keys := [k |
	some k in object.get(input, ["spec", "signatureKeys"], [])
	is_string(k.keyID)
	k.keyID != ""
]

deny contains msg if {
	input.kind == "AppProject"
	startswith(input.apiVersion, "argoproj.io/")
	require_signed_commits
	count(keys) == 0
	msg := sprintf("trusted-execution-appproject-signature-keys: AppProject %s/%s declares no spec.signatureKeys, but the platform requires signed commits", [
		object.get(input, ["metadata", "namespace"], ""),
		object.get(input, ["metadata", "name"], ""),
	])
}
