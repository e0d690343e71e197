namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's builtin tests (jinja2/tests.py; "List of Builtin Tests"). Type tests are false for an
/// undefined value except iterable, sequence and callable (Jinja2's Undefined has __iter__, __len__, __getitem__ and
/// __call__); tests that need the value fail on it.</summary>
internal static class Tests
{
    public static readonly IReadOnlyDictionary<string, Func<object?, JinjaCallArguments, bool>> Builtin =
        new Dictionary<string, Func<object?, JinjaCallArguments, bool>>
        {
            ["boolean"] = (v, _) => v is bool,
            ["callable"] = (v, _) => v is IJinjaCallable or Undefined,
            ["defined"] = (v, _) => v is not Undefined,
            ["divisibleby"] = (v, a) => PyOps.Truthy(PyOps.Mod(v, a.Require(0, "num"), a.Span), a.Span) is false,
            ["eq"] = Eq,
            ["equalto"] = Eq,
            ["=="] = Eq,
            ["escaped"] = (_, _) => false,
            ["even"] = (v, a) => PyOps.Equal(PyOps.Mod(v, 2L, a.Span), 0L, a.Span),
            ["false"] = (v, _) => v is false,
            ["float"] = (v, _) => v is double,
            ["ge"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), ">=", a.Span) >= 0,
            [">="] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), ">=", a.Span) >= 0,
            ["gt"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), ">", a.Span) > 0,
            [">"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), ">", a.Span) > 0,
            ["greaterthan"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), ">", a.Span) > 0,
            ["in"] = (v, a) => PyOps.Contains(a.Require(0, "seq"), v, a.Span),
            ["integer"] = (v, _) => v is long or int,
            ["iterable"] = (v, _) => v is Undefined or string or System.Collections.IEnumerable,
            ["le"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), "<=", a.Span) <= 0,
            ["<="] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), "<=", a.Span) <= 0,
            ["lower"] = (v, _) => IsLower(PyStr.Str(v)),
            ["lt"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), "<", a.Span) < 0,
            ["<"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), "<", a.Span) < 0,
            ["lessthan"] = (v, a) => PyOps.Compare(v, a.Require(0, "other"), "<", a.Span) < 0,
            ["mapping"] = (v, _) => v is IDictionary<string, object?> or IJinjaMapping,
            ["ne"] = (v, a) => !PyOps.Equal(v, a.Require(0, "other"), a.Span),
            ["!="] = (v, a) => !PyOps.Equal(v, a.Require(0, "other"), a.Span),
            ["none"] = (v, _) => v is null,
            ["number"] = (v, _) => PyOps.IsNumber(v),
            ["odd"] = (v, a) => PyOps.Equal(PyOps.Mod(v, 2L, a.Span), 1L, a.Span),
            ["sameas"] = (v, a) => SameAs(v, a.Require(0, "other")),
            ["sequence"] = (v, _) => v is Undefined or string or IList<object?> or IDictionary<string, object?>,
            ["string"] = (v, _) => v is string,
            ["true"] = (v, _) => v is true,
            ["undefined"] = (v, _) => v is Undefined,
            ["upper"] = (v, _) => IsUpper(PyStr.Str(v)),
        };

    private static bool Eq(object? v, JinjaCallArguments a) => PyOps.Equal(v, a.Require(0, "other"), a.Span);

    private static bool SameAs(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (bool x, bool y) => x == y,
        (long x, long y) => x == y && x is >= -5 and <= 256,
        (string x, string y) => ReferenceEquals(x, y) || x == y,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>Python's str.islower(): at least one cased character and no upper-case one.</summary>
    public static bool IsLower(string s) => s.Any(char.IsLower) && !s.Any(char.IsUpper);

    public static bool IsUpper(string s) => s.Any(char.IsUpper) && !s.Any(char.IsLower);
}
