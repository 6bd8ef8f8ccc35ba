# Tenant AppProjects allow no wildcard kinds or repositories: an AppProject labelled
# sccp.dev/tenant must not have a clusterResourceWhitelist entry with group "*" and kind "*", nor a
# sourceRepos entry made only of "*" or starting with "!" (Argo CD lets every repository that a
# deny pattern does not name in). Same rule as
# policies/kyverno/tenants-appproject-no-cluster-wildcard.yaml.
package sccp.tenants_appproject_no_cluster_wildcard

tenant_project if {
	input.apiVersion == "argoproj.io/v1alpha1"
	input.kind == "AppProject"
	is_string(input.metadata.labels["sccp.dev/tenant"])
}

deny contains msg if {
	tenant_project
	some entry in input.spec.clusterResourceWhitelist
	entry.group == "*"
	entry.kind == "*"
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant allows every cluster-scoped kind (clusterResourceWhitelist group \"*\", kind \"*\"); list the kinds instead",
		[input.metadata.name],
	)
}

wildcard_source(repo) if regex.match(`^[*]+$`, repo)

wildcard_source(repo) if startswith(repo, "!")

deny contains msg if {
	tenant_project
	some repo in input.spec.sourceRepos
	wildcard_source(repo)
	msg := sprintf(
		"tenants-appproject-no-cluster-wildcard: AppProject %s of a tenant allows every source repository (sourceRepos entry \"%s\"); list the repositories instead",
		[input.metadata.name, repo],
	)
}
