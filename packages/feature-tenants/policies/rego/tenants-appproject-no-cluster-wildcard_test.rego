package sccp.tenants_appproject_no_cluster_wildcard_test

import data.sccp.tenants_appproject_no_cluster_wildcard as policy

project(labels, spec) := {
	"apiVersion": "argoproj.io/v1alpha1",
	"kind": "AppProject",
	"metadata": {"name": "payments", "namespace": "argocd", "labels": labels},
	"spec": spec,
}

tenant := {"sccp.dev/tenant": "payments"}

test_fenced_project_allowed if {
	count(policy.deny) == 0 with input as project(tenant, {
		"sourceRepos": ["https://git.example.com/payments/*"],
		"clusterResourceWhitelist": [],
	})
}

test_specific_cluster_kinds_allowed if {
	count(policy.deny) == 0 with input as project(tenant, {
		"sourceRepos": ["https://git.example.com/payments/env"],
		"clusterResourceWhitelist": [{"group": "rbac.authorization.k8s.io", "kind": "ClusterRole"}, {"group": "*", "kind": "Namespace"}, {"group": "apiextensions.k8s.io", "kind": "*"}],
	})
}

test_cluster_wildcard_denied if {
	msgs := policy.deny with input as project(tenant, {"sourceRepos": ["https://git.example.com/x"], "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]})
	count(msgs) == 1
	some msg in msgs
	startswith(msg, "tenants-appproject-no-cluster-wildcard: ")
	contains(msg, "cluster-scoped")
}

test_wildcard_sources_denied if {
	count(policy.deny) == 1 with input as project(tenant, {"sourceRepos": ["https://git.example.com/x", "*"]})
	count(policy.deny) == 1 with input as project(tenant, {"sourceRepos": ["**"]})
	count(policy.deny) == 1 with input as project(tenant, {"sourceRepos": ["!https://git.example.com/secret"]})
}

test_both_violations_reported if {
	count(policy.deny) == 2 with input as project(tenant, {"sourceRepos": ["*"], "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]})
}

test_globs_inside_urls_allowed if {
	count(policy.deny) == 0 with input as project(tenant, {"sourceRepos": ["https://git.example.com/payments/**", "https://*.example.com/x"]})
}

test_platform_project_ignored if {
	count(policy.deny) == 0 with input as project({"app.kubernetes.io/managed-by": "sccp"}, {"sourceRepos": ["*"], "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]})
}

test_missing_lists_allowed if {
	count(policy.deny) == 0 with input as project(tenant, {})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": tenant}, "spec": {"sourceRepos": ["*"]}}
}
