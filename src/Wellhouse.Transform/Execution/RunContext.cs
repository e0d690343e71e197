using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>State shared by the workers of one run: the request, the adapter, the schemas already created.</summary>
internal sealed class RunContext
{
    private readonly HashSet<string> createdSchemas = new(StringComparer.Ordinal);
    private readonly Lock schemaLock = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Path, string Sql)> pendingFiles = new();

    public RunContext(RunRequest request, ISqlAdapter adapter)
    {
        Request = request;
        Adapter = adapter;
    }

    public RunRequest Request { get; }

    public ISqlAdapter Adapter { get; }

    /// <summary>Creates the schema once per run; serialized because concurrent DDL on one catalog conflicts in DuckDB.</summary>
    public void EnsureSchema(ISqlSession session, string? database, string schema)
    {
        var key = (database ?? string.Empty) + "\u0001" + schema;
        lock (schemaLock)
        {
            if (createdSchemas.Contains(key))
            {
                return;
            }

            session.CreateSchemaIfNotExists(database, schema);
            createdSchemas.Add(key);
        }
    }

    /// <summary>Compiles a node (the front end's compiler is thread-safe; each node is compiled by one worker); the
    /// node's templates query the database (run_query, statement) on the worker's <paramref name="session"/>.</summary>
    public string Compile(Node node, ISqlSession session)
    {
        using var scope = CompileDatabase.Use(session);
        var sql = Request.Compiler.Compile(node);
        node.CompiledCode = sql;
        return sql;
    }

    /// <summary>Runs a custom materialization of <paramref name="node"/>; its templates query the database on
    /// <paramref name="session"/>.</summary>
    public Compilation.MaterializationResult RunMaterialization(Node node, string? sql, Compilation.MaterializationEntry entry, ISqlSession session)
    {
        using var scope = CompileDatabase.Use(session);
        return Request.Compiler.RunMaterialization(node, sql, entry);
    }

    /// <summary>Renders a hook or operation for <paramref name="node"/> (or none); its templates query the database on
    /// <paramref name="session"/>.</summary>
    public string RenderSnippet(string jinja, Project.SourceSpan definedAt, Node? node, ISqlSession session, IReadOnlyDictionary<string, object?>? extraGlobals = null)
    {
        using var scope = CompileDatabase.Use(session);
        return Request.Compiler.RenderSnippet(jinja, definedAt, node, extraGlobals);
    }

    /// <summary>dbt's query comment for the statements of <paramref name="node"/> (null: the run hooks' <c>master</c>
    /// connection); see <see cref="QueryComments"/>.</summary>
    public QueryComment? QueryCommentFor(Node? node, ISqlSession session) =>
        QueryComments.For(Request.QueryComment, Request.ProfileName, Request.TargetName, node, "master", (template, globals) =>
            RenderSnippet(template, new Project.SourceSpan("dbt_project.yml", 0, 0), node, session, globals));

    /// <summary>
    /// Queues <c>target/&lt;kind&gt;/&lt;project&gt;/&lt;path&gt;</c> (dbt's compiled/ and run/ folders) for
    /// <see cref="FlushTargetFiles"/>. Writing them between the database's commits made every commit's fsync also
    /// flush the new files (ext4 journals them together), which tripled the engine's overhead per node.
    /// </summary>
    public void WriteTargetFile(string kind, Node node, string sql)
    {
        if (Request.TargetPath is { } targetPath)
        {
            pendingFiles.Enqueue((Path.Combine(targetPath, kind, node.PackageName, TargetRelativePath(node)), sql));
        }
    }

    /// <summary>Writes the queued compiled/ and run/ files (at the end of the run, or when it stops).</summary>
    public void FlushTargetFiles()
    {
        var directories = new HashSet<string>(StringComparer.Ordinal);
        while (pendingFiles.TryDequeue(out var file))
        {
            var directory = Path.GetDirectoryName(file.Path)!;
            if (directories.Add(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // An unchanged file is left alone: rewriting (truncating) it makes ext4 flush it at the database's
            // next fsync, which dominated the overhead of re-running unchanged models.
            if (!SameContent(file.Path, file.Sql))
            {
                File.WriteAllText(file.Path, file.Sql);
            }
        }
    }

    private static bool SameContent(string path, string text)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != System.Text.Encoding.UTF8.GetByteCount(text))
        {
            return false;
        }

        return string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal);
    }

    /// <summary>dbt writes a generic test under its .yml file's path as a folder, named by its path (its short name when the full
    /// name is too long): <c>models/schema.yml/&lt;test&gt;.sql</c>.</summary>
    public static string TargetRelativePath(Node node) =>
        node.ResourceType == ResourceType.Test && node.TestMetadata is not null
            ? Path.Combine(node.OriginalFilePath, node.Path)
            : node.ResourceType == ResourceType.UnitTest ? Path.Combine(node.OriginalFilePath, node.Name + ".sql") : node.OriginalFilePath;
}
