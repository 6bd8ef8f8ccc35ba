package sccp.tenants_appproject_no_cluster_wildcard_test

import data.sccp.tenants_appproject_no_cluster_wildcard as policy

# The guardrail kinds blacklisted, as SCCP writes them (unless the spec sets its own list).
blacklist := [
	{"group": "", "kind": "ResourceQuota"},
	{"group": "", "kind": "LimitRange"},
	{"group": "networking.k8s.io", "kind": "NetworkPolicy"},
]

project(labels, spec) := {
	"apiVersion": "argoproj.io/v1alpha1",
	"kind": "AppProject",
	"metadata": {"name": "payments", "namespace": "argocd", "labels": labels},
	"spec": object.union({"namespaceResourceBlacklist": blacklist}, spec),
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
		"clusterResourceWhitelist": [{"group": "payments.example.com", "kind": "Ledger"}, {"group": "payments.example.com", "kind": "*"}, {"kind": "ComponentStatus"}],
	})
}

denied_kinds(entry) := d if {
	d := policy.deny with input as project(tenant, {"sourceRepos": ["https://git.example.com/x/"], "clusterResourceWhitelist": [entry]})
}

test_forbidden_kinds_denied_as_argo_cd_globs_them if {
	count(denied_kinds({"group": "rbac.authorization.k8s.io", "kind": "*"})) == 1
	count(denied_kinds({"group": "rbac.authorization.k8s.io", "kind": "ClusterRoleBinding"})) == 1
	count(denied_kinds({"group": "*", "kind": "ClusterRoleBinding"})) == 1
	count(denied_kinds({"group": "*", "kind": "*Binding"})) == 1
	count(denied_kinds({"group": "rbac.authorization.k8s.io", "kind": "ClusterRole*"})) == 1
	count(denied_kinds({"group": "rbac.*", "kind": "Foo"})) == 1
	count(denied_kinds({"group": "admissionregistration.k8s.io", "kind": "ValidatingWebhookConfiguration"})) == 1
	count(denied_kinds({"group": "apiextensions.k8s.io", "kind": "CustomResourceDefinition"})) == 1
	count(denied_kinds({"group": "apiregistration.k8s.io", "kind": "APIService"})) == 1
	count(denied_kinds({"group": "", "kind": "Namespace"})) == 1
	count(denied_kinds({"kind": "namespace"})) == 1
	count(denied_kinds({"group": "", "kind": "Name?pace"})) == 1
	count(denied_kinds({"group": "", "kind": "PersistentVolume"})) == 1
	count(denied_kinds({"group": "scheduling.k8s.io", "kind": "PriorityClass"})) == 1
	count(denied_kinds({"group": "storage.k8s.io", "kind": "StorageClass"})) == 1
	count(denied_kinds({"group": "Storage.K8s.io", "kind": "StorageClass"})) == 1
}

test_forbidden_kind_message_names_the_kind if {
	some msg in denied_kinds({"group": "rbac.authorization.k8s.io", "kind": "ClusterRole*"})
	contains(msg, "allows rbac.authorization.k8s.io/*")
}

test_non_glob_characters_denied if {
	count(denied_kinds({"group": "rbac.authorization.k8s.io", "kind": "[C]lusterRole"})) == 1
	count(denied_kinds({"group": "x\\y", "kind": "Foo"})) == 1
}

test_literal_dots_in_groups if {
	# a "." in an entry is a literal dot, not any character
	count(denied_kinds({"group": "rbacxauthorization.k8s.io", "kind": "*"})) == 0
}

test_cluster_wildcard_denied if {
	msgs := policy.deny with input as project(tenant, {"sourceRepos": ["https://git.example.com/x"], "clusterResourceWhitelist": [{"group": "*", "kind": "*"}]})
	count(msgs) == 1
	some msg in msgs
	startswith(msg, "tenants-appproject-no-cluster-wildcard: ")
	contains(msg, "allows core/Namespace, core/Node, core/PersistentVolume, rbac.authorization.k8s.io/*")
}

denied_sources(repos) := d if {
	d := policy.deny with input as project(tenant, {"sourceRepos": repos})
}

test_wildcard_sources_denied if {
	count(denied_sources(["https://git.example.com/x", "*"])) == 1
	count(denied_sources(["**"])) == 1
	count(denied_sources(["?**"])) == 1
	count(denied_sources(["*/*"])) == 1
	count(denied_sources(["*/**"])) == 1
	count(denied_sources(["https://**"])) == 1
	count(denied_sources(["https://*/payments/*"])) == 1
	count(denied_sources(["https://*.example.com/x"])) == 1
	count(denied_sources(["*://*/*/*"])) == 1
	count(denied_sources(["git@*:x/*"])) == 1
	count(denied_sources(["!https://git.example.com/secret"])) == 1
	count(denied_sources(["https://git.example.com"])) == 1
}

