using System.CommandLine;

namespace Wellhouse.Cli;

/// <summary>The <c>--data-dir</c> option shared by the application verbs.</summary>
internal static class DataDirOption
{
    public static Option<string?> Create() => new("--data-dir")
    {
        Description = "The data directory (raw store, snapshots, runs). Default: $WELLHOUSE_DATA, else 'data' beside the application.",
    };

    /// <summary>Host configuration arguments for a chosen data directory.</summary>
    public static string[] HostArgs(string? dataDir, params string[] more) =>
        dataDir is null ? more : [$"--Wellhouse:DataDir={Path.GetFullPath(dataDir)}", .. more];
}
