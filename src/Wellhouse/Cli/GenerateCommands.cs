using System.CommandLine;
using System.Globalization;
using Wellhouse.Generate;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse generate --wells N --days D [--period day|month] --seed S --output DIR</c>: synthetic wells in the raw
/// contract with known decline parameters, downtime and outliers, and the truth beside them (for tests and benchmarks).
/// </summary>
internal static class GenerateCommands
{
    public static void Add(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var wells = new Option<int>("--wells") { Description = "Number of wells.", Required = true };
        var days = new Option<int>("--days") { Description = "Days of history per well.", Required = true };
        var period = new Option<string>("--period") { Description = "Reporting period: day or month.", DefaultValueFactory = _ => "day" };
        period.AcceptOnlyFromAmong("day", "month");
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same data).", DefaultValueFactory = _ => 42 };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder to write into.", Required = true };
        var format = new Option<string>("--format") { Description = "File format of the raw rows: parquet or csv.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var start = new Option<string>("--start") { Description = "Earliest first production date (yyyy-MM-dd).", DefaultValueFactory = _ => "2020-01-01" };

        var sameEnd = new Option<bool>("--same-end")
        {
            Description = "Every well reports until the same last day (a production feed: every well reports every period); histories are then up to 364 days longer than --days.",
        };

        var command = new Command("generate", "Write synthetic wells (raw contract) with known decline parameters and the truth file.")
        {
            wells, days, period, seed, output, format, start, sameEnd,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(wells) <= 0 || parse.GetValue(days) <= 0)
            {
                error.WriteLine("error: --wells and --days must be positive.");
                return 2;
            }

            if (!DateOnly.TryParseExact(parse.GetValue(start), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var startDate))
            {
                error.WriteLine($"error: --start '{parse.GetValue(start)}' is not a date yyyy-MM-dd.");
                return 2;
            }

            var options = new SyntheticWellOptions(parse.GetValue(wells), parse.GetValue(days), parse.GetValue(period) == "month", parse.GetValue(seed), startDate)
            {
                SameEnd = parse.GetValue(sameEnd),
            };
            var directory = parse.GetValue(output)!.FullName;
            try
            {
                var rows = GeneratedDataset.Write(options, directory, parse.GetValue(format) == "parquet");
                parse.InvocationConfiguration.Output.WriteLine(
                    string.Create(CultureInfo.InvariantCulture, $"wrote {rows:N0} rows of {options.Wells:N0} wells to {directory}"));
                return 0;
            }
            catch (IOException exception)
            {
                error.WriteLine($"error: cannot write to {directory}: {exception.Message}");
                return 1;
            }
            catch (UnauthorizedAccessException exception)
            {
                error.WriteLine($"error: cannot write to {directory}: {exception.Message}");
                return 1;
            }
        });
        root.Subcommands.Add(command);
    }
}
