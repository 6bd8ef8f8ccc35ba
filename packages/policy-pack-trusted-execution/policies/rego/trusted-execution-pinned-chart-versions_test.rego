package sccp.trusted_execution_pinned_chart_versions_test

import data.sccp.trusted_execution_pinned_chart_versions as policy

app(source) := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "loki", "namespace": "argocd"}, "spec": {"source": source}}

chart(rev) := {"repoURL": "https://grafana.github.io/helm-charts", "chart": "loki", "targetRevision": rev}

test_exact_versions_admitted if {
	every rev in ["6.53.0", "v1.21.1", "0.0.1", "2.0.0-rc.1", "2.0.0-rc.1+build.5", "1.2.3+meta"] {
		count(policy.deny) == 0 with input as app(chart(rev))
	}
}

test_ranges_heads_and_branches_denied if {
	every rev in ["*", "^6.53.0", "~6.53", ">=6.0.0", "6.x", "6.53", "6", "HEAD", "main", "release-6.53", "", " 6.53.0", "6.53.0 ", "06.53.0", "6.53.0 - 6.54.0", "latest"] {
		count(policy.deny) == 1 with input as app(chart(rev))
	}
}

test_missing_revision_denied if {
	some msg in policy.deny with input as app({"repoURL": "https://grafana.github.io/helm-charts", "chart": "loki"})
	msg == "trusted-execution-pinned-chart-versions: Application argocd/loki: chart(s) loki@ are not pinned to an exact version (targetRevision must be a semantic version such as 1.2.3)"
}

test_git_sources_ignored if {
	count(policy.deny) == 0 with input as app({"repoURL": "https://git.example.com/x.git", "path": "prod", "targetRevision": "main"})
}

test_multi_source if {
	s := {"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "stack", "namespace": "argocd"}, "spec": {"sources": [
		chart("6.53.0"),
		{"repoURL": "https://git.example.com/values.git", "targetRevision": "HEAD", "ref": "values"},
	]}}
	count(policy.deny) == 0 with input as s
	bad := json.patch(s, [{"op": "add", "path": "/spec/sources/-", "value": {"repoURL": "https://charts.example.com", "chart": "b", "targetRevision": "1.x"}}])
	some msg in policy.deny with input as bad
	contains(msg, "chart(s) b@1.x are not pinned")
}

test_other_kinds_ignored if {
	count(policy.deny) == 0 with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "ApplicationSet", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"source": chart("*")}}}}
}
