using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Unit tests become nodes of resource type <c>unit_test</c> (dbt-core <c>UnitTestParser</c>): unique id
/// <c>unit_test.&lt;project&gt;.&lt;model&gt;.&lt;name&gt;</c>, fqn <c>[project, folders of the yml below its resource
/// folder..., model, name]</c>, the tested model's schema, depending on the tested model. Inputs are checked against
/// the model's ref() and source() calls; fixture files are read from <c>&lt;test-path&gt;/fixtures/</c>.
/// </summary>
internal sealed partial class ProjectParser
{
    private void LoadUnitTests()
    {
        foreach (var definition in schema.UnitTests)
        {
            foreach (var (test, model) in TestedModels(definition))
            {
                LoadUnitTest(test, model);
            }
        }
    }

    /// <summary>
    /// The model a unit test tests, or for a versioned model one test per version (dbt-core's
    /// <c>process_models_for_unit_test</c>): every version, or those its <c>versions:</c> includes or does not exclude.
    /// </summary>
    private IEnumerable<(UnitTestDefinition Test, Node Model)> TestedModels(UnitTestDefinition test)
    {
        // dbt's find_tested_model_node: 'model: m 2' names version 2 of m (the model must have it).
        var parts = test.Model.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length > 0 ? parts[0] : test.Model;
        var models = manifest.Nodes.Values.Where(n => n.ResourceType == ResourceType.Model && n.Name == name).ToList();
        if (parts.Length == 2 && !models.Any(m => m.VersionText == parts[1]))
        {
            diagnostics.Error(UnitTestCodes.UnknownModel, $"Unable to find model '{file.Name}.{test.Model}' for unit test '{test.Name}' in {current.PackageRelative(test.Span.File)}", test.ModelSpan);
            return [];
        }

        if (models.Count == 0)
        {
            diagnostics.Error(UnitTestCodes.UnknownModel, $"unit test '{test.Name}' tests model '{test.Model}' which was not found", test.ModelSpan);
            return [];
        }

        if (models.All(m => m.Version is null))
        {
            if (test.VersionsInclude is not null || test.VersionsExclude is not null)
            {
                diagnostics.Error(UnitTestCodes.UnknownModel, $"Unit test '{test.Name}' should not have a versions include or exclude when referencing non-versioned model '{test.Model}'", test.Span);
                return [];
            }

            return [(test, models[0])];
        }

        var versions = models.Where(m => m.Version is not null && (test.VersionsExclude is { } exclude ? !exclude.Contains(m.VersionText!) : test.VersionsInclude is not { } include || include.Contains(m.VersionText!)))
            .OrderBy(m => m.Version, Comparer<object?>.Create(SchemaYmlReader.CompareVersions)).ToList();
        if (versions.Count == 0)
        {
            diagnostics.Error(UnitTestCodes.UnknownModel, $"Unit test '{test.Name}' referenced a version of '{test.Model}' which was not found.", test.Span);
        }

        return versions.Select(m => (test.ForVersion(m.VersionText!), m));
    }

    private void LoadUnitTest(UnitTestDefinition test, Node model)
    {
        if (model.Language != "sql")
        {
            diagnostics.Error(UnitTestCodes.UnknownModel, $"unit test '{test.Name}': only SQL models can be unit tested ('{test.Model}' is a {model.Language} model)", test.ModelSpan);
            return;
        }

        test.ModelId = model.UniqueId;
        var node = CreateUnitTestNode(test, model);
        foreach (var input in test.Given)
        {
            ResolveInput(test, input, model);
            LoadFixtureFile(input);
        }

        CheckMissingInputs(test, model);
        if (test.Expect is { } expect)
        {
            LoadFixtureFile(expect);
            if (expect.Rows is null && expect.Sql is null && expect.FixtureName is null)
            {
                diagnostics.Error(UnitTestCodes.MalformedRows, $"the 'expect' of unit test '{test.Name}' needs 'rows' or a 'fixture'", expect.Span);
            }
        }

        node.Checksum = Sha256(ContentText(test));
        if (AddNode(node))
        {
            manifest.UnitTests[node.UniqueId] = test;
        }
    }

    /// <summary>What a unit test checks, in one canonical text (model, inputs, rows, overrides), so its checksum
    /// changes when the test changes (state:modified compares it) and not when only its description does.</summary>
    private static string ContentText(UnitTestDefinition test)
    {
        var text = new System.Text.StringBuilder().Append(test.Model).Append('\n');
        foreach (var fixture in test.Given.Cast<UnitTestFixture>().Append(test.Expect))
        {
            if (fixture is null)
            {
                continue;
            }

            text.Append(fixture is UnitTestInput input ? input.Input : "expect").Append(' ').Append(fixture.Format)
                .Append(' ').Append(fixture.FixtureName).Append(' ').Append(fixture.Sql).Append('\n');
            foreach (var row in fixture.Rows ?? [])
            {
                text.AppendJoin(", ", row.Cells.Select(c => c.Column + "=" + PythonRepr.Str(c.Value))).Append('\n');
            }
        }

        foreach (var overrides in new[] { test.MacroOverrides, test.VarOverrides })
        {
            text.AppendJoin(", ", overrides.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + PythonRepr.Str(p.Value))).Append('\n');
        }

        return text.AppendJoin(", ", test.EnvVarOverrides.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)).ToString();
    }

    private Node CreateUnitTestNode(UnitTestDefinition test, Node model)
    {
        var yml = test.Span.File;
        var root = yml.Split('/')[0];
        var path = yml.Length > root.Length ? yml[(root.Length + 1)..] : yml;
        var folders = path.Split('/')[..^1];
        var node = new Node
        {
            UniqueId = $"unit_test.{file.Name}.{test.Model}.{test.Name}",
            ResourceType = ResourceType.UnitTest,
            Name = test.Name,
            PackageName = file.Name,
            OriginalFilePath = yml,
            Path = path,
            Fqn = [file.Name, .. folders, test.Model, test.Name],
            DefinedAt = test.Span,
            Description = test.Description,
            Checksum = Sha256(yml + "\n" + model.Name + "\n" + test.Name),
            Schema = model.Schema,
            Database = model.Database,
            Alias = test.Name,
            PatchPath = null,
        };
        node.Config["enabled"] = model.Config.Enabled;
        node.Config["tags"] = new List<object?>();
        node.Config["meta"] = new Dictionary<string, object?>(StringComparer.Ordinal);

        // dbt_project.yml's unit_tests: block (+tags, +meta, +enabled by fqn), then the entry's own config (Jinja
        // strings rendered, as dbt renders a schema file's configs).
        if (file.Raw.GetValueOrDefault("unit_tests") is Dictionary<string, object?> tree)
        {
            ConfigMerger.Apply(node.Config, ConfigTree.Resolve(tree, node.Fqn));
        }

        ConfigMerger.Apply(node.Config.Values, RenderConfig(test.Config, node, test.Span));
        if (!model.Config.Enabled)
        {
            node.Config["enabled"] = false;
        }

        if (test.Config.GetValueOrDefault("meta") is Dictionary<string, object?> meta)
        {
            foreach (var (key, value) in meta)
            {
                node.Meta[key] = value;
            }
        }

        node.DependsOnNodes.Add(model.UniqueId);
        return node;
    }
}
