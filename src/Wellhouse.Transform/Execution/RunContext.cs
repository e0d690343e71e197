using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>State shared by the workers of one run: the request, the adapter, the schemas already created.</summary>
internal sealed class RunContext
{
    private readonly HashSet<string> createdSchemas = new(StringComparer.Ordinal);
    private readonly Lock schemaLock = new();
    private readonly Lock compileLock = new();

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

    /// <summary>Compiles a node; serialized (the compiler mutates the node and shares the Jinja context).</summary>
    public string Compile(Node node)
    {
        lock (compileLock)
        {
            var sql = Request.Compiler.Compile(node);
            node.CompiledCode = sql;
            return sql;
        }
    }

    /// <summary>Writes <c>target/&lt;kind&gt;/&lt;project&gt;/&lt;path&gt;</c> (dbt's compiled/ and run/ folders).</summary>
    public void WriteTargetFile(string kind, Node node, string sql)
    {
        if (Request.TargetPath is not { } targetPath)
        {
            return;
        }

        var path = Path.Combine(targetPath, kind, node.PackageName, TargetRelativePath(node));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
    }

    /// <summary>dbt writes a generic test under its .yml file's path as a folder: <c>models/schema.yml/&lt;test&gt;.sql</c>.</summary>
    public static string TargetRelativePath(Node node) =>
        node.ResourceType == ResourceType.Test && node.TestMetadata is not null
            ? Path.Combine(node.OriginalFilePath, node.Name + ".sql")
            : node.OriginalFilePath;
}
