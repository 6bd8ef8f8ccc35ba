# METADATA
# title: Helm charts of Argo CD Applications are pinned to an exact version
# description: >-
#   Every Helm chart source of an Argo CD Application (spec.source or spec.sources[] with a chart)
#   must set targetRevision to an exact semantic version (1.2.3, v1.2.3, 1.2.3-rc.1): not empty,
#   "*", a range (^1.2, ~1.2, >=1.0, 1.x), HEAD or a branch name, which would let a chart
#   release change the platform without a reviewed commit.
# custom:
#   kinds:
#     - apiGroups: [argoproj.io]
#       kinds: [Application]
package sccp.trusted_execution_pinned_chart_versions

# Semantic version 2.0.0, with an optional leading v (charts such as cert-manager's are v1.2.3).
exact_version := `^v?(0|[1-9][0-9]*)[.](0|[1-9][0-9]*)[.](0|[1-9][0-9]*)(-[0-9A-Za-z-]+([.][0-9A-Za-z-]+)*)?([+][0-9A-Za-z-]+([.][0-9A-Za-z-]+)*)?$`

pinned(revision) if {
	is_string(revision)
	regex.match(exact_version, revision)
}

sources := array.concat(
	[s | s := input.spec.source],
	object.get(input, ["spec", "sources"], []),
)

unpinned := [sprintf("%s@%s", [s.chart, revision]) |
	some s in sources
	is_string(s.chart)
	s.chart != ""
	revision := object.get(s, "targetRevision", "")
	not pinned(revision)
]

deny contains msg if {
	input.kind == "Application"
	startswith(input.apiVersion, "argoproj.io/")
	count(unpinned) > 0
	msg := sprintf("trusted-execution-pinned-chart-versions: Application %s/%s: chart(s) %s are not pinned to an exact version (targetRevision must be a semantic version such as 1.2.3)", [
		object.get(input, ["metadata", "namespace"], ""),
		object.get(input, ["metadata", "name"], ""),
		concat(", ", unpinned),
	])
}
