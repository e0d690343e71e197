using System.Collections.ObjectModel;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// agate's <c>MappedSequence</c> (a table's <c>rows</c> and <c>columns</c>, and each row): a sequence indexable by
/// position and, when it has keys, by key (<c>row['name']</c>, <c>row.name</c>, <c>table.columns['id']</c>), with
/// <c>keys()</c>, <c>values()</c>, <c>items()</c>, <c>get()</c> and <c>dict()</c> (agate docs, "MappedSequence").
/// It iterates, has a length and prints as a list.
/// </summary>
internal class AgateSequence(IList<object?> items, IReadOnlyList<string>? keys) : ReadOnlyCollection<object?>(items), IJinjaObject
{
    public IReadOnlyList<string>? Keys { get; } = keys;

    public virtual bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "keys" => new JinjaFunction(_ => new PyTuple([.. Keys ?? []])),
            "values" => new JinjaFunction(_ => new PyTuple([.. this])),
            "items" => new JinjaFunction(_ => Pairs().Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList()),
            "dict" => new JinjaFunction(_ => Pairs().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)),
            "get" => new JinjaFunction(args => TryGetKey(ContextArgs.String(args, 0, "key") ?? string.Empty, out var found) ? found : ContextArgs.Get(args, 1, "default")),
            _ => null,
        };
        return value is not null || TryGetKey(name, out value);
    }

    private bool TryGetKey(string key, out object? value)
    {
        var index = Keys is null ? -1 : IndexOf(Keys, key);
        value = index >= 0 ? this[index] : null;
        return index >= 0;
    }

    private IEnumerable<KeyValuePair<string, object?>> Pairs() =>
        (Keys ?? []).Select((key, i) => new KeyValuePair<string, object?>(key, this[i]));

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>agate's <c>Column</c>: the column's values in row order, with <c>name</c>, <c>index</c>,
/// <c>data_type</c>, <c>values()</c>, <c>values_distinct()</c>, <c>values_without_nulls()</c> and
/// <c>values_sorted()</c> (agate docs, "Column").</summary>
internal sealed class AgateColumn(int index, string name, string dataType, IList<object?> values) : AgateSequence(values, null)
{
    public string Name { get; } = name;

    public override bool TryGetAttribute(string attribute, out object? value)
    {
        value = attribute switch
        {
            "name" => Name,
            "index" => (long)index,
            "data_type" => new AgateDataType(dataType),
            "values_distinct" => new JinjaFunction(_ => new PyTuple([.. this.Distinct(ValueComparer.Instance)])),
            "values_without_nulls" => new JinjaFunction(_ => new PyTuple([.. this.Where(v => v is not null)])),
            "values_sorted" => new JinjaFunction(_ => new PyTuple([.. this.Order(ValueComparer.Instance)])),
            _ => null,
        };
        return value is not null || base.TryGetAttribute(attribute, out value);
    }

    /// <summary>Equality and order of column values as Python compares them (None first when sorting, as agate does).</summary>
    private sealed class ValueComparer : IEqualityComparer<object?>, IComparer<object?>
    {
        public static ValueComparer Instance { get; } = new();

        public new bool Equals(object? x, object? y) => PyOps.Equal(x, y, SourceSpan.None);

        public int GetHashCode(object? obj) => obj switch
        {
            null => 0,
            long l => ((double)l).GetHashCode(),
            double d => d.GetHashCode(),
            _ => PyStr.Str(obj).GetHashCode(StringComparison.Ordinal),
        };

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => PyOps.Compare(x, y, "<", SourceSpan.None),
        };
    }
}

/// <summary>An agate data type (<c>Integer</c>, <c>Number</c>, <c>Date</c>, <c>DateTime</c>, <c>Boolean</c>,
/// <c>Text</c>); prints as its name. <c>jsonify(d)</c> is agate's: a Number as a float, a Date or DateTime in ISO form
/// (<c>2024-01-02</c>, <c>2024-01-02T03:04:05</c>), anything else (and none) as it is (dbt-profiler's
/// <c>print_profile_schema</c> calls it on every value).</summary>
internal sealed class AgateDataType(string name) : IJinjaObject
{
    public string Name { get; } = name;

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "__name__" => Name,
            "jsonify" => new JinjaFunction(args => Jsonify(ContextArgs.Get(args, 0, "d"))),
            _ => null,
        };
        return value is not null;
    }

    private object? Jsonify(object? value) => value switch
    {
        long l when Name == "Number" => (double)l,
        PyDateTime date => date.IsoFormat(),
        _ => value,
    };

    public override string ToString() => Name;
}
