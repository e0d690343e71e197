using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Artifacts;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Docs;

/// <summary>
/// dbt's <c>docs generate</c> (https://docs.getdbt.com/reference/commands/cmd-docs): compile the project (unless
/// <c>--no-compile</c>) so manifest.json carries compiled SQL, read the catalog of the built relations from the
/// database into target/catalog.json, and write the static site target/index.html. As in dbt, a compilation error
/// stops it before the catalog is read, and a database file that does not exist yet gives an empty catalog.
/// </summary>
public static class DocsGenerator
{
    public static async Task<DocsGenerateReport> GenerateAsync(DocsGenerateOptions options, CancellationToken cancellationToken)
    {
        LoadedProject project;
        IReadOnlyList<Diagnostic> diagnostics;
        if (options.NoCompile)
        {
            var load = ProjectLoader.Load(ToRunOptions(options).ToLoadOptions());
            if (!load.Success || load.Project is null)
            {
                return new DocsGenerateReport { Diagnostics = load.Diagnostics, Project = load.Project };
            }

            (project, diagnostics) = (load.Project, load.Diagnostics);
            Directory.CreateDirectory(project.TargetPath);
            ManifestWriter.Write(project, Path.Combine(project.TargetPath, "manifest.json"));
        }
        else
        {
            var compile = await DbtRunner.RunAsync(ToRunOptions(options), cancellationToken).ConfigureAwait(false);
            if (compile.Project is null || compile.Outcome is null)
            {
                return new DocsGenerateReport { Diagnostics = compile.Diagnostics, Project = compile.Project, Errors = compile.Error is null ? [] : [compile.Error] };
            }

            if (!compile.Success)
            {
                var failures = compile.Outcome.Results.Where(r => r.Status is NodeStatus.Error).Select(r => r.Message ?? r.Node.UniqueId).ToList();
                failures.Add("Compilation failed: cannot generate docs.");
                return new DocsGenerateReport { Diagnostics = compile.Diagnostics, Project = compile.Project, Errors = failures };
            }

            (project, diagnostics) = (compile.Project, compile.Diagnostics);
        }

        return Write(project, diagnostics, options);
    }

    private static DocsGenerateReport Write(LoadedProject project, IReadOnlyList<Diagnostic> diagnostics, DocsGenerateOptions options)
    {
        var generatedAt = DateTimeOffset.UtcNow;
        IReadOnlySet<string>? selected = null;
        if (options.Select.Count > 0 || options.Exclude.Count > 0)
        {
            var ids = NodeSelector.TrySelect(project.Manifest, project.Graph, options.Select, options.Exclude, out var error);
            if (ids is null)
            {
                return new DocsGenerateReport { Diagnostics = [.. diagnostics, error!], Project = project };
            }

            // NodeSelector selects nodes only; the catalog also keeps the sources the selected nodes read, where dbt
            // (1.7.7+, dbt-core#9161) keeps the sources the selector itself matches.
            var withSources = ids.ToHashSet(StringComparer.Ordinal);
            withSources.UnionWith(ids.SelectMany(id => project.Manifest.Nodes[id].DependsOnNodes).Where(project.Manifest.Sources.ContainsKey).ToList());
            selected = withSources;
        }

        Catalog catalog;
        try
        {
            catalog = ReadCatalog(project, selected);
        }
        catch (AdapterException ex)
        {
            return new DocsGenerateReport { Diagnostics = diagnostics, Project = project, Errors = ["error DBT400: cannot read the catalog: " + ex.Message] };
        }
        catch (Execution.NodeCompilationException ex)
        {
            return new DocsGenerateReport { Diagnostics = diagnostics, Project = project, Errors = ["query comment of the catalog's connection: " + ex.Message] };
        }

        options.Log?.Invoke($"Building catalog: {catalog.Nodes.Count} nodes and {catalog.Sources.Count} sources found in the database");
        var catalogPath = Path.Combine(project.TargetPath, "catalog.json");
        var sitePath = Path.Combine(project.TargetPath, "index.html");
        Directory.CreateDirectory(project.TargetPath);
        CatalogWriter.Write(catalog, catalogPath, project.InvocationId, generatedAt);
        DocsSiteWriter.Write(project, catalog, sitePath, generatedAt);
        options.Log?.Invoke("Catalog written to " + catalogPath);
        options.Log?.Invoke("Docs site written to " + sitePath);
        return new DocsGenerateReport
        {
            Diagnostics = diagnostics,
            Project = project,
            CatalogPath = catalogPath,
            SitePath = sitePath,
            CatalogEntries = catalog.Nodes.Count + catalog.Sources.Count,
        };
    }

    /// <summary>The catalog of the profile's database; empty when the database file does not exist yet.</summary>
    private static Catalog ReadCatalog(LoadedProject project, IReadOnlySet<string>? selected)
    {
        var target = DbtRunner.ToAdapterTarget(project.Target, project.ProjectDir);
        if (target.Postgres is null && target.Path != ":memory:" && !File.Exists(target.Path))
        {
            return new Catalog();
        }

        using var adapter = SqlAdapters.Open(target);
        using var session = adapter.OpenSession();
        session.Comment = Execution.QueryComments.For(project, new Compilation.Compiler(project), null, "generate_catalog");
        return CatalogReader.Read(adapter, session, project.Manifest, selected);
    }

    private static DbtRunOptions ToRunOptions(DocsGenerateOptions options) => new()
    {
        ProjectDir = options.ProjectDir,
        Command = DbtCommandKind.Compile,
        Which = "generate",
        ProfilesDir = options.ProfilesDir,
        Target = options.Target,
        VarsYaml = options.VarsYaml,
        Select = options.Select,
        Exclude = options.Exclude,
        CSharpModels = options.CSharpModels,
        Log = options.Log,
        Environment = options.Environment,
    };
}
