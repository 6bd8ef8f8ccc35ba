# Every Kyverno PolicyException (group kyverno.io, any version) must live in namespace kyverno, the
# only namespace whose exceptions the platform's Kyverno honours, and carry a non-blank annotation
# sccp.dev/reason saying why it exists. Input: one Kubernetes resource.
package sccp.kyverno_exception_has_reason

is_exception if {
	input.kind == "PolicyException"
	startswith(object.get(input, "apiVersion", ""), "kyverno.io/")
}

namespace := object.get(input, ["metadata", "namespace"], "")

name := object.get(input, ["metadata", "name"], "")

deny contains msg if {
	is_exception
	namespace != "kyverno"
	msg := sprintf("kyverno-exception-has-reason: PolicyException %s/%s is not in namespace kyverno, the only namespace whose PolicyExceptions Kyverno honours", [namespace, name])
}

deny contains msg if {
	is_exception
	not has_reason
	msg := sprintf("kyverno-exception-has-reason: PolicyException %s/%s has no sccp.dev/reason annotation saying why it exists", [namespace, name])
}

# A reason is an annotation value with at least one non-whitespace character.
has_reason if {
	reason := object.get(input, ["metadata", "annotations", "sccp.dev/reason"], "")
	is_string(reason)
	regex.match(`\S`, reason)
}
