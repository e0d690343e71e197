using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Generic tests from schema files, built as dbt-core's TestBuilder does (core/dbt/parser/generic_test_builders.py):
/// a test is a name or a one-key mapping (or a mapping with <c>test_name</c>); config keys (severity, where, limit,
/// ...) are taken out of the arguments, top-level or under <c>config:</c>; arguments may also sit under
/// <c>arguments:</c>; <c>name:</c> replaces the synthesized name.
/// </summary>
internal sealed partial class ProjectParser
{
    private static readonly string[] TestConfigArgs =
    [
        "severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures",
        "store_failures_as", "meta", "database", "schema", "alias",
    ];

    /// <summary>What generic tests attach to: <paramref name="Name"/> names the tests (<c>orders</c>, <c>dim_v2</c>,
    /// <c>raw_orders</c> for a source table), <paramref name="Ref"/> is the model's ref (null for a source).</summary>
    private sealed record TestTarget(string Name, string ModelArgument, string? AttachedNode, string? SourceId, string File, IReadOnlyList<string> Tags, RefCall? Ref = null);

    private void LoadGenericTests()
    {
        foreach (var entry in schema.Entries.Where(e => e.Kind is "models" or "seeds" or "snapshots"))
        {
            var type = entry.Kind switch
            {
                "seeds" => ResourceType.Seed,
                "snapshots" => ResourceType.Snapshot,
                _ => ResourceType.Model,
            };
            var version = entry.Version is null ? null : PythonRepr.Str(entry.Version);
            var id = $"{type.ToDbtString()}.{file.Name}.{entry.Name}" + (version is null ? string.Empty : ".v" + version);
            if (!manifest.Nodes.ContainsKey(id))
            {
                continue;
            }

            // dbt names a version's tests after <model>_v<v> and refs it with version='<v>'.
            var target = version is null
                ? new TestTarget(entry.Name, $"{{{{ get_where_subquery(ref('{entry.Name}')) }}}}", id, null, entry.File, [], new RefCall(null, entry.Name))
                : new TestTarget($"{entry.Name}_v{version}", $"{{{{ get_where_subquery(ref('{entry.Name}', version='{version}')) }}}}", id, null, entry.File, [], new RefCall(null, entry.Name, version));
            AddTests(target, entry.Tests, []);
            foreach (var column in entry.Columns)
            {
                AddTests(target, column.Tests, column.Info.Tags);
            }
        }

        foreach (var source in schema.Sources)
        {
            foreach (var table in source.Tables)
            {
                var sourceId = $"source.{file.Name}.{source.Name}.{table.Name}";
                if (!manifest.Sources.ContainsKey(sourceId))
                {
                    continue;
                }

                var target = new TestTarget($"{source.Name}_{table.Name}", $"{{{{ get_where_subquery(source('{source.Name}', '{table.Name}')) }}}}", null, sourceId, source.File, source.Tags.Concat(table.Tags).ToList());
                AddTests(target, table.Tests, []);
                foreach (var column in table.Columns)
                {
                    AddTests(target, column.Tests, column.Info.Tags);
                }
            }
        }
    }

    private void AddTests(TestTarget target, List<TestEntry> tests, IReadOnlyList<string> tags)
    {
        foreach (var test in tests)
        {
            var node = BuildTest(target, test, tags);
            if (node is null)
            {
                continue;
            }

            if (manifest.Nodes.ContainsKey(node.UniqueId))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"test '{node.Name}' is defined twice for the same target with the same arguments", test.Span);
                continue;
            }

