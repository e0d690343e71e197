using System.Security.Cryptography;
using System.Text;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>The context functions that do not depend on the node being rendered.</summary>
internal sealed partial class DbtContext
{
    private Dictionary<string, object?> CreateShared()
    {
        var target = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = services.Target.Name,
            ["target_name"] = services.Target.Name,
            ["type"] = services.Target.Type,
            ["schema"] = services.Target.Schema,
            ["database"] = services.Target.Database,
            ["threads"] = (long)services.Target.Threads,
            ["profile_name"] = services.Target.ProfileName,
            ["path"] = services.Target.Path,
        };
        if (services.Target.Postgres is { } postgres)
        {
            // dbt's target holds the profile's connection keys, never the password.
            target.Remove("path");
            target["host"] = postgres.Host;
            target["port"] = (long)postgres.Port;
            target["user"] = postgres.User;
            target["dbname"] = postgres.DatabaseName;
            target["search_path"] = postgres.SearchPath;
            target["role"] = postgres.Role;
            target["sslmode"] = postgres.SslMode;
        }

        var shared = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["target"] = target,
            ["project_name"] = services.ProjectName,
            ["var"] = new JinjaFunction(args => Var(services.Vars, args), takesUndefined: true),
            ["env_var"] = new JinjaFunction(EnvVar),
            ["doc"] = new JinjaFunction(Doc),
            ["print"] = new JinjaFunction(Print),
            ["return"] = new JinjaFunction(args => throw new JinjaReturnException(ContextArgs.Get(args, 0, "value")), takesUndefined: true),
            ["exceptions"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["raise_compiler_error"] = new JinjaFunction(args => throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, ContextArgs.String(args, 0, "msg") ?? "compiler error", args.Span))),
                ["warn"] = new JinjaFunction(args =>
                {
                    (hooks?.Log ?? services.Log)?.Invoke("warning: " + ContextArgs.String(args, 0, "msg"));
                    return string.Empty;
                }),
            },
            ["run_started_at"] = new Jinja.PyDateTime(services.RunStartedAt, utcOffset: TimeSpan.Zero),
            ["invocation_id"] = services.InvocationId,
            ["modules"] = JinjaModules.Create(),
            ["graph"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["nodes"] = new Dictionary<string, object?>(), ["sources"] = new Dictionary<string, object?>() },
            ["diff_of_two_dicts"] = new JinjaFunction(DiffOfTwoDicts),
            ["local_md5"] = new JinjaFunction(args => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(ContextArgs.String(args, 0, "value") ?? string.Empty)))),
            ["flags"] = Flags(),
            ["selected_resources"] = (hooks?.SelectedResources ?? []).Cast<object?>().ToList(),
            ["invocation_args_dict"] = hooks?.InvocationArgs is { } invocation ? new Dictionary<string, object?>(invocation, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal),
            ["dbt_version"] = Artifacts.RunResultsWriter.DbtVersion,

            ["zip"] = new JinjaFunction(Zip),
            ["set"] = new JinjaFunction(args => ToSet(args, strict: false)),
            ["set_strict"] = new JinjaFunction(args => ToSet(args, strict: true)),
        };
        AddSerializationFunctions(shared);
        return shared;
    }

    /// <summary>
    /// dbt's <c>diff_of_two_dicts(dict_a, dict_b)</c> (dbt-core's <c>BaseContext</c>): <c>dict_a</c> minus
    /// <c>dict_b</c>, both mappings of names to lists of strings, compared without regard to case: a key of
    /// <c>dict_a</c> that <c>dict_b</c> lacks keeps its whole list; a key both hold keeps the strings <c>dict_b</c>'s
    /// list lacks and is left out when none remain. Keys and strings keep <c>dict_a</c>'s case and order.
    /// </summary>
    private static object? DiffOfTwoDicts(JinjaCallArguments args)
    {
        var a = Mapping(ContextArgs.Get(args, 0, "dict_a"), "dict_a", args);
        var b = Mapping(ContextArgs.Get(args, 1, "dict_b"), "dict_b", args);
        var lowered = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in b)
        {
            lowered[Casefold(key, args)] = [.. PyOps.Iterate(values, args.Span).Select(v => Casefold(v, args))];
        }

        var diff = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, values) in a)
        {
            if (!lowered.TryGetValue(Casefold(key, args), out var other))
            {
                diff[key] = values;
                continue;
            }

            var left = PyOps.Iterate(values, args.Span).Where(v => !other.Contains(Casefold(v, args))).ToList();
            if (left.Count > 0)
            {
                diff[key] = left;
            }
        }

        return diff;
    }

    private static IEnumerable<KeyValuePair<string, object?>> Mapping(object? value, string name, JinjaCallArguments args) => value switch
    {
        IDictionary<string, object?> dict => dict,
        IReadOnlyDictionary<string, object?> dict => dict,
        _ => throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, $"diff_of_two_dicts: {name} must be a dict of lists of strings, got {PyOps.TypeName(value)}", args.Span)),
    };

    /// <summary>Python's <c>str.casefold()</c> (lower case, and the German sharp s as <c>ss</c>); what is not a string
    /// fails as Python's attribute lookup does.</summary>
    private static string Casefold(object? value, JinjaCallArguments args) => value is string text
        ? text.ToLowerInvariant().Replace("ß", "ss", StringComparison.Ordinal)
        : throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, $"diff_of_two_dicts: '{PyOps.TypeName(value)}' object has no attribute 'casefold'", args.Span));

    /// <summary>dbt's <c>set(value, default=None)</c> (the default when the value is not iterable) and
    /// <c>set_strict(value)</c> (an error then).</summary>
    private static object? ToSet(JinjaCallArguments args, bool strict)
    {
        var value = ContextArgs.Get(args, 0, "value");
        if (!strict && value is not (string or System.Collections.IEnumerable))
        {
            return ContextArgs.Get(args, 1, "default");
        }

        return new PySet(PyOps.Iterate(value, args.Span), args.Span);
    }

    /// <summary>dbt's <c>flags</c> (dbt docs "flags"): the verb running and its options; a flag not listed is an
    /// undefined value (empty and false).</summary>
    private Dictionary<string, object?> Flags() => new(StringComparer.Ordinal)
    {
        ["WHICH"] = hooks?.Which ?? parseWhich,
        ["FULL_REFRESH"] = hooks?.FullRefresh ?? false,
        ["STORE_FAILURES"] = hooks?.StoreFailures ?? false,
        ["FAIL_FAST"] = false,
        ["WARN_ERROR"] = false,
        ["DEBUG"] = false,
        ["EMPTY"] = false,
        ["USE_COLORS"] = false,
        ["PARTIAL_PARSE"] = false,
        ["STATIC_PARSER"] = false,
        ["INDIRECT_SELECTION"] = "eager",
        ["SEND_ANONYMOUS_USAGE_STATS"] = false,
        ["PRINTER_WIDTH"] = 80L,
        ["WRITE_JSON"] = true,
        ["INTROSPECT"] = true,
        ["TARGET_PATH"] = null,
        ["LOG_FORMAT"] = "default",
    };

    /// <summary>Python's <c>zip()</c> as dbt's context offers it: a list of tuples (as lists).</summary>
    private static object? Zip(JinjaCallArguments args)
    {
        var lists = args.Positional.Select(p => (p as IEnumerable<object?>)?.ToList() ?? []).ToList();
        var count = lists.Count == 0 ? 0 : lists.Min(l => l.Count);
        return Enumerable.Range(0, count).Select(i => (object?)lists.Select(l => l[i]).ToList()).ToList();
    }

    /// <summary>dbt's <c>var(name, default)</c>. As dbt's <c>Var.get_rendered_var</c>, a string value holding Jinja
    /// (<c>insert_batch_size: "{{ 500 if target.type == 'bigquery' else 10000 }}"</c> in a dbt_project.yml, whose vars
    /// are not rendered when it is read) is rendered when it is read, to text. The default is returned as given, an
    /// undefined one too, as Python passes Jinja2's Undefined along: datavault4dbt writes <c>var('...', FALSE)</c>, and
    /// <c>FALSE</c> is no Jinja constant (<c>false</c> and <c>False</c> are), so the value is undefined and false. An
    /// undefined name is its error.</summary>
    private object? Var(IReadOnlyDictionary<string, object?> vars, JinjaCallArguments args)
    {
        Jinja.Runtime.PyOps.Check(args.Positional.Count > 0 ? args.Positional[0] : args.Keyword.GetValueOrDefault("name"));
        var name = ContextArgs.String(args, 0, "name") ?? string.Empty;
        if (vars.TryGetValue(name, out var value))
        {
            return value is string text && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal))
                ? services.Templates.Environment.Parse(text, args.Span.File).Render(CreateGlobals(new RenderState(null, RenderPhase.Parse)))
                : value;
        }

        if (ContextArgs.Has(args, 1, "default"))
        {
            return ContextArgs.Get(args, 1, "default");
        }

        var known = vars.Count == 0 ? "none" : string.Join(", ", vars.Keys.Order(StringComparer.Ordinal));
        throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UndefinedVar, $"required var '{name}' not found in config (vars supplied: {known})", args.Span));
    }

    private object? EnvVar(JinjaCallArguments args)
    {
        var name = ContextArgs.String(args, 0, "var") ?? string.Empty;
        if (services.Environment.TryGetValue(name, out var value))
        {
            return value;
        }

        if (ContextArgs.Has(args, 1, "default"))
        {
            return ContextArgs.Get(args, 1, "default");
        }

        throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.MissingEnvVar, $"env var required but not provided: '{name}'", args.Span));
    }

    private object? Doc(JinjaCallArguments args)
    {
        var name = args.Positional.Count > 1 ? ContextArgs.String(args, 1, "name") : ContextArgs.String(args, 0, "name");
        if (name is not null && services.Templates.Docs.TryGetValue(name, out var body))
        {
            return body;
        }

        throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UnknownDoc, $"documentation for '{name}' not found", args.Span));
    }

    private object? Print(JinjaCallArguments args)
    {
        (hooks?.Log ?? services.Log)?.Invoke(string.Join(' ', args.Positional.Select(PythonRepr.Str)));
        return string.Empty;
    }

    private object? Log(JinjaCallArguments args, RenderState state)
    {
        if (state.Phase == RenderPhase.Compile || ContextArgs.Get(args, 1, "info") is true)
        {
            (hooks?.Log ?? services.Log)?.Invoke(PythonRepr.Str(ContextArgs.Get(args, 0, "msg")));
        }

        return string.Empty;
    }

    /// <summary>A minimal <c>adapter</c>: <c>type()</c>, <c>quote</c> and <c>dispatch</c> (see DbtContext.Dispatch.cs).</summary>
    private Dictionary<string, object?> AdapterValue(Dictionary<string, object?> globals) => new(StringComparer.Ordinal)
    {
        ["type"] = new JinjaFunction(_ => services.Target.Type),
        ["quote"] = new JinjaFunction(args => Relation.Quote(ContextArgs.String(args, 0, "identifier") ?? string.Empty)),
        ["dispatch"] = new JinjaFunction(args => Dispatch(globals, args)),
    };
}
