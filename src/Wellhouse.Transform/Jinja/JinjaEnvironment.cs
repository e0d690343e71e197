using Wellhouse.Transform.Jinja.Lexing;
using Wellhouse.Transform.Jinja.Parsing;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Jinja;

/// <summary>Parses templates. Settings are Jinja2's defaults as dbt uses them (extensions <c>do</c> and
/// <c>loopcontrols</c>, no trim_blocks/lstrip_blocks, a single trailing newline dropped) with Jinja2's default, lenient Undefined.
/// Thread-safe once filters and tests are added; caches nothing.</summary>
public sealed class JinjaEnvironment
{
    private readonly Dictionary<string, JinjaFilter> filters = new(Filters.Builtin);
    private readonly Dictionary<string, Func<object?, JinjaCallArguments, bool>> tests = new(Tests.Builtin);

    /// <summary>Adds or replaces a filter (dbt adds as_bool, as_number, as_native, as_text). Call before parsing.</summary>
    public void AddFilter(string name, JinjaFilter filter) => filters[name] = filter;

    /// <summary>Adds or replaces a test (<c>x is name</c>). Call before parsing.</summary>
    public void AddTest(string name, Func<object?, JinjaCallArguments, bool> test) => tests[name] = test;

    /// <summary>Parses <paramref name="source"/>; <paramref name="filePath"/> is used in diagnostics.</summary>
    /// <exception cref="JinjaException">on a syntax error (JINJA001) or an unknown filter or test (JINJA002).</exception>
    public JinjaTemplate Parse(string source, string filePath)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lexed = Lexer.Tokenize(source, filePath);
        var parser = new Parser(lexed, filePath, filters, tests);
        var body = parser.ParseTemplate();
        return new JinjaTemplate(filePath, body, parser.Macros, parser.DocsBlocks) { Materializations = parser.Materializations };
    }

    internal bool TryGetFilter(string name, out JinjaFilter? filter) => filters.TryGetValue(name, out filter);
}
