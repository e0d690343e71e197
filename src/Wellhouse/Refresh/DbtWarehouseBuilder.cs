using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Wellhouse.Hosting;
using Wellhouse.Snapshots;
using Wellhouse.Transform.Execution;
using Wellhouse.Warehouse;

namespace Wellhouse.Refresh;

/// <summary>
/// The real build: the warehouse/ dbt project through the engine's in-process entry point (<see cref="DbtRunner"/>),
/// `dbt build` on the profile target <c>prod</c> into the new snapshot file, with the raw store's batches as source
/// <c>raw.well_production</c> (var <c>raw_location</c>) and the C# models of <see cref="WarehouseModels"/>.
/// Artifacts (manifest.json, run_results.json) go to <c>runs/&lt;id&gt;/</c>. An incremental plan starts the snapshot
/// as a copy of its parent (<see cref="IncrementalSnapshot"/>) and builds with the var <c>incremental_refresh</c>.
/// On a PostgreSQL target (<see cref="WarehouseTarget"/>) the build goes into the new schema <c>wh_&lt;id&gt;</c>
/// (environment variable <c>WELLHOUSE_SNAPSHOT_SCHEMA</c>), its raw rows copied there first (<see cref="PostgresRawTable"/>),
/// and every build is full.
/// </summary>
internal sealed class DbtWarehouseBuilder(IOptions<WellhouseOptions> options, DataDirectory data, WarehouseTarget? target = null) : IWarehouseBuilder
{
    private readonly WarehouseTarget _target = target ?? new WarehouseTarget(options, NullLogger<WarehouseTarget>.Instance);

    /// <summary>Incremental builds copy the parent's DuckDB file; on PostgreSQL every build is full.</summary>
    public bool BuildsIncrementally => !_target.IsPostgres;

    public ProjectState? DescribeProject() =>
        ProjectDir() is { } projectDir ? ProjectState.Read(projectDir, options.Value.Warehouse.Target, vars: string.Empty) : null;

    public async Task<BuildOutcome> BuildAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        var projectDir = ProjectDir();
        if (projectDir is null)
        {
            return new BuildOutcome(false, [], "the warehouse dbt project was not found (set Wellhouse:Warehouse:ProjectDir)");
        }

        if (request.RawBatchFiles.Count == 0)
        {
            return new BuildOutcome(false, [], "the raw store is empty: ingest data first");
        }

        if (_target.Problem is { } targetProblem)
        {
            return new BuildOutcome(false, [], targetProblem);
        }

        var id = Path.GetFileNameWithoutExtension(request.SnapshotPath);
        var environment = Environment(request.SnapshotPath);
        // The exact batches listed for this refresh (not a glob), so a batch accepted during the build is not read
        // without being recorded in the snapshot's raw_batches.
        var rawFiles = string.Join(", ", request.RawBatchFiles.Select(file => "'" + file.Replace("'", "''", StringComparison.Ordinal) + "'"));
        var incremental = request.Plan.IsIncremental && request.ParentPath is not null && !_target.IsPostgres;
        var vars = $"{{raw_location: [{rawFiles}], incremental_refresh: {(incremental ? "true" : "false")}}}";
        if (_target.Postgres is { } postgres)
        {
            var schema = SnapshotSchemas.Of(id);
            await using (var connection = new NpgsqlConnection(postgres.ConnectionString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using (var create = new NpgsqlCommand(
                    (postgres.Role is { } role ? $"set role {Transform.Graph.Relation.Quote(role)}; " : string.Empty) + $"create schema {schema}", connection))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                await request.Log.WriteLineAsync(PostgresRawTable.Load(connection, schema, request.RawBatchFiles, cancellationToken).ToString());
            }

            environment[WarehouseTarget.SchemaVariable] = schema;
            vars = $"{{raw_location: '', raw_schema: {schema}, incremental_refresh: false}}";
        }
        else if (incremental)
        {
            var parentId = Path.GetFileNameWithoutExtension(request.ParentPath)!;
            var prepared = IncrementalSnapshot.Prepare(request.ParentPath!, request.SnapshotPath, request.NewRawBatchFiles,
                Path.Combine(data.Runs, parentId, "manifest.json"));
            await request.Log.WriteLineAsync(FormattableString.Invariant(
                $"incremental on {parentId}: copied {prepared.CopiedBytes:N0} bytes in {prepared.CopySeconds:F2}s; {prepared.Wells} well(s) to recompute ({prepared.DayWells} of them from their new rows on), their rows deleted from {prepared.Tables} table(s), {prepared.Dropped} table(s) to rebuild dropped, in {prepared.DeleteSeconds:F2}s"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var report = await DbtRunner.RunAsync(new DbtRunOptions
        {
            ProjectDir = projectDir,
            ProfilesDir = projectDir,
            Target = options.Value.Warehouse.Target,
            Command = DbtCommandKind.Build,
            // The profile's path is env_var('WELLHOUSE_SNAPSHOT_PATH'): the catalog name is then the snapshot file's own
            // name, so views in the snapshot still resolve when a reader opens the file directly (no ATTACH alias).
            Environment = environment,
            TargetPath = Path.Combine(data.Runs, id),
            VarsYaml = vars,
            FullRefresh = !incremental,
            CSharpModels = WarehouseModels.ByName,
            Log = line => request.Log.WriteLine(line),
        }, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var nodes = report.Outcome?.Results.Select(result => new NodeResult(
            result.Node.UniqueId,
            result.Node.ResourceType.ToString().ToLowerInvariant(),
            result.Status.ToDbtString(),
            result.ExecutionTime,
            result.Message,
            result.Failures)).ToList() ?? [];
        var problems = report.FormatProblems().ToList();
        foreach (var problem in problems)
        {
            await request.Log.WriteLineAsync(problem);
        }

        var failed = nodes.Where(node => node.Status is "error" or "fail").Select(node => node.UniqueId).Take(5).ToList();
        return report.Success
            ? new BuildOutcome(true, nodes)
            : new BuildOutcome(false, nodes, problems.Count > 0 ? string.Join("; ", problems.Take(5))
                : failed.Count > 0 ? $"failed: {string.Join(", ", failed)}" : "the build failed");
    }

    private string? ProjectDir() => RepositoryPaths.WarehouseProject(options.Value.Warehouse.ProjectDir);

    private Dictionary<string, string> Environment(string snapshotPath)
    {
        var environment = _target.Environment();
        environment["WELLHOUSE_SNAPSHOT_PATH"] = snapshotPath;
        // The var raw_location names the batches; an inherited WELLHOUSE_RAW_LOCATION would override it.
        environment.Remove("WELLHOUSE_RAW_LOCATION");
        return environment;
    }
}

/// <summary>The bundled Volve sample (data/sample/, Equinor's licence beside it), ingested on a first start.</summary>
internal sealed class BundledSample : ISampleData
{
    public const string RelativePath = "data/sample/volve_well_production.csv";

    public async Task<string> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var source = RepositoryPaths.Find(RelativePath) ?? throw new FileNotFoundException($"the bundled sample {RelativePath} was not found");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "volve_well_production.csv");
        await using var input = File.OpenRead(source);
        await using var output = File.Create(copy);
        await input.CopyToAsync(output, cancellationToken);
        return copy;
    }
}
