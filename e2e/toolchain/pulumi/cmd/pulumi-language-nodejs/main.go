// Command pulumi-language-nodejs is a small Node.js language host for the Pulumi engine.
//
// Upstream's host is not served by the Go module proxy, so the end-to-end run builds this one
// beside the `pulumi` binary, where the engine looks for language plugins. It does what this
// repository's programs and policy pack need: it runs a program through `@pulumi/pulumi/cmd/run`
// and serves a policy pack through `@pulumi/pulumi/cmd/run-policy-pack`. Provider plugins are not
// discovered from node_modules: the engine loads each provider when a program first uses it, from
// the plugins installed by the toolchain build, so nothing is ever downloaded.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The exit code with which @pulumi/pulumi's runner says it has already shown the user an
// actionable error, so the engine must not add its own.
const exitAfterUserActionableMessage = 32

func main() {
	flag.String("tracing", "", "accepted for compatibility with the engine; tracing is not supported")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}

	host := &languageHost{}
	if args := flag.Args(); len(args) > 0 {
		host.engineAddress = args[0]
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	host.cancel = cancel
	stop := make(chan bool)
	go func() { <-ctx.Done(); close(stop) }()
	if host.engineAddress != "" {
		// Exit when the engine goes away, as every plugin must.
		if err := rpcutil.Healthcheck(ctx, host.engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start the engine health check: %w", err))
		}
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host: %w", err))
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host stopped serving: %w", err))
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	cancel        context.CancelFunc
	running       []*exec.Cmd
}

func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	h.engineAddress = req.GetEngineAddress()
	h.mu.Unlock()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// Providers load on first use from the installed plugins; announcing them up front would make
// the engine try to install the ones a stack never uses (DigitalOcean, random) from the network.
func (h *languageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *languageHost) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// Dependencies come from the workspace's own `npm ci`; the host never installs anything.
func (h *languageHost) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	return nil
}

func (h *languageHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, err := exec.CommandContext(ctx, "node", "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, cmd := range h.running {
		if cmd.Process != nil {
			_ = cmd.Process.Signal(os.Interrupt)
		}
	}
	return &emptypb.Empty{}, nil
}

func (h *languageHost) track(cmd *exec.Cmd) func() {
	h.mu.Lock()
	h.running = append(h.running, cmd)
	h.mu.Unlock()
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		for i, c := range h.running {
			if c == cmd {
				h.running = append(h.running[:i], h.running[i+1:]...)
				break
			}
		}
	}
}

// Run executes a program with @pulumi/pulumi's own runner, which talks to the engine's resource
// monitor directly.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	runner, err := resolveModule(ctx, "@pulumi/pulumi/cmd/run", info.GetProgramDirectory())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	configJSON, err := legacyConfigJSON(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	secretKeys, err := json.Marshal(nonNil(req.GetConfigSecretKeys()))
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()

	args := []string{runner}
	flagIfSet := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagIfSet("monitor", req.GetMonitorAddress())
	flagIfSet("engine", engineAddress)
	flagIfSet("organization", req.GetOrganization())
	flagIfSet("project", req.GetProject())
	flagIfSet("root-directory", info.GetRootDirectory())
	flagIfSet("stack", req.GetStack())
	flagIfSet("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagIfSet("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	env := append(os.Environ(),
		"PULUMI_CONFIG="+configJSON,
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	env = append(env, typescriptEnv(info.GetOptions().AsMap())...)

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	// Node may switch its stdio to non-blocking mode; wrapping keeps exec from handing it our fds.
	cmd.Stdout = struct{ *os.File }{os.Stdout}
	cmd.Stderr = struct{ *os.File }{os.Stderr}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	defer h.track(cmd)()

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitAfterUserActionableMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run node: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin serves a policy pack (an analyzer plugin) written in TypeScript. The engine first
// sends the stack's configuration to a proxy, which the pack's process then receives as its
// environment, exactly as upstream's host does.
func (h *languageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	if req.GetKind() != string(apitype.AnalyzerPlugin) {
		return fmt.Errorf("this language host runs programs and policy packs only, not %q plugins", req.GetKind())
	}
	ctx := server.Context()
	info := req.GetInfo()

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	runner, err := resolveModule(ctx, "@pulumi/pulumi/cmd/run-policy-pack", info.GetProgramDirectory())
	if err != nil {
		return err
	}

	proxy, proxiedStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start the policy pack proxy: %w", err)
	}
	stackConfig, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not read the stack configuration: %w", err)
	}

	env := append(req.GetEnv(), typescriptEnv(info.GetOptions().AsMap())...)
	if stackConfig != nil {
		setIfNonEmpty := func(key, value string) {
			if value != "" {
				env = append(env, key+"="+value)
			}
		}
		setIfNonEmpty("PULUMI_NODEJS_ORGANIZATION", stackConfig.GetOrganization())
		setIfNonEmpty("PULUMI_NODEJS_PROJECT", stackConfig.GetProject())
		setIfNonEmpty("PULUMI_NODEJS_STACK", stackConfig.GetStack())
		setIfNonEmpty("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stackConfig.GetDryRun()))
		if cfg := stackConfig.GetConfig(); cfg != nil {
			configJSON, err := json.Marshal(cfg)
			if err != nil {
				return fmt.Errorf("could not encode the stack configuration: %w", err)
			}
			setIfNonEmpty("PULUMI_CONFIG", string(configJSON))
		}
	}

	// A policy pack takes its own directory last, and runs from it.
	args := append([]string{runner}, req.GetArgs()...)
	args = append(args, info.GetProgramDirectory())
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = proxiedStdout, stderr
	defer h.track(cmd)()

	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start the policy pack: %w", err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("policy pack exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return err
	}
	return closer.Close()
}

// resolveModule finds a module the way the program itself would, from its own directory, so a
// workspace's hoisted node_modules is found.
func resolveModule(ctx context.Context, module, dir string) (string, error) {
	script := fmt.Sprintf("console.log(require.resolve(%q))", module)
	cmd := exec.CommandContext(ctx, "node", "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot find %s from %s: run `npm ci` in the repository first", module, dir)
	}
	return strings.TrimSpace(string(out)), nil
}

// legacyConfigJSON writes configuration keys as `<namespace>:config:<name>`, the form that
// every @pulumi/pulumi version reads.
func legacyConfigJSON(cfg map[string]string) (string, error) {
	legacy := make(map[string]string, len(cfg))
	for key, value := range cfg {
		parsed, err := config.ParseKey(key)
		if err != nil {
			return "", fmt.Errorf("configuration key %q: %w", key, err)
		}
		legacy[parsed.Namespace()+":config:"+parsed.Name()] = value
	}
	out, err := json.Marshal(legacy)
	return string(out), err
}

// typescriptEnv applies the `runtime.options` of Pulumi.yaml that matter to this repository.
func typescriptEnv(options map[string]any) []string {
	var env []string
	if typescript, ok := options["typescript"].(bool); !ok || typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	return env
}

func nonNil(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}
