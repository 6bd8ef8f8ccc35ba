# An Argo CD Application must name a project other than "default": the default project allows any
# source repository, any destination and any resource kind.
package sccp.argocd_no_default_project

is_application if {
	input.apiVersion == "argoproj.io/v1alpha1"
	input.kind == "Application"
}

project := object.get(input, ["spec", "project"], "")

deny contains msg if {
	is_application
	project in {"", "default"}
	msg := sprintf("argocd-no-default-project: Application %s/%s uses the project \"%s\"; assign it to a dedicated AppProject", [
		object.get(input, ["metadata", "namespace"], ""),
		object.get(input, ["metadata", "name"], ""),
		project,
	])
}