            manifest.Nodes[node.UniqueId] = node;
        }
    }

    private Node? BuildTest(TestTarget target, TestEntry test, IReadOnlyList<string> tags)
    {
        if (!TryReadDefinition(test, out var testName, out var args))
        {
            return null;
        }

        if (args.ContainsKey("model"))
        {
            diagnostics.Error(DiagnosticCodes.InvalidTest, "test arguments may not include 'model'", test.Span);
            return null;
        }

        if (args.GetValueOrDefault("arguments") is Dictionary<string, object?> arguments)
        {
            args.Remove("arguments");
            foreach (var (key, value) in arguments)
            {
                args[key] = value;
            }
        }

        if (test.ColumnName is not null)
        {
            args["column_name"] = test.ColumnName;
        }

        var config = ExtractTestConfig(args);
        var dot = testName.IndexOf('.', StringComparison.Ordinal);
        var testNamespace = dot >= 0 ? testName[..dot] : null;
        var shortTestName = dot >= 0 ? testName[(dot + 1)..] : testName;
        args["model"] = target.ModelArgument;

        string compiledName;
        string fullName;
        if (args.GetValueOrDefault("name") is string customName)
        {
            args.Remove("name");
            compiledName = fullName = customName;
        }
        else
        {
            var testType = (target.SourceId is not null ? "source_" : string.Empty) + shortTestName;
            testType = testNamespace is null ? testType : testNamespace + "_" + testType;
            (compiledName, fullName) = GenericTestNames.Synthesize(testType, target.Name, args);
            if (compiledName != fullName)
            {
                config.TryAdd("alias", compiledName);
            }
        }

        var macroName = "test_" + shortTestName;
        var macro = FindTestMacro(testNamespace, macroName, test.Span);
        if (macro is null)
        {
            return null;
        }

        var hash = GenericTestNames.Hash(fullName, testNamespace, shortTestName, args);
        var fqn = FqnPrefix(target.File).Append(fullName).ToList();
        var node = new Node
        {
            UniqueId = $"test.{file.Name}.{fullName}.{hash}",
            ResourceType = ResourceType.Test,
            Name = fullName,
            PackageName = file.Name,
            OriginalFilePath = current.PackageRelative(target.File),
            PackagePath = current.Prefix.TrimEnd('/'),
            Path = compiledName + ".sql",
            Fqn = fqn,
            RawCode = $"{{{{ {(testNamespace is null ? string.Empty : testNamespace + ".")}{macroName}(**_dbt_generic_test_kwargs) }}}}{ConfigCall(config)}",
            DefinedAt = test.Span,
            ColumnName = test.ColumnName,
            AttachedNode = target.AttachedNode,
            TestMetadata = new TestMetadata { Name = shortTestName, Namespace = testNamespace, MacroPackage = macro.PackageName },
        };
        foreach (var (key, value) in args)
        {
            node.TestMetadata.Kwargs[key] = value;
        }

        node.Config = TestConfig(fqn);
        config = RenderConfig(config, node, test.Span);
        ConfigMerger.Apply(node.Config, config);
        var allTags = target.Tags.Concat(tags).Concat(node.Config.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object?>().ToList();
        node.Config.Values["tags"] = allTags;
        node.DependsOnMacros.Add(macro.UniqueId);
        CaptureTestDependencies(node, target);
        if (macro.PackageName != ProjectTemplates.BuiltinPackage)
        {
            RenderCustomTest(node, test.Span);

            // dbt appends the schema file's config() after the macro call, so it wins over config() in the macro.
            ConfigMerger.Apply(node.Config, config);
        }

        if (node.Config.Values.GetValueOrDefault("severity") is string severity)
        {
            node.Config.Values["severity"] = severity.ToUpperInvariant();
        }

        ResolveNames(node);
        return node;
    }

    /// <summary>
    /// The macro of a generic test: <c>pkg.name</c> looks in that package (or dbt's built-in tests for <c>dbt.</c>);
    /// a bare name in the test's own package, the root project, the built-in tests, then any installed package.
    /// </summary>
    private MacroEntry? FindTestMacro(string? testNamespace, string macroName, SourceSpan span)
    {
        var shortName = macroName["test_".Length..];
        if (testNamespace is not null)
        {
            if (!Templates.PackageMacros.TryGetValue(testNamespace, out var macros) && testNamespace != ProjectTemplates.BuiltinPackage)
            {
                var installed = string.Join(", ", packages.Where(p => !p.IsRoot).Select(p => p.Name));
                diagnostics.Error(DiagnosticCodes.UnknownTestMacro, $"test '{testNamespace}.{shortName}' comes from package '{testNamespace}', which is not installed (installed: {(installed.Length == 0 ? "none" : installed)}; run \"wellhouse deps\" after adding it to packages.yml)", span);
                return null;
            }

            if (macros?.GetValueOrDefault(macroName) is { } found)
            {
                return found;
            }

            diagnostics.Error(DiagnosticCodes.UnknownTestMacro, $"no generic test named '{shortName}' (macro '{macroName}') was found in package '{testNamespace}'", span);
            return null;
        }

        var candidates = new[] { file.Name, rootFile.Name, ProjectTemplates.BuiltinPackage }.Concat(packages.Select(p => p.Name));
        foreach (var package in candidates)
        {
            if (Templates.PackageMacros.GetValueOrDefault(package)?.GetValueOrDefault(macroName) is { } found)
            {
                return found;
            }
        }

        diagnostics.Error(DiagnosticCodes.UnknownTestMacro, $"no generic test named '{shortName}' (macro '{macroName}') was found", span);
        return null;
    }

    private bool TryReadDefinition(TestEntry test, out string name, out Dictionary<string, object?> args)
    {
        name = string.Empty;
        args = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (test.Definition)
        {
            case string text:
                name = text;
                return true;
            case Dictionary<string, object?> dict when dict.GetValueOrDefault("test_name") is string testName:
                name = testName;
                foreach (var (key, value) in dict.Where(p => p.Key != "test_name"))
                {
                    args[key] = value;
                }

                return true;
            case Dictionary<string, object?> { Count: 1 } dict:
                var (key0, value0) = dict.First();
                name = key0;
                if (value0 is Dictionary<string, object?> inner)
                {
                    foreach (var (key, value) in inner)
                    {
                        args[key] = value;
                    }

                    return true;
                }

                if (value0 is null)
                {
                    return true;
                }

                diagnostics.Error(DiagnosticCodes.InvalidTest, $"the arguments of test '{key0}' must be a mapping", test.Span);
                return false;
            default:
                diagnostics.Error(DiagnosticCodes.InvalidTest, "a test must be a name or a mapping with exactly one key (the test name)", test.Span);
                return false;
        }
    }

    /// <summary>dbt's <c>_process_legacy_args</c> and <c>_process_config_args</c>.</summary>
    private static Dictionary<string, object?> ExtractTestConfig(Dictionary<string, object?> args)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        var nested = args.GetValueOrDefault("config") as Dictionary<string, object?>;
        foreach (var key in TestConfigArgs)
        {
            if (args.Remove(key, out var value) && value is not null)
            {
                config[key] = value;
            }
        }

        if (nested is not null)
        {
            args.Remove("config");
            foreach (var (key, value) in nested)
            {
                if (value is not null)
                {
                    config[key] = value;
                }
            }
        }

        return config;
    }

    /// <summary>The <c>{{ config(...) }}</c> suffix dbt appends to a generic test's raw code.</summary>
    private static string ConfigCall(Dictionary<string, object?> config)
    {
        if (config.Count == 0)
        {
            return string.Empty;
        }

        var parts = config.Select(p => p.Key + "=" + (p.Value is string s ? "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : PythonRepr.Repr(p.Value)));
        return "{{ config(" + string.Join(",", parts) + ") }}";
    }
}
