using System.Security.Cryptography;
using System.Text;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>Sources, models (SQL and C#), seeds and singular tests.</summary>
internal sealed partial class ProjectParser
{
    private readonly Dictionary<string, List<string>> fqnPrefixes = new(StringComparer.Ordinal);

    private void LoadSources()
    {
        foreach (var source in schema.Sources)
        {
            var prefix = FqnPrefix(source.File);
            var sourceConfig = RenderSourceValues(source.Config, source.ValueSpans, "config", source.Span);
            var sourceMeta = RenderSourceValues(source.Meta, source.ValueSpans, "meta", source.Span);
            var database = RenderSourceText(source.Database, source.ValueSpans, "database", source.Span);
            var schemaName = RenderSourceText(source.Schema, source.ValueSpans, "schema", source.Span);
            var sourceLoadedAt = RenderSourceText(source.LoadedAtField, source.ValueSpans, "loaded_at_field", source.Span);
            foreach (var table in source.Tables)
            {
                var id = $"source.{file.Name}.{source.Name}.{table.Name}";
                if (manifest.Sources.ContainsKey(id))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateName, $"source table '{source.Name}.{table.Name}' is declared twice", table.Span);
                    continue;
                }

                var fqn = prefix.Append(source.Name).Append(table.Name).ToList();
                var quoting = Quoting(Quoting(ProjectQuoting, source.Quoting, source.Span), table.Quoting, table.Span);
                var config = new NodeConfig();
                ApplyProjectConfig(config, f => f.Sources, fqn);
                ConfigMerger.Apply(config, sourceConfig);
                ConfigMerger.Apply(config, RenderSourceValues(table.Config, table.ValueSpans, "config", table.Span));
                ConfigMerger.Apply(config, new Dictionary<string, object?> { ["tags"] = source.Tags.Concat(table.Tags).Cast<object?>().ToList() });
                if (source.FreshnessSet || table.FreshnessSet || config.Values.ContainsKey("freshness"))
                {
                    var inherited = FreshnessMerger.Merge(config.Values.GetValueOrDefault("freshness"), source.Freshness, source.FreshnessSet);
                    config["freshness"] = FreshnessMerger.Merge(inherited, table.Freshness, table.FreshnessSet);
                }

                var definition = new SourceDefinition
                {
                    UniqueId = id,
                    PackageName = file.Name,
                    SourceName = source.Name,
                    Name = table.Name,
                    OriginalFilePath = current.PackageRelative(source.File),
                    Fqn = fqn,
                    Database = RelationQuoting.Name(database ?? services.Target.Database, quoting.Database, services.Target.Type),
                    Schema = RelationQuoting.Name(schemaName ?? source.Name, quoting.Schema, services.Target.Type)!,
                    Identifier = RelationQuoting.Name(RenderSourceText(table.Identifier, table.ValueSpans, "identifier", table.Span) ?? table.Name, quoting.Identifier, services.Target.Type)!,
                    Quoting = quoting,
                    Description = table.Description,
                    SourceDescription = source.Description,
                    Loader = source.Loader,
                    LoadedAtField = RenderSourceText(table.LoadedAtField, table.ValueSpans, "loaded_at_field", table.Span) ?? sourceLoadedAt,
                    Config = config,
                    DefinedAt = table.Span,
                };
                foreach (var (key, value) in sourceMeta.Concat(RenderSourceValues(table.Meta, table.ValueSpans, "meta", table.Span)))
                {
                    definition.Meta[key] = value;
                }

                definition.ExternalLocation = config.GetString("external_location") ?? definition.Meta.GetValueOrDefault("external_location") as string;
                foreach (var column in table.Columns)
                {
                    definition.Columns[column.Info.Name] = column.Info;
                }

                if (config.Enabled)
                {
                    manifest.Sources[id] = definition;
                    services.SourcesByName[(file.Name, source.Name, table.Name)] = definition;
                }
            }
        }
    }

    /// <summary>[project, folders of the file below its resource folder].</summary>
    private List<string> FqnPrefix(string relative)
    {
        if (!fqnPrefixes.TryGetValue(relative, out var prefix))
        {
            var parts = relative.Split('/');
            var root = ResourceRoot(relative);
            var skip = root is null ? current.Prefix.Count(c => c == '/') + 1 : root.Split('/').Length;
            fqnPrefixes[relative] = prefix = [file.Name, .. parts[skip..^1]];
        }

        return [.. prefix];
    }

    private string? ResourceRoot(string relative) =>
        file.ModelPaths.Concat(file.SeedPaths).Concat(file.TestPaths).Concat(file.MacroPaths).Concat(file.SnapshotPaths).Concat(file.AnalysisPaths)
            .Select(p => current.Prefix + p.Replace('\\', '/').TrimEnd('/'))
            .Where(p => relative.StartsWith(p + "/", StringComparison.Ordinal))
            .OrderByDescending(p => p.Length)
            .FirstOrDefault();

    private Node CreateNode(ResourceType type, string root, string relative, string text, string language = "sql")
    {
        var path = relative[(root.Length + 1)..];
        var name = Path.GetFileNameWithoutExtension(path);
        var folders = path.Split('/')[..^1];
        return new Node
        {
            UniqueId = $"{type.ToDbtString()}.{file.Name}.{name}",
            ResourceType = type,
            Name = name,
            PackageName = file.Name,
            OriginalFilePath = current.PackageRelative(relative),
            PackagePath = current.Prefix.TrimEnd('/'),
            Path = path,
            Fqn = [file.Name, .. folders, name],
            Language = language,
            RawCode = text,
            DefinedAt = new SourceSpan(relative, 1, 1),
            Checksum = Sha256(text),
        };
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private bool AddNode(Node node)
    {
        if (manifest.Nodes.TryGetValue(node.UniqueId, out var existing))
        {
            diagnostics.Error(DiagnosticCodes.DuplicateName, $"two {node.ResourceType.ToDbtString()}s are named '{node.Name}': {existing.OriginalFilePath} and {node.OriginalFilePath}", node.DefinedAt);
            return false;
        }

        manifest.Nodes[node.UniqueId] = node;
        return true;
    }

    private void LoadModels()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (root, relative) in FindFiles(file.ModelPaths, ".sql"))
        {
            var text = ReadText(relative);
            if (text is null)
            {
                continue;
            }

            var node = CreateNode(ResourceType.Model, root, relative, text);
            node.Config = ProjectConfig(f => f.Models, node.Fqn, "view");
            if (AddNode(node))
            {
                names.Add(node.Name);
            }
        }

        LoadPythonModels(names);
        LoadCSharpModels(names);
    }

    /// <summary>
    /// dbt-duckdb runs a <c>.py</c> model's <c>def model(dbt, session)</c> in Python; the engine has no Python, so
    /// each is a DBT180 warning at that line saying what to do instead, and a ref to it says so too.
    /// </summary>
    private void LoadPythonModels(HashSet<string> names)
    {
        foreach (var (root, relative) in FindFiles(file.ModelPaths, ".py"))
        {
            var text = ReadText(relative) ?? string.Empty;
            var name = Path.GetFileNameWithoutExtension(relative);
            var at = text.IndexOf("def model(", StringComparison.Ordinal);
            var line = at < 0 ? 1 : 1 + text.AsSpan(0, at).Count('\n');
            diagnostics.Warning(DiagnosticCodes.NotSupported, $"Python models are not supported: model '{name}' is not built, and a ref('{name}') fails. Write it as a SQL model ({relative[..^3]}.sql) or a C# model (docs/engine.md, \"C# models\")", new SourceSpan(relative, line, 1));
            pythonModels.TryAdd(name, relative);
            names.Add(name);
        }
    }

    private void LoadCSharpModels(HashSet<string> sqlModels)
    {
        // The host registers a library of C# models; a project uses those its schema files declare. A registered model
        // that is not declared is simply unused, and a .sql file of the same name takes precedence (it is a SQL model).
        foreach (var entry in schema.Entries.Where(e => e.Kind == "models" && e.Version is null && !sqlModels.Contains(e.Name)))
        {
            if (!options.CSharpModels.TryGetValue(entry.Name, out var model))
            {
                // dbt warns about a yml entry that matches no model; a ref to it still fails as an unknown ref.
                diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, DiagnosticCodes.CSharpModelNotRegistered, $"model '{entry.Name}' is declared here but has no .sql file and no registered C# model", entry.Span));
                continue;
            }

            var folder = Path.GetDirectoryName(entry.File)!.Replace('\\', '/');
            var root = ResourceRoot(entry.File) ?? folder;
            var relative = entry.File;
            var path = (folder.Length > root.Length ? folder[(root.Length + 1)..] + "/" : string.Empty) + entry.Name + ".cs";
            var node = new Node
            {
                UniqueId = $"model.{file.Name}.{entry.Name}",
                ResourceType = ResourceType.Model,
                Name = entry.Name,
                PackageName = file.Name,
                OriginalFilePath = current.PackageRelative(relative),
                PackagePath = current.Prefix.TrimEnd('/'),
                Path = path,
                Fqn = [file.Name, .. path.Split('/')[..^1], entry.Name],
                Language = "csharp",
                DefinedAt = entry.Span,
                Checksum = Sha256(model.GetType().FullName ?? entry.Name),
            };
            node.Config = ProjectConfig(f => f.Models, node.Fqn, "table");
            node.Config["materialized"] = CSharpMaterialization(node.Config.Materialized);
            foreach (var dependency in model.DependsOn)
            {
                node.Refs.Add(new RefCall(null, dependency));
                refSpans.GetOrAdd(node.UniqueId).Add((new RefCall(null, dependency), entry.Span));
            }

            AddNode(node);
        }
    }

    /// <summary>A C# model is a table, or incremental when configured so (it then adds to its existing table).</summary>
    internal static string CSharpMaterialization(string? configured) => configured == "incremental" ? "incremental" : "table";

    private NodeConfig ProjectConfig(Func<DbtProjectFile, Dictionary<string, object?>> tree, IReadOnlyList<string> fqn, string materialized)
    {
        var config = new NodeConfig();
        config["enabled"] = true;
        config["materialized"] = materialized;
        ApplyProjectConfig(config, tree, fqn);
        return config;
    }

    /// <summary>
    /// The dbt_project.yml config trees along <paramref name="fqn"/>: a package's own tree, then the root project's
    /// (whose <c>models: &lt;package&gt;:</c> block configures the package's nodes and wins).
    /// </summary>
    private void ApplyProjectConfig(NodeConfig config, Func<DbtProjectFile, Dictionary<string, object?>> tree, IReadOnlyList<string> fqn)
    {
        ConfigMerger.Apply(config, ConfigTree.Resolve(tree(file), fqn));
        if (!current.IsRoot)
        {
            ConfigMerger.Apply(config, ConfigTree.Resolve(tree(rootFile), fqn));
        }
    }

    private void LoadSeeds()
    {
        foreach (var (root, relative) in FindFiles(file.SeedPaths, ".csv"))
        {
            var text = ReadText(relative);
            if (text is null)
            {
                continue;
            }

            var node = CreateNode(ResourceType.Seed, root, relative, string.Empty);
            node.Checksum = Sha256(text);
            node.Config = ProjectConfig(f => f.Seeds, node.Fqn, "seed");
            node.Config.Values.TryAdd("delimiter", ",");
            AddNode(node);
        }
    }

    private void LoadSingularTests()
    {
        foreach (var (root, relative) in FindFiles(file.TestPaths, ".sql"))
        {
            // generic/ holds test macros; fixtures/ holds unit test fixture files (dbt 1.8).
            if (relative[(root.Length + 1)..].StartsWith("generic/", StringComparison.Ordinal) || relative[(root.Length + 1)..].StartsWith("fixtures/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = ReadText(relative);
            if (text is null)
            {
                continue;
            }

            var node = CreateNode(ResourceType.Test, root, relative, text);
            node.Config = TestConfig(node.Fqn);
            AddNode(node);
        }
    }

    /// <summary>dbt's test config defaults, then the project's data_tests tree.</summary>
    private NodeConfig TestConfig(IReadOnlyList<string> fqn)
    {
        var config = new NodeConfig();
        config["enabled"] = true;
        config["materialized"] = "test";
        config["severity"] = "ERROR";
        config["warn_if"] = "!= 0";
        config["error_if"] = "!= 0";
        config["fail_calc"] = "count(*)";
        config["schema"] = "dbt_test__audit";
        ApplyProjectConfig(config, f => f.Tests, fqn);
        return config;
    }
}

internal static class DictionaryExtensions
{
    public static TValue GetOrAdd<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key)
        where TKey : notnull
        where TValue : new()
    {
        if (!dictionary.TryGetValue(key, out var value))
        {
            dictionary[key] = value = new TValue();
        }

        return value;
    }
}
