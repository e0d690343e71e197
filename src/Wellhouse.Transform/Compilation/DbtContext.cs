using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// The globals of dbt's Jinja context for rendering a node (dbt docs: "dbt Jinja functions"): ref, source, config,
/// this, is_incremental, var, env_var, target, doc, log, print, return, exceptions, run_started_at, invocation_id,
/// modules, graph, execute, model, and every project macro callable by name (also under its package name).
/// </summary>
internal sealed partial class DbtContext
{
    private readonly RenderServices services;
    private readonly CompileHooks? hooks;
    private readonly Dictionary<string, object?> shared;

    /// <summary>flags.WHICH without hooks (while parsing): the verb loading the project.</summary>
    private readonly string parseWhich;

    public DbtContext(RenderServices services, CompileHooks? hooks, string parseWhich = "compile")
    {
        this.services = services;
        this.hooks = hooks;
        this.parseWhich = parseWhich;
        shared = CreateShared();
    }

    public RenderServices Services => services;

    /// <summary>The globals for rendering <paramref name="state"/>'s node (or a project-level string when it has none).</summary>
    public Dictionary<string, object?> CreateGlobals(RenderState state)
    {
        var globals = new RenderGlobals(shared);
        var node = state.Node;
        var config = node?.Config ?? new NodeConfig();
        globals["execute"] = state.Phase == RenderPhase.Compile;
        globals["ref"] = new JinjaFunction(args => Ref(args, state));
        globals["source"] = new JinjaFunction(args => Source(args, state));
        globals["config"] = new ConfigValue(config, state.Phase == RenderPhase.Parse ? state.ConfigCalls : null);

        // dbt's builtins: the context's own ref, source and config, for a project macro that replaces one of them.
        globals["builtins"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ref"] = globals["ref"], ["source"] = globals["source"], ["config"] = globals["config"] };
        globals["is_incremental"] = new JinjaFunction(_ => node is not null && state.Phase == RenderPhase.Compile && (hooks?.IsIncremental?.Invoke(node) ?? false));
        globals["log"] = new JinjaFunction(args => Log(args, state));
        globals["thread_id"] = RenderThread.Current;
        if (node is not null && services.PackageVars.TryGetValue(node.PackageName, out var packageVars))
        {
            globals["var"] = new JinjaFunction(args => Var(packageVars, args), takesUndefined: true);
        }
        // dbt's database and schema: the node's (the target's outside a node).
        globals["database"] = node?.Database ?? services.Target.Database;
        globals["schema"] = node?.Schema ?? services.Target.Schema;
        if (node is not null)
        {
            globals["this"] = node.IsEphemeral ? EphemeralRelation(node) : RelationValue.Of(services.Target.Type, node.Relation);
            var compiling = state.Phase == RenderPhase.Compile && services.Graph is not null;
            globals["model"] = new LazyGlobal(() => compiling && services.GraphValue!["nodes"] is Dictionary<string, object?> nodes && nodes.TryGetValue(node.UniqueId, out var cached)
                ? cached
                : NodeDict(node));
        }

        if (state.Phase == RenderPhase.Compile && services.Graph is not null)
        {
            globals["graph"] = new LazyGlobal(() => services.GraphValue);
        }

        AddDatabaseFunctions(globals, state);
        foreach (var (key, value) in hooks?.ExtraGlobals ?? new Dictionary<string, object?>())
        {
            globals[key] = value;
        }

        AddMacros(globals, state);
        return globals;
    }

    /// <summary>
    /// Every macro, as dbt's <c>MacroNamespace</c> resolves names for a node of package P: P's macros, then the root
    /// project's, then each package by name (<c>dbt_utils.star</c>), then <c>dbt</c>, then the built-in macros. The
    /// namespaces bind a macro to the render when it is first looked up (<see cref="MacroNamespace"/>).
    /// </summary>
    private void AddMacros(RenderGlobals globals, RenderState state)
    {
        var root = services.ProjectName;
        var local = state.Node?.PackageName ?? root;
        var builtin = ProjectTemplates.BuiltinPackage;
        var byPackage = new Dictionary<string, MacroNamespace>(services.Templates.PackageMacros.Count, StringComparer.Ordinal);
        foreach (var (package, macros) in services.Templates.PackageMacros)
        {
            byPackage[package] = new MacroNamespace(macros, globals, package == local || package == root || package == builtin, state.Macros);
        }

        var dbt = byPackage.GetValueOrDefault(builtin) ?? new MacroNamespace(new Dictionary<string, MacroEntry>(), globals, true, state.Macros);
        globals[builtin] = dbt;
        foreach (var (package, macros) in byPackage)
        {
            if (package != builtin && (!globals.ContainsKey(package) || package == root || services.PackageVars.ContainsKey(package)))
            {
                globals[package] = macros;
            }
        }

        // Callable by name: the node's package first, then the root project, then dbt's (later wins in dbt's order).
        var flat = new List<MacroNamespace>(3);
        if (local != root && byPackage.TryGetValue(local, out var own))
        {
            flat.Add(own);
        }

        if (byPackage.TryGetValue(root, out var rootMacros))
        {
            flat.Add(rootMacros);
        }

        flat.Add(dbt);
        globals.SetFlatMacros(flat);

        // dbt's own run_query and statement are global-project macros, so dbt.run_query(...) also works.
        foreach (var name in (string[])["run_query", "statement"])
        {
            if (!dbt.ContainsKey(name))
            {
                dbt.Set(name, ((IReadOnlyDictionary<string, object?>)globals)[name]);
            }
        }

        if (!globals.ContainsKey("adapter"))
        {
            var adapter = AdapterValue(globals);
            AddDatabaseAdapterMethods(adapter, state);
            globals["adapter"] = adapter;
        }
    }

    private RelationValue EphemeralRelation(Node node) => new(services.Target.Type, null, node.Schema, "__dbt__cte__" + node.Name, "__dbt__cte__" + node.Name, isCte: true);

    /// <summary>A node's or source's <c>columns</c> as dbt's graph has them: name to name, description, data_type, meta, tags.</summary>
    internal static Dictionary<string, object?> ColumnsDict(Dictionary<string, ColumnInfo> columns) =>
        columns.ToDictionary(c => c.Key, c => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = c.Value.Name,
            ["description"] = c.Value.Description,
            ["data_type"] = c.Value.DataType,
            ["meta"] = c.Value.Meta,
            ["constraints"] = c.Value.Constraints.Select(constraint => (object?)constraint.ToManifest(modelLevel: false)).ToList(),
            ["quote"] = null,
            ["tags"] = c.Value.Tags.Cast<object?>().ToList(),
            ["granularity"] = null,
        }, StringComparer.Ordinal);

