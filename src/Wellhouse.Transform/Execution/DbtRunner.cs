using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Artifacts;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// The library entry point for dbt's verbs: load the project, select, run (build, run, test, seed, compile) and write
/// manifest.json, run_results.json and target/compiled|run. The CLI calls it; so do <c>wellhouse refresh</c> and the
/// API, in process, with <see cref="DbtRunOptions.DatabasePath"/> pointing at a new snapshot file.
/// </summary>
public static partial class DbtRunner
{
    public static async Task<DbtRunReport> RunAsync(DbtRunOptions options, CancellationToken cancellationToken)
    {
        var load = ProjectLoader.Load(options.ToLoadOptions());
        if (!load.Success || load.Project is not { } project)
        {
            return new DbtRunReport { Diagnostics = load.Diagnostics, Project = load.Project };
        }

        Diagnostic? selectError = null;
        PreviousState? state = null;
        if (options.StatePath is { } statePath && (state = PreviousState.TryLoad(statePath, project.ProjectDir, out var stateError)) is null)
        {
            return new DbtRunReport { Diagnostics = [.. load.Diagnostics, stateError!], Project = project };
        }

        var selected = options.UniqueIds is { } ids
            ? project.Graph.TopologicalOrder.Where(ids.ToHashSet(StringComparer.Ordinal).Contains).Where(project.Manifest.Nodes.ContainsKey).ToList()
            : ProjectSelection.TrySelect(project, options.Select, options.Exclude, options.Selector, out selectError, state: state, log: options.Log, indirectSelection: options.IndirectSelection, withNoOps: options.Command == DbtCommandKind.Build);
        if (selected is null)
        {
            return new DbtRunReport { Diagnostics = [.. load.Diagnostics, selectError!], Project = project };
        }

        var targetPath = TargetPathOf(project, options);
        var target = ToAdapterTarget(project.Target, project.ProjectDir, options.DatabasePath);
        if (OpenAdapter(project, target, load.Diagnostics, out var failed) is not { } adapter)
        {
            return failed!;
        }

        using (adapter)
        {
            using var hookSession = adapter.OpenSession();
            var hooks = CreateCompileHooks(hookSession, options, options.VerbName, [.. selected], InvocationArgs.For(project, options, options.VerbName));
            var request = new RunRequest
            {
                Manifest = project.Manifest,
                Target = target,
                ProjectDir = project.ProjectDir,
                TargetPath = targetPath,
                Selected = selected,
                Command = options.Command,
                Compiler = new ProjectCompiler(new Compiler(project, hooks), project.ProjectDir),
                Threads = options.Threads ?? Math.Max(1, project.Target.Threads),
                QueryComment = project.ProjectFile.QueryComment,
                ProfileName = project.Target.ProfileName,
                TargetName = project.Target.Name,
                FailFast = options.FailFast,
                FullRefresh = options.FullRefresh,
                StoreFailures = options.StoreFailures,
                CSharpModels = options.CSharpModels,
                Vars = project.Vars,
                Log = options.Log,
                OnRunStart = options.Command == DbtCommandKind.Compile ? [] : RunHook.Ordered(project.RunHooks, RunHook.Start, project.Name),
                OnRunEnd = options.Command == DbtCommandKind.Compile ? [] : RunHook.Ordered(project.RunHooks, RunHook.End, project.Name),
                SkipNodesIfOnRunStartFails = project.ProjectFile.Raw.GetValueOrDefault("flags") is Dictionary<string, object?> flags
                    && flags.GetValueOrDefault("skip_nodes_if_on_run_start_fails") is true,
            };
            options.Log?.Invoke(Found(project.Manifest));
            options.Log?.Invoke(string.Empty);
            options.Log?.Invoke($"Concurrency: {request.Threads} threads (target='{project.Target.Name}')");
            options.Log?.Invoke(string.Empty);
            var outcome = await Runner.RunAsync(request, adapter, cancellationToken).ConfigureAwait(false);
            WriteArtifacts(project, options, outcome, targetPath);
            return new DbtRunReport { Diagnostics = load.Diagnostics, Project = project, Outcome = outcome, DatabasePath = target.Path };
        }
    }

    /// <summary>Opens the target's database; when it cannot be opened, null and the report that says why (DBT400).</summary>
    private static ISqlAdapter? OpenAdapter(LoadedProject project, AdapterTarget target, IReadOnlyList<Diagnostic> diagnostics, out DbtRunReport? failed)
    {
        failed = null;
        try
        {
            return SqlAdapters.Open(target);
        }
        catch (AdapterException ex)
        {
            failed = new DbtRunReport { Diagnostics = diagnostics, Project = project, Error = $"{ProfileSpan(project)}error DBT400: {ex.Message}" };
            return null;
        }
    }

    /// <summary>What templates compiled outside a worker use: relation checks, is_incremental(), run_query and
    /// statement on <paramref name="hookSession"/> (under a lock; workers query their own sessions).</summary>
    private static CompileHooks CreateCompileHooks(ISqlSession hookSession, DbtRunOptions options, string which, IReadOnlyList<string>? selected = null, IReadOnlyDictionary<string, object?>? invocationArgs = null)
    {
        var hookLock = new Lock();
        return new CompileHooks
        {
            RelationExists = relation =>
            {
                lock (hookLock)
                {
                    return hookSession.GetRelationKind(relation) is not null;
                }
            },
            IsIncremental = node =>
            {
                lock (hookLock)
                {
                    return node.Config.Materialized == "incremental"
                        && IncrementalConfig.IsIncremental(node, options.FullRefresh, hookSession.GetRelationKind(node.Relation));
                }
            },
            Database = new CompileDatabase(hookSession, hookLock),
            Which = which,
            FullRefresh = options.FullRefresh,
            StoreFailures = options.StoreFailures,
            SelectedResources = selected ?? [],
            InvocationArgs = invocationArgs,
            Log = options.Log,
        };
    }

