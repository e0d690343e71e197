namespace Wellhouse.Api;

/// <summary>
/// The columns a series answers with when the request names them (<c>fields</c>, sparse fieldsets): the series' own
/// columns in their own order, only those named, in JSON and CSV. A name that is not a column of the series is a 400
/// naming it and listing the series' columns, the same from the serving store and from SQL.
/// </summary>
internal static class SeriesFields
{
    /// <summary>The ordinals of <paramref name="columns"/> to write (every column when <paramref name="fields"/> is null),
    /// or null with the 400 in <paramref name="problem"/> when a name is not a column.</summary>
    public static int[]? Select(IReadOnlyList<string>? fields, IReadOnlyList<string> columns, out IResult? problem)
    {
        problem = null;
        if (fields is null)
        {
            return [.. Enumerable.Range(0, columns.Count)];
        }

        var unknown = fields.Where(name => !columns.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            problem = TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["fields"] = [$"not a column of this series: {string.Join(", ", unknown.Take(10).Select(RunsApi.Truncate))}; its columns: {string.Join(", ", columns)}"],
            }, title: "Invalid query parameters");
            return null;
        }

        return [.. Enumerable.Range(0, columns.Count).Where(i => fields.Contains(columns[i], StringComparer.Ordinal))];
    }
}
