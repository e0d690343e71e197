using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>A value <see cref="YamlDump"/> cannot write (as PyYAML's RepresenterError); dbt's <c>toyaml</c> then
/// returns its default.</summary>
internal sealed class YamlDumpException(string message) : Exception(message);

/// <summary>
/// PyYAML's <c>yaml.safe_dump(value, sort_keys=...)</c>, which dbt's <c>toyaml</c> calls, as it lays text out: block
/// mappings and sequences (a sequence inside a mapping not indented, two spaces per level), empty ones as <c>{}</c>
/// and <c>[]</c>; scalars plain when they would read back as the same string, else single-quoted (a line break
/// written as a blank line), else double-quoted with escapes (control and non-ASCII characters, as PyYAML writes
/// without <c>allow_unicode</c>); long plain and quoted scalars folded at spaces past column 80; keys of 123
/// characters or more, empty or multi-line as <c>? key</c> / <c>: value</c>; a list or mapping that appears twice
/// as an anchor <c>&amp;id001</c> and an alias <c>*id001</c>; a lone plain scalar followed by <c>...</c>. Numbers as
/// Python prints them (<c>1.0e+20</c>, <c>.inf</c>, <c>.nan</c>), dates in ISO form, none as <c>null</c>. A tuple,
/// set or other object is not representable (<see cref="YamlDumpException"/>).
/// </summary>
internal sealed class YamlDump
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;

    // YAML 1.1's implicit types (PyYAML's resolver): a string matching one is quoted so it reads back as a string.
    private static readonly Regex[] ImplicitTypes =
    [
        new(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
        new(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        new(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"),
        new(@"^(?:<<)$"),
        new(@"^(?:~|null|Null|NULL|)$"),
        new(@"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"),
        new(@"^(?:=)$"),
        new(@"^(?:!|&|\*)$"),
    ];

    private readonly StringBuilder output = new();
    private readonly bool sortKeys;
    private readonly Dictionary<object, string?> anchors = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<int?> indents = new();
    private int? indent;
    private int column;
    private bool whitespace = true;
    private bool indention = true;
    private bool openEnded;
    private int lastAnchor;

    private YamlDump(bool sortKeys) => this.sortKeys = sortKeys;

    public static string SafeDump(object? value, bool sortKeys)
    {
        var dump = new YamlDump(sortKeys);
        dump.FindRepeats(value, new HashSet<object>(ReferenceEqualityComparer.Instance));
        dump.Node(value, root: true, sequence: false, mapping: false, simpleKey: false);
        // Document end, then the stream's end.
        dump.WriteIndent();
        if (dump.openEnded)
        {
            dump.WriteIndicator("...", needWhitespace: true);
            dump.WriteIndent();
        }

        return dump.output.ToString();
    }

    /// <summary>Lists and mappings met twice get an anchor (PyYAML's serializer).</summary>
    private void FindRepeats(object? value, HashSet<object> seen)
    {
        if (value is not (IDictionary<string, object?> or IList<object?>) || value is PyTuple)
        {
            return;
        }

        if (!seen.Add(value))
        {
            anchors[value] = null;
            return;
        }

        var children = value is IDictionary<string, object?> map ? map.Values : (IEnumerable<object?>)value;
        foreach (var child in children)
        {
            FindRepeats(child, seen);
        }
    }

    private void Node(object? value, bool root, bool sequence, bool mapping, bool simpleKey)
    {
        if (value is Undefined)
        {
            PyOps.Check(value);
        }

        if (value is not null && anchors.TryGetValue(value, out var anchor))
        {
            if (anchor is not null)
            {
                WriteIndicator("*" + anchor, needWhitespace: true);
                return;
            }

            anchor = "id" + (++lastAnchor).ToString("000", CultureInfo.InvariantCulture);
            anchors[value] = anchor;
            WriteIndicator("&" + anchor, needWhitespace: true);
        }

        switch (value)
        {
            case IDictionary<string, object?> map:
                var keys = map.Keys.ToList();
                if (sortKeys)
                {
                    keys.Sort(string.CompareOrdinal);
                }

                if (keys.Count == 0)
                {
                    EmptyCollection("{", "}");
                }
                else
                {
                    BlockMapping(map, keys);
                }

                break;
            case PyTuple:
                throw new YamlDumpException("cannot represent a tuple");
            case IList<object?> list:
                if (list.Count == 0)
                {
                    EmptyCollection("[", "]");
                }
                else
                {
                    BlockSequence(list, indentless: mapping && !indention);
                }

                break;
            default:
                var (text, isString) = Scalar(value);
                Push(indent is null ? BestIndent : indent + BestIndent);
                WriteScalar(text, isString, root, simpleKey);
                indent = indents.Pop();
                break;
        }
    }

    private void Push(int? next)
    {
        indents.Push(indent);
        indent = next;
    }

    private void EmptyCollection(string open, string close)
    {
        WriteIndicator(open, needWhitespace: true, whitespace: true);
        WriteIndicator(close, needWhitespace: false);
    }

    private void BlockSequence(IList<object?> list, bool indentless)
    {
        Push(indent is null ? 0 : indentless ? indent : indent + BestIndent);
        foreach (var item in list)
        {
            WriteIndent();
            WriteIndicator("-", needWhitespace: true, indention: true);
            Node(item, root: false, sequence: true, mapping: false, simpleKey: false);
        }

        indent = indents.Pop();
    }

    private void BlockMapping(IDictionary<string, object?> map, List<string> keys)
    {
        Push(indent is null ? 0 : indent + BestIndent);
        foreach (var key in keys)
        {
            WriteIndent();
            var analysis = Analyze(key);
            // PyYAML counts the key's tag (!!str) in the 128 characters a simple key may have.
            if (key.Length + 5 < 128 && !analysis.Empty && !analysis.Multiline)
            {
                Node(key, root: false, sequence: false, mapping: true, simpleKey: true);
                WriteIndicator(":", needWhitespace: false);
            }
            else
            {
                WriteIndicator("?", needWhitespace: true, indention: true);
                Node(key, root: false, sequence: false, mapping: true, simpleKey: false);
                WriteIndent();
                WriteIndicator(":", needWhitespace: true, indention: true);
            }

            Node(map[key], root: false, sequence: false, mapping: true, simpleKey: false);
        }

        indent = indents.Pop();
    }

    /// <summary>A scalar's text as PyYAML's SafeRepresenter writes it, and whether it is a string (whose style depends on
    /// its text) rather than a number, boolean, none or date (always plain).</summary>
    private static (string Text, bool IsString) Scalar(object? value) => value switch
    {
        null => ("null", false),
        bool b => (b ? "true" : "false", false),
        long or int => (Convert.ToString(value, CultureInfo.InvariantCulture)!, false),
        double d => (Float(d), false),
        string s => (s, true),
        PyDateTime date => (date.ToString(), false),
        _ => throw new YamlDumpException($"cannot represent an object of type {PyOps.TypeName(value)}"),
    };

    private static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return ".nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? ".inf" : "-.inf";
        }

        var text = PyStr.FormatFloat(d).ToLowerInvariant();
        return !text.Contains('.', StringComparison.Ordinal) && text.Contains('e', StringComparison.Ordinal) ? text.Replace("e", ".0e", StringComparison.Ordinal) : text;
    }

    private void WriteScalar(string text, bool isString, bool root, bool simpleKey)
    {
        var split = !simpleKey;
        if (!isString)
        {
            WritePlain(text, split, root);
            return;
        }

        var analysis = Analyze(text);
        var resolvesToString = !ImplicitTypes.Any(r => r.IsMatch(text));
        if (resolvesToString && !(simpleKey && (analysis.Empty || analysis.Multiline)) && analysis.AllowBlockPlain)
        {
            WritePlain(text, split, root);
        }
        else if (analysis.AllowSingleQuoted && !(simpleKey && analysis.Multiline))
        {
            WriteSingleQuoted(text, split);
        }
        else
        {
            WriteDoubleQuoted(text, split);
        }
    }

    private sealed record Analysis(bool Empty, bool Multiline, bool AllowBlockPlain, bool AllowSingleQuoted);

    private static bool IsBreak(char c) => c is '\n' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsSpaceOrEnd(string text, int index) => index >= text.Length || text[index] is '\0' or ' ' or '\t' or '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>Which styles can write <paramref name="text"/> faithfully (PyYAML's emitter analysis, block context).</summary>
    private static Analysis Analyze(string text)
    {
        if (text.Length == 0)
        {
            return new Analysis(Empty: true, Multiline: false, AllowBlockPlain: true, AllowSingleQuoted: true);
        }

        var blockIndicators = text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal);
        bool lineBreaks = false, special = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
        bool previousSpace = false, previousBreak = false, precededByWhitespace = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var followedByWhitespace = IsSpaceOrEnd(text, i + 1);
            if (i == 0)
            {
                if ("#,[]{}&*!|>'\"%@`".Contains(c, StringComparison.Ordinal) || (c is '?' or ':' or '-' && followedByWhitespace))
                {
                    blockIndicators = true;
                }
            }
            else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace))
            {
                blockIndicators = true;
            }

            if (IsBreak(c))
            {
                lineBreaks = true;
            }

            if (!(c == '\n' || (c >= ' ' && c <= '~')))
            {
                // Without allow_unicode every character outside printable ASCII needs double quotes.
                special = true;
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == text.Length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                leadingBreak |= i == 0;
                trailingBreak |= i == text.Length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = previousBreak = false;
            }

            precededByWhitespace = c is '\0' or ' ' or '\t' or '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';
        }

        var allowPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || special || lineBreaks || blockIndicators);
        var allowSingle = !(breakSpace || spaceBreak || special);
        return new Analysis(Empty: false, Multiline: lineBreaks, AllowBlockPlain: allowPlain, AllowSingleQuoted: allowSingle);
    }

    private void Write(string data)
    {
        output.Append(data);
        column += data.Length;
    }

    private void WriteLineBreak()
    {
        output.Append('\n');
        whitespace = true;
        indention = true;
        column = 0;
    }

    private void WriteIndent()
    {
        var target = indent ?? 0;
        if (!indention || column > target || (column == target && !whitespace))
        {
            WriteLineBreak();
        }

        if (column < target)
        {
            whitespace = true;
            Write(new string(' ', target - column));
        }
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool whitespace = false, bool indention = false)
    {
        Write(this.whitespace || !needWhitespace ? indicator : " " + indicator);
        this.whitespace = whitespace;
        this.indention = this.indention && indention;
        openEnded = false;
    }

    private void WritePlain(string text, bool split, bool root)
    {
        if (root)
        {
            openEnded = true;
        }

        if (text.Length == 0)
        {
            return;
        }

        if (!whitespace)
        {
            Write(" ");
        }

        whitespace = false;
        indention = false;
        var start = 0;
        for (var end = 0; end <= text.Length; end++)
        {
            var c = end < text.Length ? text[end] : '\0';
            var atEnd = end == text.Length;
            if (end > 0 && text[end - 1] == ' ' && (atEnd || c != ' '))
            {
                // A run of spaces ends: one space past the width becomes a line break.
                if (start + 1 == end && column > BestWidth && split)
                {
                    WriteIndent();
                    whitespace = false;
                    indention = false;
                }
                else
                {
                    Write(text[start..end]);
                }

                start = end;
            }
            else if ((end == 0 || text[end - 1] != ' ') && (atEnd || c == ' '))
            {
                Write(text[start..end]);
                start = end;
            }
        }
    }

    private void WriteSingleQuoted(string text, bool split)
    {
        WriteIndicator("'", needWhitespace: true);
        var spaces = false;
        var breaks = false;
        var start = 0;
        for (var end = 0; end <= text.Length; end++)
        {
            char? c = end < text.Length ? text[end] : null;
            if (spaces)
            {
                if (c != ' ')
                {
                    if (start + 1 == end && column > BestWidth && split && start != 0 && end != text.Length)
                    {
                        WriteIndent();
                    }
                    else
                    {
                        Write(text[start..end]);
                    }

                    start = end;
                }
            }
            else if (breaks)
            {
                if (c is null || !IsBreak(c.Value))
                {
                    // A line break is written as an empty line, so it reads back as one line break.
                    if (text[start] == '\n')
                    {
                        WriteLineBreak();
                    }

                    for (var i = start; i < end; i++)
                    {
                        output.Append(text[i]);
                        whitespace = true;
                        indention = true;
                        column = 0;
                    }

                    WriteIndent();
                    start = end;
                }
            }
            else if (c is null || c == ' ' || IsBreak(c.Value) || c == '\'')
            {
                if (start < end)
                {
                    Write(text[start..end]);
                    start = end;
                }
            }

            if (c == '\'')
            {
                Write("''");
                start = end + 1;
            }

            if (c is not null)
            {
                spaces = c == ' ';
                breaks = IsBreak(c.Value);
            }
        }

        WriteIndicator("'", needWhitespace: false);
    }

    private static readonly Dictionary<char, string> Escapes = new()
    {
        ['\0'] = "0", ['\a'] = "a", ['\b'] = "b", ['\t'] = "t", ['\n'] = "n", ['\v'] = "v", ['\f'] = "f", ['\r'] = "r",
        ['\u001b'] = "e", ['"'] = "\"", ['\\'] = "\\", ['\u0085'] = "N", ['\u00a0'] = "_", ['\u2028'] = "L", ['\u2029'] = "P",
    };

    private void WriteDoubleQuoted(string text, bool split)
    {
        WriteIndicator("\"", needWhitespace: true);
        var start = 0;
        for (var end = 0; end <= text.Length; end++)
        {
            char? c = end < text.Length ? text[end] : null;
            if (c is null || c is '"' or '\\' or '\u0085' or '\u2028' or '\u2029' or '\ufeff' || c < ' ' || c > '~')
            {
                if (start < end)
                {
                    Write(text[start..end]);
                    start = end;
                }

                if (c is { } ch)
                {
                    var code = char.IsHighSurrogate(ch) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]) ? char.ConvertToUtf32(ch, text[++end]) : ch;
                    Write(Escapes.TryGetValue(ch, out var escape) ? "\\" + escape
                        : code <= 0xFF ? "\\x" + code.ToString("X2", CultureInfo.InvariantCulture)
                        : code <= 0xFFFF ? "\\u" + code.ToString("X4", CultureInfo.InvariantCulture)
                        : "\\U" + code.ToString("X8", CultureInfo.InvariantCulture));
                    start = end + 1;
                }
            }

            if (end > 0 && end < text.Length - 1 && (c == ' ' || start >= end) && column + (end - start) > BestWidth && split)
            {
                Write(text[start..end] + "\\");
                if (start < end)
                {
                    start = end;
                }

                WriteIndent();
                whitespace = false;
                indention = false;
                if (text[start] == ' ')
                {
                    Write("\\");
                }
            }
        }

        WriteIndicator("\"", needWhitespace: false);
    }
}
