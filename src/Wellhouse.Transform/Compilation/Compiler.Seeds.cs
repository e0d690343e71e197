using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>What a project's seed materialization reads: dbt's <c>load_agate_table()</c> and dbt-duckdb's
/// <c>adapter.get_seed_file_path(model)</c>.</summary>
public sealed partial class Compiler
{
    /// <summary>The seed's CSV file (a package's seed in its package folder).</summary>
    private string SeedPath(Node node) => Path.Combine(project.ProjectDir, node.PackagePath, node.OriginalFilePath);

    /// <summary>Adds <c>load_agate_table</c> (seeds only; another node gets dbt's error) and the adapter's
    /// <c>get_seed_file_path</c> to a materialization's globals.</summary>
    private void AddSeedFunctions(Dictionary<string, object?> globals, Node node)
    {
        globals["load_agate_table"] = new JinjaFunction(args => node.ResourceType == ResourceType.Seed
            ? LoadAgateTable(node, args)
            : throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, $"can only load_agate_table for seeds (got a {node.ResourceType.ToDbtString()})", args.Span)));
        if (globals.GetValueOrDefault("adapter") is Dictionary<string, object?> adapter)
        {
            adapter["get_seed_file_path"] = new JinjaFunction(_ => SeedPath(node));
        }
    }

    /// <summary>
    /// dbt's <c>load_agate_table()</c>: the seed's rows as an agate table, each column typed as dbt's type tester types
    /// it (integer, number, date, datetime, boolean, text; <see cref="SeedTypeInference"/>), a column named in
    /// <c>column_types</c> as text (dbt reads those as text columns), empty cells as none. The <c>delimiter</c> config
    /// is honoured. A file that cannot be read is an error naming it.
    /// </summary>
    private AgateTable LoadAgateTable(Node node, JinjaCallArguments args)
    {
        var delimiter = node.Config.GetString("delimiter") is { Length: > 0 } d ? d[0] : ',';
        SeedFile file;
        try
        {
            file = SeedFile.Read(SeedPath(node), node.OriginalFilePath, delimiter);
        }
        catch (SeedException ex)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, ex.Message, args.Span));
        }

        var textColumns = node.Config["column_types"] is IEnumerable<KeyValuePair<string, object?>> types
            ? types.Select(t => t.Key).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];
        var kinds = file.Columns.Select((name, i) => textColumns.Contains(name) ? SeedColumnKind.Text : SeedTypeInference.Infer(file.Rows, i, out _)).ToList();
        var rows = file.Rows.Select(row => row.Select((value, i) => Typed(value, kinds[i])).ToArray()).ToList();
        return new AgateTable(new QueryTable([.. file.Columns], [.. kinds.Select(k => k.ToString())], rows), project.Services.Log);
    }

    /// <summary>A CSV value as the CLR value of its column's kind (as agate parses it).</summary>
    private static object? Typed(string? value, SeedColumnKind kind) => value is null ? null : kind switch
    {
        SeedColumnKind.Integer => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        SeedColumnKind.Number => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
        SeedColumnKind.Boolean => value.Equals("true", StringComparison.OrdinalIgnoreCase),
        SeedColumnKind.Date => DateOnly.ParseExact(value, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture),
        SeedColumnKind.DateTime => DateTime.ParseExact(value, SeedTypeInference.DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None),
        _ => value,
    };
}
