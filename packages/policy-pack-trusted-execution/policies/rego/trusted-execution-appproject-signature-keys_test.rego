package sccp.trusted_execution_appproject_signature_keys_test

import data.sccp.trusted_execution_appproject_signature_keys as policy

project(spec) := {"apiVersion": "argoproj.io/v1alpha1", "kind": "AppProject", "metadata": {"name": "shop", "namespace": "argocd"}, "spec": spec}

test_signature_key_admitted if {
	count(policy.deny) == 0 with input as project({"signatureKeys": [{"keyID": "4AEE18F83AFDEB23"}]})
}

test_no_keys_denied_by_default if {
	some msg in policy.deny with input as project({"sourceRepos": ["*"]})
	msg == "trusted-execution-appproject-signature-keys: AppProject argocd/shop declares no spec.signatureKeys, but the platform requires signed commits"
}

test_empty_key_ids_denied if {
	count(policy.deny) == 1 with input as project({"signatureKeys": [{"keyID": ""}, {}]})
	count(policy.deny) == 1 with input as project({"signatureKeys": []})
}

test_parameter_false_admits if {
	count(policy.deny) == 0 with input as project({}) with data.parameters as {"requireSignedCommits": false}
	count(policy.deny) == 1 with input as project({}) with data.parameters as {"requireSignedCommits": true}
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "x"}, "spec": {}}
}
