using System.Globalization;
using System.Text;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's model contracts (<c>contract: {enforced: true}</c>): before a SQL model is built, the columns its query
/// returns must be exactly the columns its .yml declares, each with the declared <c>data_type</c> (compared after
/// DuckDB names both types, so <c>int</c> matches <c>INTEGER</c>). A mismatch fails the model with dbt's table of
/// column, query type, contract type and reason, and nothing is built.
/// </summary>
internal static class ContractCheck
{
    public static bool IsEnforced(Node node) =>
        node.Config["contract"] is Dictionary<string, object?> contract && contract.GetValueOrDefault("enforced") is true;

    public static NodeOutcome? Check(ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        if (!IsEnforced(node))
        {
            return null;
        }

        if (node.IsEphemeral)
        {
            return Error(node, "a contract cannot be enforced on an ephemeral model (it builds no relation)");
        }

        var undeclared = node.Columns.Values.Where(c => string.IsNullOrWhiteSpace(c.DataType)).Select(c => c.Name).ToList();
        if (node.Columns.Count == 0 || undeclared.Count > 0)
        {
            return Error(node, node.Columns.Count == 0
                ? "the contract is enforced but the model's .yml declares no columns"
                : "the contract is enforced but these columns have no data_type: " + string.Join(", ", undeclared));
        }

        try
        {
            var actual = session.DescribeQuery(sql, cancellationToken).Select(c => (Name: c.Name, Type: c.DataType)).ToList();
            var declared = node.Columns.Values.ToList();
            var canonical = session.DescribeQuery("select " + string.Join(", ", declared.Select((c, i) => $"cast(null as {c.DataType}) as c{i}")), cancellationToken)
                .Select(c => c.DataType).ToList();
            var problems = new List<(string Column, string? Query, string? Contract, string Reason)>();
            for (var i = 0; i < declared.Count; i++)
            {
                var match = actual.FirstOrDefault(a => a.Name.Equals(declared[i].Name, StringComparison.OrdinalIgnoreCase));
                if (match.Name is null)
                {
                    problems.Add((declared[i].Name, null, canonical[i], "missing in definition"));
                }
                else if (!match.Type.Equals(canonical[i], StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add((declared[i].Name, match.Type, canonical[i], "data type mismatch"));
                }
            }

            foreach (var extra in actual.Where(a => !declared.Any(d => d.Name.Equals(a.Name, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add((extra.Name, extra.Type, null, "missing in contract"));
            }

            return problems.Count == 0 ? null : Error(node, Table(problems));
        }
        catch (AdapterException ex)
        {
            return new NodeOutcome(NodeStatus.Error, $"Database Error in model {node.Name} ({node.OriginalFilePath})\n  while checking its contract: {ex.Message.Trim()}");
        }
    }

    private static string Table(List<(string Column, string? Query, string? Contract, string Reason)> problems)
    {
        var text = new StringBuilder("This model has an enforced contract that failed.\nPlease ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.\n\n");
        text.Append("| column_name | definition_type | contract_type | mismatch_reason |\n");
        foreach (var (column, query, contract, reason) in problems)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {column} | {query ?? string.Empty} | {contract ?? string.Empty} | {reason} |\n");
        }

        return text.ToString().TrimEnd();
    }

    private static NodeOutcome Error(Node node, string message) =>
        new(NodeStatus.Error, $"Compilation Error in model {node.Name} ({node.OriginalFilePath})\n  {message.Replace("\n", "\n  ", StringComparison.Ordinal)}");
}
