using System.Diagnostics;
using System.Text.RegularExpressions;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

public static partial class DbtRunner
{
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*\.)?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex MacroName();

    /// <summary>
    /// dbt's <c>run-operation</c>: calls a macro of the project or a package (<c>name</c> or <c>package.name</c>) with
    /// the keyword arguments of <paramref name="argsYaml"/> (a YAML mapping), with <c>execute</c> true and the target's
    /// database open, so its <c>run_query</c> and <c>statement</c> calls run. The macro's output text is not used (as
    /// in dbt); its <c>log()</c> lines go to the log. The outcome holds one result, <c>macro.&lt;package&gt;.&lt;name&gt;</c>.
    /// </summary>
    public static Task<DbtRunReport> RunOperationAsync(DbtRunOptions options, string macro, string? argsYaml, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var load = ProjectLoader.Load(options.ToLoadOptions());
        if (!load.Success || load.Project is not { } project)
        {
            return Task.FromResult(new DbtRunReport { Diagnostics = load.Diagnostics, Project = load.Project });
        }

        var bag = new DiagnosticBag();
        var root = YamlFile.ParseMapping(argsYaml ?? string.Empty, "--args", bag, allowEmpty: true);
        if (bag.HasErrors || root is null || YamlFile.ToValue(root) is not Dictionary<string, object?> args)
        {
            return Task.FromResult(new DbtRunReport
            {
                Diagnostics = [.. load.Diagnostics, .. bag.Items.Select(d => d with { Message = "--args must be a YAML mapping: " + d.Message })],
                Project = project,
                Error = bag.HasErrors ? null : "--args must be a YAML mapping of the macro's keyword arguments",
            });
        }

        if (!MacroName().IsMatch(macro) || FindMacro(project, macro) is not { } entry)
        {
            return Task.FromResult(new DbtRunReport
            {
                Diagnostics = load.Diagnostics,
                Project = project,
                Error = $"run-operation: no macro named '{macro}' in the project or its packages",
            });
        }

        var target = ToAdapterTarget(project.Target, project.ProjectDir, options.DatabasePath);
        if (OpenAdapter(project, target, load.Diagnostics, out var failed) is not { } adapter)
        {
            return Task.FromResult(failed!);
        }

        using (adapter)
        {
            using var session = adapter.OpenSession();
            var compiler = new Compiler(project, CreateCompileHooks(session, options, "run-operation", invocationArgs: InvocationArgs.For(project, options, "run-operation", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["macro"] = macro,
                ["args"] = string.IsNullOrWhiteSpace(argsYaml) ? null : args,
            })));
            try
            {
                session.Comment = QueryComments.For(project, compiler, null, "macro_" + macro);
            }
            catch (NodeCompilationException ex)
            {
                return Task.FromResult(new DbtRunReport { Diagnostics = load.Diagnostics, Project = project, Error = ex.Message });
            }

            var call = "{{ " + macro + "(" + string.Join(", ", args.Keys.Select((k, i) => $"{k}=__wellhouse_args[{i}]")) + ") }}";
            var values = args.Values.ToList();
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var rendered = compiler.RenderSnippet(call, new SourceSpan("--args", 0, 0), null, new Dictionary<string, object?>(StringComparer.Ordinal) { ["__wellhouse_args"] = values });
            var node = new Node
            {
                UniqueId = entry.UniqueId,
                ResourceType = ResourceType.Operation,
                Name = macro,
                PackageName = entry.PackageName,
                OriginalFilePath = entry.Macro.Span.File,
                Path = entry.Macro.Span.File,
                Fqn = [entry.PackageName, macro],
                RawCode = call,
            };
            var result = new NodeResult
            {
                Node = node,
                Status = rendered.Success ? NodeStatus.Success : NodeStatus.Error,
                Message = rendered.Success ? "OK" : $"Encountered an error while running operation {macro}:\n  " + rendered.Error!.Format(project.ProjectDir),
                ThreadId = "main",
                ExecutionTime = clock.Elapsed.TotalSeconds,
                Timing = [new PhaseTiming("execute", started, DateTimeOffset.UtcNow)],
            };
            if (!rendered.Success)
            {
                options.Log?.Invoke(result.Message!);
            }

            var outcome = new RunOutcome([result], started, DateTimeOffset.UtcNow, cancellationToken.IsCancellationRequested);
            return Task.FromResult(new DbtRunReport { Diagnostics = load.Diagnostics, Project = project, Outcome = outcome, DatabasePath = target.Path });
        }
    }

    private static MacroEntry? FindMacro(LoadedProject project, string macro)
    {
        var templates = project.Templates;
        var dot = macro.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return templates.Macros.GetValueOrDefault(macro);
        }

        return templates.PackageMacros.GetValueOrDefault(macro[..dot])?.GetValueOrDefault(macro[(dot + 1)..]);
    }
}
