using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// <c>adapter.dispatch(macro_name, macro_namespace)</c> as dbt-core's <c>BaseDatabaseWrapper.dispatch</c>: the
/// packages searched are the root project's <c>dispatch:</c> search_order for the namespace, else the root project
/// then the namespace when it is an installed package (or <c>dbt</c>), else the node's own namespace; in each,
/// <c>&lt;adapter type&gt;__name</c> then <c>default__name</c>: <c>duckdb__</c> on DuckDB (dbt-duckdb's plugin declares
/// no parent adapter, so there is no <c>postgres__</c> step there), <c>postgres__</c> on PostgreSQL. The first macro found is returned; none is dbt's "In dispatch: No macro named ..." error.
/// </summary>
internal sealed partial class DbtContext
{

    private object? Dispatch(Dictionary<string, object?> globals, JinjaCallArguments args)
    {
        var name = ContextArgs.String(args, 0, "macro_name") ?? string.Empty;
        var macroNamespace = ContextArgs.Get(args, 1, "macro_namespace");
        if (ContextArgs.Get(args, 2, "packages") is not null)
        {
            throw DispatchError($"The \"packages\" argument of adapter.dispatch() has been deprecated. Use the \"macro_namespace\" argument instead (dispatching '{name}').", args);
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            var parts = name.Split('.', 2);
            throw DispatchError($"In adapter.dispatch, got a macro name of \"{name}\", but \".\" is not a valid macro name component. Did you mean `adapter.dispatch(\"{parts[1]}\", macro_namespace=\"{parts[0]}\")`?", args);
        }

        if (macroNamespace is not (null or string))
        {
            throw DispatchError($"In adapter.dispatch, got a macro_namespace argument that is not a string (\"{PythonRepr.Str(macroNamespace)}\"), but macro_namespace should be None or a string.", args);
        }

        var attempts = new List<string>();
        foreach (var package in SearchPackages(macroNamespace as string))
        {
            foreach (var prefix in (string[])[services.Target.Type, "default"])
            {
                var searchName = prefix + "__" + name;
                attempts.Add(package is null ? searchName : package + "." + searchName);
                if (FindMacro(globals, package, searchName) is { } macro)
                {
                    return macro;
                }
            }
        }

        throw DispatchError($"In dispatch: No macro named '{name}' found within namespace: '{macroNamespace as string ?? "None"}'\n    Searched for: {string.Join(", ", attempts.Select(a => "'" + a + "'"))}", args);
    }

    /// <summary>dbt's <c>_get_search_packages</c>; null stands for the node's flat namespace.</summary>
    private IReadOnlyList<string?> SearchPackages(string? macroNamespace)
    {
        if (macroNamespace is null)
        {
            return [null];
        }

        if (services.Dispatch.TryGetValue(macroNamespace, out var order) && order.Count > 0)
        {
            return [.. order];
        }

        var installed = macroNamespace == services.ProjectName || macroNamespace == ProjectTemplates.BuiltinPackage || services.PackageVars.ContainsKey(macroNamespace);
        return installed ? [services.ProjectName, macroNamespace] : [null];
    }

    /// <summary>dbt's <c>MacroNamespace.get_from_package</c>: a macro by name in the flat namespace (package null) or in one package.</summary>
    private static IJinjaCallable? FindMacro(Dictionary<string, object?> globals, string? package, string name)
    {
        if (package is null)
        {
            return globals.GetValueOrDefault(name) as IJinjaCallable;
        }

        return globals.GetValueOrDefault(package) is IReadOnlyDictionary<string, object?> macros ? macros.GetValueOrDefault(name) as IJinjaCallable : null;
    }

    private static DiagnosticException DispatchError(string message, JinjaCallArguments args) =>
        new(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, message, args.Span));
}
