using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>What running a custom materialization gave: the <c>main</c> statement's SQL, response message, rows affected
/// and table (what a test materialization's <c>main</c> selected), or the error.</summary>
internal sealed record MaterializationResult(string? MainSql, string Message, int Relations, Diagnostic? Error)
{
    public bool Success => Error is null;

    /// <summary>The <c>main</c> statement's response's <c>rows_affected</c>, when it has one.</summary>
    public long? RowsAffected { get; init; }

    /// <summary>The <c>main</c> statement's table (empty unless it fetched its result).</summary>
    public AgateTable? MainTable { get; init; }
}

public sealed partial class Compiler
{
    /// <summary>The project's <c>{% materialization %}</c> block that builds <paramref name="node"/> on
    /// <paramref name="adapterType"/>, or null when the engine's own materialization does
    /// (<see cref="MaterializationResolver"/>).</summary>
    internal MaterializationEntry? FindMaterialization(Node node, string adapterType)
    {
        var legacy = project.ProjectFile.Raw.GetValueOrDefault("flags") is Dictionary<string, object?> flags
            && flags.GetValueOrDefault("require_explicit_package_overrides_for_builtin_materializations") is false;
        var entry = MaterializationResolver.Resolve(project.Templates.Materializations, project.Name, adapterType, node, legacy);
        if (legacy && entry is { } chosen && chosen.PackageName != project.Name
            && MaterializationResolver.Resolve(project.Templates.Materializations, project.Name, adapterType, node) != chosen
            && warnedOverrides.TryAdd((chosen.PackageName, node.Config.Materialized), 0))
        {
            // dbt's deprecation D016, once per package and materialization.
            (hooks?.Log ?? project.Services.Log)?.Invoke($"warning: Installed package '{chosen.PackageName}' is overriding the built-in materialization '{node.Config.Materialized}'. Overrides of built-in materializations from installed packages will be deprecated in future versions of dbt. For more information: https://docs.getdbt.com/reference/global-configs/legacy-behaviors");
        }

        return entry;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Package, string Materialization), byte> warnedOverrides = new();

    /// <summary>
    /// Runs a custom materialization as dbt-core's <c>ModelRunner</c> does: its macro is called in the model's runtime
    /// context (<c>sql</c> and <c>compiled_code</c> the compiled SQL, <c>pre_hooks</c>/<c>post_hooks</c>, which the
    /// block runs itself with <c>run_hooks</c>, and <c>render</c>); it must return <c>{'relations': [...]}</c> and
    /// have run <c>statement('main')</c>, whose response is the node's message. The errors are dbt's.
    /// </summary>
    internal MaterializationResult RunMaterialization(Node node, string? compiledSql, MaterializationEntry entry)
    {
        var state = new RenderState(node, RenderPhase.Compile);
        try
        {
            var globals = context.CreateGlobals(state);
            globals["sql"] = compiledSql;
            globals["compiled_code"] = compiledSql;

            // dbt gives tests and unit tests no hooks.
            var hooked = node.ResourceType is not (ResourceType.Test or ResourceType.UnitTest);
            globals["pre_hooks"] = hooked ? Hooks(node.Config.PreHooks) : new List<object?>();
            globals["post_hooks"] = hooked ? Hooks(node.Config.PostHooks) : new List<object?>();
            AddSeedFunctions(globals, node);
            globals["render"] = new JinjaFunction(args => project.Templates.Parse(PyStr.Str(ContextArgs.Get(args, 0, "value")), node.OriginalFilePath).Render(globals));
            var macro = globals.GetValueOrDefault(entry.PackageName) is IReadOnlyDictionary<string, object?> package && package.GetValueOrDefault(entry.Macro.Macro.Name) is IJinjaCallable bound
                ? bound
                : entry.Macro.Macro.Bind(globals);
            var returned = macro.Call(new JinjaCallArguments([], span: entry.Block.Span));
            var relations = Relations(returned, node);
            if (state.StatementResults.GetValueOrDefault("main") is not { } main)
            {
                return Error(node, "main is not being called during running model");
            }

            var response = main.GetValueOrDefault("response");
            return new MaterializationResult(state.MainStatementSql, PyStr.Str(response ?? "OK"), relations, null)
            {
                RowsAffected = response is IJinjaObject responseObject && responseObject.TryGetAttribute("rows_affected", out var rows) && rows is long count ? count : null,
                MainTable = main.GetValueOrDefault("table") as AgateTable,
            };
        }
        catch (DiagnosticException ex)
        {
            return new MaterializationResult(null, string.Empty, 0, Failed(node, ex.Diagnostic).Diagnostics[0]);
        }
        catch (JinjaException ex)
        {
            return new MaterializationResult(null, string.Empty, 0, Failed(node, new Diagnostic(DiagnosticSeverity.Error, ex.Code, ex.Message, ex.Span)).Diagnostics[0]);
        }
        catch (InvalidOperationException ex)
        {
            return Error(node, ex.Message);
        }
    }

    /// <summary>dbt's <c>_materialization_relations</c>: the block must return a dict whose <c>relations</c> is a list
    /// of relations.</summary>
    private static int Relations(object? returned, Node node) => returned switch
    {
        string => throw new InvalidOperationException($"The materialization (\"{node.Config.Materialized}\") did not explicitly return a list of relations to add to the cache."),
        Dictionary<string, object?> dict when !dict.TryGetValue("relations", out _) =>
            throw new InvalidOperationException($"Invalid return value from materialization, \"relations\" not found, got keys: {PythonRepr.Repr(dict.Keys.Cast<object?>().ToList())}"),
        Dictionary<string, object?> dict when dict["relations"] is not List<object?> =>
            throw new InvalidOperationException($"Invalid return value from materialization, \"relations\" not a list, got: {PythonRepr.Str(dict["relations"])}"),
        Dictionary<string, object?> dict => ((List<object?>)dict["relations"]!).Select(r => r is RelationValue
            ? r
            : throw new InvalidOperationException($"Invalid return value from materialization, \"relations\" contains non-Relation: {PythonRepr.Str(r)}")).Count(),
        _ => throw new InvalidOperationException($"Invalid return value from materialization, expected a dict with key \"relations\", got: {PythonRepr.Str(returned)}"),
    };

    /// <summary>dbt's hook objects as templates read them: <c>sql</c>, <c>transaction</c>, <c>index</c>.</summary>
    private static List<object?> Hooks(IReadOnlyList<HookConfig> hooks) =>
        [.. hooks.Select(h => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["sql"] = h.Sql, ["transaction"] = h.Transaction, ["index"] = (long)h.Index })];

    private static MaterializationResult Error(Node node, string message) =>
        new(null, string.Empty, 0, new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, message, node.DefinedAt));
}
