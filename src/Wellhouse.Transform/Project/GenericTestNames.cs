using System.Security.Cryptography;
using System.Text;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Names and ids of generic tests exactly as dbt-core forms them (core/dbt/parser/generic_test_builders.py
/// <c>synthesize_generic_test_names</c> and core/dbt/parser/schema_generic_tests.py <c>create_test_node</c>):
/// the full name is <c>{test}_{target}_{args}</c> where args are the sorted keyword arguments except <c>model</c>,
/// each value flattened (dict values, list items) and cleaned to <c>[0-9a-zA-Z_]</c> (runs of other characters become
/// one <c>_</c>), joined by <c>__</c>. A full name of 64 characters or more gets a short name (used as alias and file
/// name): the first 30 characters of <c>{test}_{target}</c>, <c>_</c>, and the md5 hex of the full name. The unique id
/// is <c>test.{package}.{full name}.{hash}</c> with hash the last 10 hex digits of md5(full name + Python repr of the
/// sorted metadata with every leaf turned into a string).
/// </summary>
internal static class GenericTestNames
{
    public static (string ShortName, string FullName) Synthesize(string testType, string targetName, IReadOnlyDictionary<string, object?> args)
    {
        var flat = new List<string>();
        foreach (var key in args.Keys.Order(StringComparer.Ordinal))
        {
            if (key == "model")
            {
                continue;
            }

            switch (args[key])
            {
                case IDictionary<string, object?> dict:
                    flat.AddRange(dict.Values.Select(PythonRepr.Str));
                    break;
                case IEnumerable<object?> list when args[key] is not string:
                    flat.AddRange(list.Select(PythonRepr.Str));
                    break;
                default:
                    flat.Add(PythonRepr.Str(args[key]));
                    break;
            }
        }

        var unique = string.Join("__", flat.Select(Clean));
        var identifier = testType + "_" + targetName;
        var fullName = identifier + "_" + unique;
        var shortName = fullName.Length >= 64 ? identifier[..Math.Min(30, identifier.Length)] + "_" + Md5(fullName) : fullName;
        return (shortName, fullName);
    }

    /// <summary>The 10-character suffix of a generic test's unique id.</summary>
    public static string Hash(string name, string? testNamespace, string testName, IReadOnlyDictionary<string, object?> kwargs)
    {
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["namespace"] = testNamespace,
            ["name"] = testName,
            ["kwargs"] = kwargs.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal),
        };
        var repr = PythonRepr.Repr(Hashable(metadata));
        return Md5(name + repr)[^10..];
    }

    public static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>dbt's <c>get_hashable_md</c>: dicts with sorted keys, lists kept, every other value as <c>str()</c>.</summary>
    private static object Hashable(object? value) => value switch
    {
        IDictionary<string, object?> dict => new SortedPairs(dict.Keys.Order(StringComparer.Ordinal).Select(k => new KeyValuePair<string, object?>(k, Hashable(dict[k]))).ToList()),
        IList<object?> list => list.Select(Hashable).ToList<object?>(),
        _ => PythonRepr.Str(value),
    };

    /// <summary><c>re.sub("[^0-9a-zA-Z_]+", "_", arg)</c>.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                builder.Append(c);
                inRun = false;
            }
            else if (!inRun)
            {
                builder.Append('_');
                inRun = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>An ordered dict for <see cref="PythonRepr"/>.</summary>
    internal sealed record SortedPairs(IReadOnlyList<KeyValuePair<string, object?>> Pairs);
}