    /// <summary>The profile target as the adapter takes it, optionally building into another file under the same name.</summary>
    public static AdapterTarget ToAdapterTarget(ProfileTarget target, string projectDir, string? databasePath = null)
    {
        var path = databasePath is null ? target.Path : Path.GetFullPath(databasePath, projectDir);
        if (target.Postgres is not null)
        {
            path = string.Empty;
        }
        else if (path != ":memory:" && !Path.IsPathRooted(path))
        {
            path = Path.GetFullPath(path, projectDir);
        }

        return new AdapterTarget
        {
            Type = target.Type,
            Path = path,
            Database = target.Database,
            Schema = target.Schema,
            Threads = target.Threads,
            Extensions = target.Extensions,
            Settings = target.Settings,
            FileSearchPath = projectDir,
            ExternalRoot = target.Raw.GetValueOrDefault("external_root") is string root ? Path.GetFullPath(root, projectDir) : null,
            Postgres = target.Postgres,
            Attachments = [.. target.Attach.Select(a => new AdapterAttachment(Path.GetFullPath(a.Path, projectDir), a.Alias, a.ReadOnly, a.Type))],
        };
    }

    internal static string TargetPathOf(LoadedProject project, DbtRunOptions options) =>
        options.TargetPath is { } overridden ? Path.GetFullPath(overridden, project.ProjectDir) : project.TargetPath;

    private static void WriteArtifacts(LoadedProject project, DbtRunOptions options, RunOutcome outcome, string targetPath)
    {
        Directory.CreateDirectory(targetPath);
        ManifestWriter.Write(project, Path.Combine(targetPath, "manifest.json"));
        RunResultsWriter.Write(Path.Combine(targetPath, "run_results.json"), outcome, project.InvocationId, InvocationArgs.For(project, options, options.VerbName));
    }

    /// <summary>dbt's "Found 5 models, 3 seeds, 20 data tests, 2 sources, 4 macros" line.</summary>
    private static string Found(Manifest manifest)
    {
        var models = manifest.Nodes.Values.Count(n => n.ResourceType == ResourceType.Model);
        var seeds = manifest.Nodes.Values.Count(n => n.ResourceType == ResourceType.Seed);
        var snapshots = manifest.Nodes.Values.Count(n => n.ResourceType == ResourceType.Snapshot);
        var tests = manifest.Nodes.Values.Count(n => n.ResourceType == ResourceType.Test);
        var unitTests = manifest.Nodes.Values.Count(n => n.ResourceType == ResourceType.UnitTest);
        // After the nodes, dbt's _generate_stats order: sources, exposures, metrics, macros, groups, semantic models,
        // saved queries, unit tests (kinds with none left out).
        List<string> parts = [Plural(models, "model")];
        parts.AddRange(Optional(snapshots, "snapshot"));
        parts.Add(Plural(seeds, "seed"));
        parts.Add(Plural(tests, "data test"));
        parts.Add(Plural(manifest.Sources.Count, "source"));
        parts.AddRange(Optional(manifest.Exposures.Count, "exposure"));
        parts.AddRange(Optional(manifest.Metrics.Count, "metric"));
        parts.Add(Plural(manifest.Macros.Count, "macro"));
        parts.AddRange(Optional(manifest.Groups.Count, "group"));
        parts.AddRange(Optional(manifest.SemanticModels.Count, "semantic model"));
        parts.AddRange(Optional(manifest.SavedQueries.Count, "saved query", "saved queries"));
        parts.AddRange(Optional(unitTests, "unit test"));
        return "Found " + string.Join(", ", parts);
    }

    private static string[] Optional(int count, string noun, string? plural = null) => count > 0 ? [Plural(count, noun, plural)] : [];

    private static string Plural(int count, string noun, string? plural = null) => count + " " + (count == 1 ? noun : plural ?? noun + "s");

    private static string ProfileSpan(LoadedProject project) => "profiles.yml: target '" + project.Target.Name + "': ";

    /// <summary>Adapts the front end's compiler to the runner: a failed compile throws with the formatted diagnostics.</summary>
    private sealed class ProjectCompiler(Compiler compiler, string projectDir) : INodeCompiler
    {
        public string Compile(Node node)
        {
            var result = compiler.Compile(node);
            if (!result.Success)
            {
                throw new NodeCompilationException(string.Join("\n", result.Diagnostics.Select(d => d.Format(projectDir))))
                {
                    IsDatabaseError = result.Diagnostics.Any(d => d.Code == DbtContextCodes.DatabaseError),
                };
            }

            return result.CompiledCode!;
        }

        public string RenderSnippet(string jinja, SourceSpan definedAt, Node? node, IReadOnlyDictionary<string, object?>? extraGlobals = null)
        {
            var result = compiler.RenderSnippet(jinja, definedAt, node, extraGlobals);
            return result.Sql ?? throw Failure(result.Error!);
        }

        public MaterializationEntry? FindMaterialization(Node node, string adapterType)
        {
            try
            {
                return compiler.FindMaterialization(node, adapterType);
            }
            catch (InvalidOperationException ex)
            {
                throw new NodeCompilationException(ex.Message);
            }
        }

        public MaterializationResult RunMaterialization(Node node, string? compiledSql, MaterializationEntry entry)
        {
            var result = compiler.RunMaterialization(node, compiledSql, entry);
            return result.Success ? result : throw Failure(result.Error!);
        }

        private NodeCompilationException Failure(Diagnostic error) =>
            new(error.Format(projectDir)) { IsDatabaseError = error.Code == DbtContextCodes.DatabaseError };
    }
}
