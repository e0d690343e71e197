using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>dbt's <c>toyaml</c> writes PyYAML's <c>safe_dump</c>: each expected text below is what PyYAML 6.0.3's
/// <c>yaml.safe_dump(value, sort_keys=...)</c> printed for the same value.</summary>
public sealed class YamlDumpTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    private static List<object?> List(params object?[] items) => [.. items];

    private const string Fox = "the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog";

    public static TheoryData<string, object?, bool, string> Cases => new()
    {
        { "mapping", Map(("abc", 123L)), false, "abc: 123\n" },
        {
            "nested",
            Map(("name", "orders"), ("columns", List(Map(("name", "id"), ("tests", List("unique", "not_null"))), Map(("name", "status"), ("meta", Map())))), ("tags", List()), ("config", Map(("enabled", true), ("ratio", 0.5), ("none", null)))),
            false,
            "name: orders\ncolumns:\n- name: id\n  tests:\n  - unique\n  - not_null\n- name: status\n  meta: {}\ntags: []\nconfig:\n  enabled: true\n  ratio: 0.5\n  none: null\n"
        },
        { "sorted", Map(("b", 1L), ("a", Map(("d", 2L), ("c", 3L)))), true, "a:\n  c: 3\n  d: 2\nb: 1\n" },
        {
            "strings",
            Map(("s1", "yes"), ("s2", "123"), ("s3", ""), ("s4", "a: b"), ("s5", "- x"), ("s6", "#x"), ("s7", "x #y"), ("s8", "multi\nline"), ("s9", " lead"), ("s10", "trail "), ("s11", "it's"), ("s12", "caf\u00e9"), ("s13", "tab\there"), ("s14", "1.5"), ("s15", "null"), ("s16", "2024-01-02"), ("s17", "x:y"), ("s18", "{a}"), ("s19", "a, b")),
            false,
            "s1: 'yes'\ns2: '123'\ns3: ''\ns4: 'a: b'\ns5: '- x'\ns6: '#x'\ns7: 'x #y'\ns8: 'multi\n\n  line'\ns9: ' lead'\ns10: 'trail '\ns11: it's\ns12: \"caf\\xE9\"\ns13: \"tab\\there\"\ns14: '1.5'\ns15: 'null'\ns16: '2024-01-02'\ns17: x:y\ns18: '{a}'\ns19: a, b\n"
        },
        { "long_plain", Map(("description", Fox)), false, "description: the quick brown fox jumps over the lazy dog the quick brown fox jumps\n  over the lazy dog the quick brown fox jumps over the lazy dog\n" },
        { "long_quoted", Map(("description", "note: " + Fox)), false, "description: 'note: the quick brown fox jumps over the lazy dog the quick brown fox\n  jumps over the lazy dog the quick brown fox jumps over the lazy dog'\n" },
        { "long_double", Map(("description", "caf\u00e9 " + Fox)), false, "description: \"caf\\xE9 the quick brown fox jumps over the lazy dog the quick brown\\\n  \\ fox jumps over the lazy dog the quick brown fox jumps over the lazy dog\"\n" },
        { "sequences", List(List(1L, 2L), List(), Map(("a", List(3L, Map(("b", 4L))))), "x"), false, "- - 1\n  - 2\n- []\n- a:\n  - 3\n  - b: 4\n- x\n" },
        { "scalar_str", "abc", false, "abc\n...\n" },
        { "scalar_int", 1L, false, "1\n...\n" },
        { "scalar_none", null, false, "null\n...\n" },
        { "scalar_yes", "yes", false, "'yes'\n" },
        { "floats", Map(("a", 1.0), ("b", 1e20), ("c", double.PositiveInfinity), ("d", double.NegativeInfinity), ("e", 1.5e-7), ("f", -0.25)), false, "a: 1.0\nb: 1.0e+20\nc: .inf\nd: -.inf\ne: 1.5e-07\nf: -0.25\n" },
        { "keys", Map((new string('k', 130), 1L), ("", 2L), ("two\nlines", 3L)), false, "? " + new string('k', 130) + "\n: 1\n? ''\n: 2\n? 'two\n\n  lines'\n: 3\n" },
        { "dates", Map(("d", new PyDateTime(new DateTime(2024, 1, 2), isDate: true)), ("t", new PyDateTime(new DateTime(2024, 1, 2, 3, 4, 5)))), false, "d: 2024-01-02\nt: 2024-01-02 03:04:05\n" },
        { "empty", Map(), false, "{}\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Values_are_written_as_pyyaml_safe_dump_writes_them(string name, object? value, bool sortKeys, string expected)
    {
        Assert.NotEmpty(name);
        Assert.Equal(expected, YamlDump.SafeDump(value, sortKeys));
    }

    [Fact]
    public void A_list_met_twice_is_an_anchor_and_an_alias()
    {
        var shared = List(1L, 2L);

        Assert.Equal("a: &id001\n- 1\n- 2\nb: *id001\n", YamlDump.SafeDump(Map(("a", shared), ("b", shared)), sortKeys: false));
    }

    [Fact]
    public void A_value_yaml_cannot_represent_is_refused() =>
        Assert.Throws<YamlDumpException>(() => YamlDump.SafeDump(Map(("t", new PyTuple([1L]))), sortKeys: false));
}
