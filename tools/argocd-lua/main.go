// Command argocd-lua runs an Argo CD resource health script (resource.customizations.health.<group>_<kind>)
// the way Argo CD v3.4 does it (util/lua/lua.go of argoproj/argo-cd v3.4.4, runLua and
// ExecuteHealthLua): gopher-lua at the version Argo CD pins, no standard library but package, base
// and table (string, math, io and debug are not there), the object as the global `obj`, one second
// to finish, and the returned table's status one of Argo CD's health codes (else Unknown with
// Argo CD's message). Argo CD's safe os module (os.time, os.date) is not provided: a script that
// needs it fails here, which is stricter than Argo CD.
//
//	argocd-lua health <script.lua> < object.json
//
// prints {"status": "...", "message": "..."}; exit 1 with the Lua error when the script fails or
// returns something else than a table or nil (Argo CD then reports the error, not a health).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// Health codes Argo CD accepts from a script (health.HealthStatusCode).
var codes = map[string]bool{"Unknown": true, "Progressing": true, "Suspended": true, "Healthy": true, "Degraded": true, "Missing": true}

type healthStatus struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

// decodeValue converts decoded JSON into Lua values as Argo CD's decodeValue does.
func decodeValue(l *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case bool:
		return lua.LBool(v)
	case float64:
		return lua.LNumber(v)
	case string:
		return lua.LString(v)
	case []any:
		arr := l.CreateTable(len(v), 0)
		for _, item := range v {
			arr.Append(decodeValue(l, item))
		}
		return arr
	case map[string]any:
		tbl := l.CreateTable(0, len(v))
		for key, item := range v {
			tbl.RawSetH(lua.LString(key), decodeValue(l, item))
		}
		return tbl
	}
	return lua.LNil
}

// stringField reads a string field of the returned table; Argo CD decodes the table as JSON into a
// struct of strings, so any other type is an error.
func stringField(t *lua.LTable, name string) (string, error) {
	switch v := t.RawGetString(name).(type) {
	case *lua.LNilType:
		return "", nil
	case lua.LString:
		return string(v), nil
	default:
		return "", fmt.Errorf("the returned table's %s is a %s, not a string", name, v.Type())
	}
}

func health(script string, obj map[string]any) (*healthStatus, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name)); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", decodeValue(l, obj))
	if err := l.DoString(script); err != nil {
		return nil, err
	}
	switch ret := l.Get(-1).(type) {
	case *lua.LNilType:
		return &healthStatus{}, nil
	case *lua.LTable:
		if k, _ := ret.Next(lua.LNil); k == lua.LNil {
			return &healthStatus{}, nil // Argo CD: an empty table encodes as [], read as no health
		}
		status, err := stringField(ret, "status")
		if err != nil {
			return nil, err
		}
		message, err := stringField(ret, "message")
		if err != nil {
			return nil, err
		}
		if !codes[status] {
			return &healthStatus{Status: "Unknown", Message: "Lua returned an invalid health status"}, nil
		}
		return &healthStatus{Status: status, Message: message}, nil
	default:
		return nil, fmt.Errorf("expect table output from Lua script, not %s", ret.Type())
	}
}

func main() {
	if len(os.Args) != 3 || os.Args[1] != "health" {
		fmt.Fprintln(os.Stderr, "usage: argocd-lua health <script.lua> < object.json")
		os.Exit(2)
	}
	script, err := os.ReadFile(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var obj map[string]any
	if err := json.NewDecoder(os.Stdin).Decode(&obj); err != nil {
		fmt.Fprintf(os.Stderr, "reading the object (JSON) from stdin: %v\n", err)
		os.Exit(2)
	}
	hs, err := health(string(script), obj)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, _ := json.Marshal(hs)
	fmt.Println(string(out))
}
