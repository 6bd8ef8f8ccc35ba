module github.com/sccp/sccp/tools/argocd-lua

go 1.26.0

// the gopher-lua that argoproj/argo-cd v3.4.4 (go.mod) runs resource health scripts with
require github.com/yuin/gopher-lua v1.1.1
