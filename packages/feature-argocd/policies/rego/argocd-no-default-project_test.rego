package sccp.argocd_no_default_project_test

import data.sccp.argocd_no_default_project as policy

app(spec) := {
	"apiVersion": "argoproj.io/v1alpha1",
	"kind": "Application",
	"metadata": {"name": "demo", "namespace": "argocd"},
	"spec": spec,
}

test_platform_project_allowed if {
	count(policy.deny) == 0 with input as app({"project": "platform"})
}

test_default_project_denied if {
	some msg in policy.deny with input as app({"project": "default"})
	startswith(msg, "argocd-no-default-project: ")
	contains(msg, "argocd/demo")
}

test_empty_project_denied if {
	count(policy.deny) == 1 with input as app({"project": ""})
}

test_missing_project_denied if {
	count(policy.deny) == 1 with input as app({"destination": {"namespace": "demo"}})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "argoproj.io/v1alpha1",
		"kind": "AppProject",
		"metadata": {"name": "default", "namespace": "argocd"},
		"spec": {},
	}
}

test_other_api_groups_ignored if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "example.com/v1",
		"kind": "Application",
		"metadata": {"name": "demo"},
		"spec": {"project": "default"},
	}
}
