using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Parse-time rendering (dbt's "parsing" phase, execute = false): yml config first, then each SQL file is rendered
/// once to capture its ref(), source() and config() calls; in-file config wins over yml, which wins over the project.
/// </summary>
internal sealed partial class ProjectParser
{
    private void ParseNodes()
    {
        foreach (var node in manifest.Nodes.Values.ToList())
        {
            var entry = EntryFor(node);
            if (entry is not null)
            {
                ConfigMerger.Apply(node.Config, RenderConfig(entry.Config, node, entry.Span));
                if (node.Language == "csharp")
                {
                    node.Config["materialized"] = CSharpMaterialization(node.Config.Materialized);
                }
            }

            ResolveNames(node);
            if (node.Language != "sql" || node.ResourceType == ResourceType.Seed)
            {
                continue;
            }

            var template = ParseTemplate(node.RawCode, node.DefinedAt.File);
            if (template is null)
            {
                continue;
            }

            Templates.NodeTemplates[node.UniqueId] = template;
            var state = new RenderState(node, RenderPhase.Parse);
            if (!Render(() => template.Render(context.CreateGlobals(state), JinjaUndefined.Chainable), node.DefinedAt))
            {
                continue;
            }

            RecordCalls(node, state);
            if (state.ConfigCalls.Count > 0)
            {
                ResolveNames(node);
            }
        }
    }

    /// <summary>
    /// A schema file's config with its Jinja strings rendered, nested ones too (dbt renders schema files with var()
    /// and env_var(), e.g. <c>column_types: {x: "{{ 'float' }}"}</c>); the other values are kept as they are, and so are
    /// hooks, which dbt renders only when they run.
    /// </summary>
    private Dictionary<string, object?> RenderConfig(Dictionary<string, object?> config, Node node, SourceSpan where)
    {
        if (!config.Any(setting => !IsHook(setting.Key) && HasTemplate(setting.Value)))
        {
            return config;
        }

        var rendered = new Dictionary<string, object?>(config, StringComparer.Ordinal);
        foreach (var (key, value) in config.Where(setting => !IsHook(setting.Key) && HasTemplate(setting.Value)))
        {
            Render(() => rendered[key] = RenderTemplates(value, text => Templates.Parse(text, where.File).Render(context.CreateGlobals(new RenderState(node, RenderPhase.Parse)))), where);
        }

        return rendered;
    }

    private static bool IsHook(string key) => key is "pre-hook" or "post-hook" or "pre_hook" or "post_hook";

    private static bool HasTemplate(object? value) => value switch
    {
        string text => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal),
        IDictionary<string, object?> map => map.Values.Any(HasTemplate),
        IList<object?> list => list.Any(HasTemplate),
        _ => false,
    };

    /// <summary>A copy of <paramref name="value"/> with every templated string rendered.</summary>
    private static object? RenderTemplates(object? value, Func<string, string> render) => value switch
    {
        string text when HasTemplate(text) => render(text),
        IDictionary<string, object?> map when HasTemplate(map) => map.ToDictionary(e => e.Key, e => RenderTemplates(e.Value, render), StringComparer.Ordinal),
        IList<object?> list when HasTemplate(list) => list.Select(v => RenderTemplates(v, render)).ToList(),
        _ => value,
    };

    /// <summary>The schema file entry of the node's package that describes a model or seed (the first one when described twice).</summary>
    private SchemaEntry? EntryFor(Node node)
    {
        var package = PackageOf(node.PackageName);
        var entriesByName = package.EntriesByName;
        if (entriesByName is null)
        {
            package.EntriesByName = entriesByName = [];
            foreach (var entry in package.Schema.Entries)
            {
                entriesByName.TryAdd((entry.Kind, entry.Name, entry.Version is null ? null : PythonRepr.Str(entry.Version)), entry);
            }
        }

        var kind = node.ResourceType switch
        {
            ResourceType.Model => "models",
            ResourceType.Seed => "seeds",
            ResourceType.Snapshot => "snapshots",
            ResourceType.Analysis => "analyses",
            ResourceType.Test when node.TestMetadata is null => "data_tests",
            _ => null,
        };
        return kind is null ? null : entriesByName.GetValueOrDefault((kind, node.Name, node.VersionText));
    }

    private void RecordCalls(Node node, RenderState state)
    {
        foreach (var (call, span) in state.Refs)
        {
            node.Refs.Add(call);
            refSpans.GetOrAdd(node.UniqueId).Add((call, span));
        }

        foreach (var (call, span) in state.Sources)
        {
            node.Sources.Add(call);
            sourceSpans.GetOrAdd(node.UniqueId).Add((call, span));
        }

        foreach (var macro in state.Macros.Order(StringComparer.Ordinal))
        {
            if (!node.DependsOnMacros.Contains(macro))
            {
                node.DependsOnMacros.Add(macro);
            }
        }
    }

    /// <summary>Runs a render, turning its failure into a diagnostic; false when it failed.</summary>
    private bool Render(Action render, SourceSpan where)
    {
        try
        {
            render();
            return true;
        }
        catch (JinjaException ex)
        {
            diagnostics.Error(ex.Code, ex.Message, ex.Span.File.Length == 0 ? where : ex.Span);
        }
        catch (DiagnosticException ex)
        {
            diagnostics.Add(ex.Diagnostic.Span.File.Length == 0 ? ex.Diagnostic with { Span = where } : ex.Diagnostic);
        }

        return false;
    }

    /// <summary>
    /// Database, schema and alias through dbt's naming macros (generate_database_name, generate_schema_name,
    /// generate_alias_name); the built-in ones are computed directly, a project override is rendered.
    /// </summary>
    private void ResolveNames(Node node)
    {
        var customSchema = node.Config.Schema;
        var customAlias = node.Config.Alias;
        var customDatabase = node.Config.Database;
        node.Schema = CallNamingMacro("generate_schema_name", customSchema, node) ??
            (customSchema is null ? services.Target.Schema : services.Target.Schema + "_" + customSchema.Trim());
        node.Alias = CallNamingMacro("generate_alias_name", customAlias, node) ?? DefaultAlias(node, customAlias);
        node.Database = CallNamingMacro("generate_database_name", customDatabase, node) ?? customDatabase?.Trim() ?? services.Target.Database;
        ApplyLegacySnapshotTarget(node);
        var type = services.Target.Type;
        node.Database = RelationQuoting.Name(node.Database, ProjectQuoting.Database, type);
        node.Schema = RelationQuoting.Name(node.Schema, ProjectQuoting.Schema, type)!;
        node.Alias = RelationQuoting.Name(node.Alias, ProjectQuoting.Identifier, type)!;
    }

    /// <summary>The root project's <c>quoting:</c> (dbt_project.yml) over dbt's default (everything quoted).</summary>
    private RelationQuoting ProjectQuoting => projectQuoting ??= Quoting(RelationQuoting.All, rootFile.Raw.GetValueOrDefault("quoting"),
        rootFile.KeySpans.GetValueOrDefault("quoting", new SourceSpan("dbt_project.yml", 0, 0)));

    /// <summary>A <c>quoting:</c> mapping over <paramref name="inherited"/>; a bad key or value is an error at <paramref name="span"/>.</summary>
    private RelationQuoting Quoting(RelationQuoting inherited, object? quoting, SourceSpan span)
    {
        var result = inherited.With(quoting, out var problem);
        if (problem is not null)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, problem, span);
        }

        return result;
    }

    /// <summary>dbt's <c>default__generate_alias_name</c>: the configured alias, else <c>&lt;name&gt;_v&lt;v&gt;</c> for a model version (dots as underscores), else the name.</summary>
    private static string DefaultAlias(Node node, string? customAlias) =>
        !string.IsNullOrEmpty(customAlias) ? customAlias.Trim()
        : node.Version is not null ? $"{node.Name}_v{node.VersionText!.Replace('.', '_')}"
        : node.Name;

    private string? CallNamingMacro(string name, string? custom, Node node)
    {
        if (!Templates.Macros.TryGetValue(name, out var entry) || entry.PackageName == "dbt")
        {
            return null;
        }

        string? result = null;
        var state = new RenderState(node, RenderPhase.Parse);
        var ok = Render(
            () =>
            {
                var globals = context.CreateGlobals(state);
                globals["__dbt_custom"] = custom;
                globals["__dbt_node"] = DbtContext.NodeDict(node);
                var template = Templates.Environment.Parse("{{ " + name + "(__dbt_custom, __dbt_node) }}", entry.Macro.Span.File);
                result = template.Render(globals).Trim();
            },
            entry.Macro.Span);
        return ok ? result : null;
    }

    private void ApplyPatches()
    {
        foreach (var node in manifest.Nodes.Values.Where(n => n.PackageName == file.Name))
        {
            var entry = EntryFor(node);
            if (entry is null)
            {
                continue;
            }

            entry.Used = true;
            node.Description = entry.Description;
            node.TimeSpine = entry.TimeSpine;
            node.PatchPath = $"{file.Name}://{current.PackageRelative(entry.File)}";
            foreach (var (key, value) in entry.Meta)
            {
                node.Meta[key] = value;
            }

            if (node.Config.Values.GetValueOrDefault("meta") is IDictionary<string, object?> meta)
            {
                foreach (var (key, value) in meta)
                {
                    node.Meta.TryAdd(key, value);
                }
            }

            foreach (var column in entry.Columns)
            {
                node.Columns[column.Info.Name] = column.Info;
            }

            ApplyConstraints(node, entry);
        }

        foreach (var entry in schema.Entries.Where(e => e.Kind == "macros"))
        {
            var macro = manifest.Macros.GetValueOrDefault($"macro.{file.Name}.{entry.Name}");
            if (macro is null)
            {
                diagnostics.Warning(DiagnosticCodes.UnknownRef, $"macro '{entry.Name}' is described here but no such macro exists", entry.Span);
                continue;
            }

            macro.Description = entry.Description;
            macro.PatchPath = $"{file.Name}://{current.PackageRelative(entry.File)}";
            foreach (var (key, value) in entry.Meta)
            {
                macro.Meta[key] = value;
            }
        }

        foreach (var entry in schema.Entries.Where(e => e.Kind == "seeds" && !e.Used))
        {
            diagnostics.Warning(DiagnosticCodes.UnknownRef, $"seed '{entry.Name}' is described here but no such seed file exists", entry.Span);
        }

        // dbt's NoNodeForYamlKey: a data_tests entry names a singular test (a .sql file of test-paths).
        foreach (var entry in schema.Entries.Where(e => e.Kind == "data_tests" && !e.Used))
        {
            diagnostics.Warning(DiagnosticCodes.UnknownRef, $"Did not find matching node for patch with name '{entry.Name}' in the 'data_tests' section of file '{entry.File}': no singular test (a .sql file under test-paths) has that name", entry.Span);
        }
    }
}
