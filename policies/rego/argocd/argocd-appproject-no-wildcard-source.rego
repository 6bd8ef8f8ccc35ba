# An Argo CD AppProject must list the repositories its Applications may deploy from: a "*" entry in
# spec.sourceRepos lets any repository (anyone's manifests) deploy into the project's destinations.
package sccp.argocd_appproject_no_wildcard_source

is_appproject if {
	input.apiVersion == "argoproj.io/v1alpha1"
	input.kind == "AppProject"
}

deny contains msg if {
	is_appproject
	some repo in object.get(input, ["spec", "sourceRepos"], [])
	repo == "*"
	msg := sprintf("argocd-appproject-no-wildcard-source: AppProject %s/%s allows every source repository (\"*\" in spec.sourceRepos); list the repositories instead", [
		object.get(input, ["metadata", "namespace"], ""),
		object.get(input, ["metadata", "name"], ""),
	])
}
