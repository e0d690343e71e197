using System.Globalization;

namespace Wellhouse.Cli;

/// <summary>
/// Where dbt verbs print: dbt's lines prefixed with the time (<c>12:00:00  1 of 5 START ...</c>), colored with ANSI
/// codes only when writing to a terminal (status words as dbt colors them), plain text otherwise.
/// </summary>
internal sealed class DbtConsole
{
    private readonly TextWriter output;
    private readonly TextWriter error;
    private readonly bool color;

    public DbtConsole(TextWriter output, TextWriter error)
    {
        this.output = output;
        this.error = error;
        color = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    }

    public void Line(string text)
    {
        var stamped = text.Length == 0 ? text : DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "  " + text;
        output.WriteLine(color ? Colorize(stamped) : stamped);
    }

    public void Plain(string text) => output.WriteLine(text);

    public void Error(string text) => error.WriteLine(color ? "\u001b[31m" + text + "\u001b[0m" : text);

    private static string Colorize(string line)
    {
        var bracket = line.LastIndexOf(" [", StringComparison.Ordinal);
        if (bracket < 0 || !line.EndsWith(']'))
        {
            return line;
        }

        var status = line[(bracket + 2)..];
        var code = status switch
        {
            _ when status.StartsWith("OK", StringComparison.Ordinal) || status.StartsWith("PASS", StringComparison.Ordinal) || status.StartsWith("INSERT", StringComparison.Ordinal) => "32",
            _ when status.StartsWith("WARN", StringComparison.Ordinal) || status.StartsWith("SKIP", StringComparison.Ordinal) => "33",
            _ when status.StartsWith("ERROR", StringComparison.Ordinal) || status.StartsWith("FAIL", StringComparison.Ordinal) => "31",
            _ => null,
        };
        return code is null ? line : line[..(bracket + 2)] + "\u001b[" + code + "m" + status[..^1] + "\u001b[0m]";
    }
}