test_both_violations_reported if {
	count(policy.deny) == 2 with input as project(tenant, {"sourceRepos": ["*"], "clusterResourceWhitelist": [{"group": "", "kind": "Namespace"}]})
}

test_host_wide_sources_denied if {
	count(denied_sources(["https://git.example.com/**", "https://git.example.com/*", "http://git.example.com:8080/p?/x", "git@git.example.com:*/app"])) == 4
}

test_globs_inside_paths_allowed if {
	count(denied_sources([
		"https://git.example.com/payments/**",
		"HTTPS://Git.Example.com/payments/*",
		"http://git.example.com:8080/payments/p?/x",
		"https://git.example.com/payments/app.git",
		"git@git.example.com:app.git",
		"ssh://git@git.example.com:22/payments/*",
		"git@git.example.com:payments/*",
	])) == 0
}

denied_destination(dest) := d if {
	d := policy.deny with input as project(tenant, {"sourceRepos": ["https://git.example.com/x/"], "destinations": [dest]})
}

test_destination_patterns_denied if {
	count(denied_destination({"server": "https://*", "namespace": "payments"})) == 1
	count(denied_destination({"server": "https://kubernetes.default.sv?", "namespace": "payments"})) == 1
	count(denied_destination({"server": "*", "namespace": "payments"})) == 1
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "payments-*"})) == 1
	count(denied_destination({"name": "*", "namespace": "payments"})) == 1
	count(denied_destination({"name": "in-cluste[r]", "namespace": "payments"})) == 1
	count(denied_destination({"server": "https://{a,kubernetes.default.svc}", "namespace": "payments"})) == 1
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "!payments"})) == 1
}

test_reserved_destination_namespaces_denied if {
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "kube-system"})) == 1
	count(denied_destination({"name": "in-cluster", "namespace": "argocd"})) == 1
	count(denied_destination({"server": "https://prod.example.com:6443", "namespace": "default"})) == 1
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "kube-*"})) == 2
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "*"})) == 1
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "kube-syste?"})) == 2
}

test_literal_destinations_allowed if {
	count(denied_destination({"server": "https://kubernetes.default.svc", "namespace": "payments"})) == 0
	count(denied_destination({"name": "in-cluster", "namespace": "payments"})) == 0
	count(denied_destination({"server": "https://prod.example.com:6443", "namespace": "payments-remote"})) == 0
}

test_platform_project_ignored if {
	count(policy.deny) == 0 with input as project({"app.kubernetes.io/managed-by": "sccp"}, {
		"sourceRepos": ["*"],
		"clusterResourceWhitelist": [{"group": "*", "kind": "*"}],
		"destinations": [{"server": "*", "namespace": "*"}],
	})
}

test_missing_lists_allowed if {
	count(policy.deny) == 0 with input as project(tenant, {})
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": tenant}, "spec": {"sourceRepos": ["*"]}}
}

# --- the guardrail kinds stay blacklisted ---

test_blacklist_removed_denied if {
	some msg in policy.deny with input as object.remove(project(tenant, {"sourceRepos": ["https://git.example.com/payments/*"]}), ["spec"])
	msg == "tenants-appproject-no-cluster-wildcard: AppProject payments of a tenant does not list core/ResourceQuota in namespaceResourceBlacklist: the tenant's repository could replace its guardrails through Argo CD"
	count(policy.deny) == 3 with input as project(tenant, {"sourceRepos": ["https://git.example.com/payments/*"], "namespaceResourceBlacklist": []})
}

test_blacklist_entry_missing_or_misspelled_denied if {
	every entries in [
		[blacklist[0], blacklist[1]],
		[blacklist[0], blacklist[1], {"group": "extensions", "kind": "NetworkPolicy"}],
		[{"group": "", "kind": "resourcequota"}, blacklist[1], blacklist[2]],
		[{"group": "", "kind": "Resource*"}, blacklist[1], blacklist[2]],
	] {
		count(policy.deny) == 1 with input as project(tenant, {"sourceRepos": ["https://git.example.com/payments/*"], "namespaceResourceBlacklist": entries})
	}
}

test_blacklist_wildcards_cover if {
	count(policy.deny) == 0 with input as project(tenant, {"sourceRepos": ["https://git.example.com/payments/*"], "namespaceResourceBlacklist": [{"kind": "ResourceQuota"}, {"group": "", "kind": "*"}, {"group": "*", "kind": "NetworkPolicy"}]})
	count(policy.deny) == 0 with input as project(tenant, {"sourceRepos": ["https://git.example.com/payments/*"], "namespaceResourceBlacklist": [{"group": "*", "kind": "*"}]})
}

test_platform_project_needs_no_blacklist if {
	count(policy.deny) == 0 with input as object.remove(project({}, {"sourceRepos": ["*"]}), ["spec"])
}
