// Not an engine (nothing is built): pins the Pod Security Admission module whose fixtures and
// check registry packages/policy-pack-baseline/test/psa-conformance.test.ts reads from the Go
// module cache. See README.md.
module github.com/sccp/sccp/tools/psa

go 1.26.0

require k8s.io/pod-security-admission v0.37.2
