using System.CommandLine;

namespace Wellhouse.Cli;

/// <summary>
/// The wellhouse command line: dbt's verbs for the warehouse project, and the application's own verbs.
/// Each verb group lives in <c>Cli/&lt;Group&gt;Commands.cs</c> and adds itself to the root command here.
/// </summary>
internal static class WellhouseCli
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "Wellhouse: well-production analytics. dbt-compatible builds over DuckDB, decline curves, and an HTTP API.");
        ServeCommands.Add(root);
        IngestCommands.Add(root);
        BatchCommands.Add(root);
        RefreshCommands.Add(root);
        DbtCommands.Add(root);
        GenerateCommands.Add(root);
        DeclineCommands.Add(root);
        return root;
    }

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration();
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        var parse = CreateRootCommand().Parse(args.Length == 0 ? ["--help"] : args);
        return parse.Errors.Count > 0
            ? Task.FromResult(ParseErrors.Report(parse, configuration.Error))
            : parse.InvokeAsync(configuration, cancellationToken);
    }
}