    /// <summary>The node as dbt's <c>model</c> global: name, unique_id, resource_type, config, fqn, ...</summary>
    internal static Dictionary<string, object?> NodeDict(Node node) => new(StringComparer.Ordinal)
    {
        ["name"] = node.Name,
        ["unique_id"] = node.UniqueId,
        ["resource_type"] = node.ResourceType.ToDbtString(),
        ["package_name"] = node.PackageName,
        ["original_file_path"] = node.OriginalFilePath,
        ["path"] = node.Path,
        ["fqn"] = node.Fqn.Cast<object?>().ToList(),
        ["alias"] = node.Alias,
        ["version"] = node.Version,
        ["latest_version"] = node.LatestVersion,
        ["schema"] = node.Schema,
        ["database"] = node.Database,
        ["config"] = node.Config.Values,
        ["tags"] = node.Config.Tags.Cast<object?>().ToList(),
        ["description"] = node.Description,
        ["meta"] = node.Meta,
        ["language"] = node.Language,
        ["raw_code"] = node.RawCode,
        ["columns"] = ColumnsDict(node.Columns),
        ["depends_on"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["nodes"] = node.DependsOnNodes.Cast<object?>().ToList(),
            ["macros"] = node.DependsOnMacros.Cast<object?>().ToList(),
        },
        ["refs"] = node.Refs.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = r.Name, ["package"] = r.Package, ["version"] = r.Version }).ToList(),
        ["sources"] = node.Sources.Select(s => (object?)s.Cast<object?>().ToList()).ToList(),
        ["patch_path"] = node.PatchPath,
        ["checksum"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = node.Checksum.Length > 0 ? "sha256" : "none", ["checksum"] = node.Checksum },
        ["relation_name"] = node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot && !node.IsEphemeral ? node.Relation.ToString() : null,
        ["group"] = node.Group,
        ["access"] = node.ResourceType == ResourceType.Model ? node.Access : null,
        ["contract"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["enforced"] = Execution.ContractCheck.IsEnforced(node), ["alias_types"] = true, ["checksum"] = null },
        ["constraints"] = node.Constraints.Select(c => (object?)c.ToManifest(modelLevel: true)).ToList(),
        ["deprecation_date"] = node.DeprecationDate?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        ["docs"] = node.Config.Values.GetValueOrDefault("docs") ?? new Dictionary<string, object?>(StringComparer.Ordinal) { ["show"] = true, ["node_color"] = null },
        ["time_spine"] = node.TimeSpine,
        ["primary_key"] = new List<object?>(),
        ["metrics"] = new List<object?>(),
        ["unrendered_config"] = new Dictionary<string, object?>(StringComparer.Ordinal),
        ["build_path"] = null,
        ["doc_blocks"] = new List<object?>(),
        ["column_name"] = node.ColumnName,
        ["attached_node"] = node.AttachedNode,
        ["test_metadata"] = node.TestMetadata is { } test ? new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = test.Name,
            ["namespace"] = test.Namespace,
            ["kwargs"] = test.Kwargs,
        }
        : null,
    };
}
