package sccp.argocd_appproject_no_wildcard_source_test

import data.sccp.argocd_appproject_no_wildcard_source as policy

project(repos) := {
	"apiVersion": "argoproj.io/v1alpha1",
	"kind": "AppProject",
	"metadata": {"name": "team", "namespace": "argocd"},
	"spec": {"sourceRepos": repos},
}

test_listed_repositories_allowed if {
	count(policy.deny) == 0 with input as project(["https://git.example.com/platform.git", "https://git.example.com/team/*"])
}

test_wildcard_denied if {
	some msg in policy.deny with input as project(["*"])
	startswith(msg, "argocd-appproject-no-wildcard-source: ")
	contains(msg, "argocd/team")
}

test_wildcard_among_others_denied if {
	count(policy.deny) == 1 with input as project(["https://git.example.com/platform.git", "*"])
}

test_no_source_repos_allowed if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "argoproj.io/v1alpha1",
		"kind": "AppProject",
		"metadata": {"name": "empty", "namespace": "argocd"},
		"spec": {},
	}
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {
		"apiVersion": "argoproj.io/v1alpha1",
		"kind": "Application",
		"metadata": {"name": "demo", "namespace": "argocd"},
		"spec": {"sourceRepos": ["*"]},
	}
}
