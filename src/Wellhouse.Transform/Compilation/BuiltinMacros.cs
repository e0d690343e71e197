namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Wellhouse's own built-in macros (package <c>dbt</c>), embedded from Compilation/Macros: the four generic tests,
/// <c>get_where_subquery</c> and the default schema/alias/database naming macros. A project macro of the same name
/// replaces one of these.
/// </summary>
internal static class BuiltinMacros
{
    private const string Prefix = "Wellhouse.Transform.Macros.";

    public static IEnumerable<(string Path, string Text)> Files()
    {
        var assembly = typeof(BuiltinMacros).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return ("macros/" + name[Prefix.Length..], reader.ReadToEnd());
        }
    }
}
