using System.Diagnostics;
using System.Globalization;
using Wellhouse.Warehouse.Bench;

// Full build of warehouse/ on generated raw data through the engine, then the same compiled SQL (and the same C#
// models) straight on DuckDB, in one process. Usage: run.sh, or
//   dotnet run -c Release --project bench/warehouse -- <raw folder with *.parquet> <work folder>
// or C# models on a kept database, in one process: -- --model <name>[,<name>...] <ci.duckdb> [repeats]
// incremental.sh's helpers: -- --next-day <raw folder> <out.parquet> <fraction> <days after the last> (--next-month: months
// after the last, for monthly data), -- --late-correction <raw folder> <out.parquet> <fraction> <months before the last>,
// -- --compare <a.duckdb> <b.duckdb>,
// -- --start-from <parent.duckdb> <work folder> (file copy vs ATTACH + CREATE TABLE AS),
// -- --incremental-build <data dir> <out.duckdb> (the warehouse build of an incremental refresh alone, even of most wells)
// or, for bench/api's peer, a snapshot's relations as CSV: -- --export <snapshot.duckdb> <folder> [relation ...]
// or a snapshot's serving store, built with each step's time: -- --serve <snapshot.duckdb> <out.serve> [<parent.serve> <parent id>]
// or whether two serving stores answer the same: -- --serve-compare <a.serve> <a id> <b.serve> <b id>
// or the bytes per table of a snapshot and its ratio to the raw Parquet: -- --storage <snapshot.duckdb> [raw file or folder ...]
// or the serving read path's CPU per answer without HTTP (random wells, every series or those named): -- --render <data dir> [answers] [name part]
if (args.Length >= 2 && args[0] == "--storage")
{
    return StorageReport.Run(args[1], args[2..]);
}

if (args.Length is 3 or 5 && args[0] == "--serve")
{
    return ServeStoreBench.Run(args[1], args[2], args.Length == 5 ? new Wellhouse.Serving.ServePrevious(args[3], args[4]) : null);
}

if (args.Length == 5 && args[0] == "--serve-compare")
{
    return ServeStoreBench.Compare(args[1], args[2], args[3], args[4]);
}

if (args.Length is >= 2 and <= 4 && args[0] == "--render")
{
    return RenderBench.Run(args[1], args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000, args.Length == 4 ? args[3] : null);
}

if (args.Length >= 3 && args[0] == "--export")
{
    return ExportRelations.Run(args[1], args[2], args[3..]);
}

if (args.Length is 3 or 4 && args[0] == "--model")
{
    return await ModelBench.RunAsync(args[1], args[2], args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
}

if (args.Length == 5 && args[0] is "--next-day" or "--next-month")
{
    return IncrementalTools.NextPeriod(args[1], args[2], double.Parse(args[3], CultureInfo.InvariantCulture),
        int.Parse(args[4], CultureInfo.InvariantCulture), months: args[0] == "--next-month");
}

if (args.Length == 5 && args[0] == "--late-correction")
{
    return IncrementalTools.LateCorrection(args[1], args[2], double.Parse(args[3], CultureInfo.InvariantCulture), int.Parse(args[4], CultureInfo.InvariantCulture));
}

if (args.Length == 3 && args[0] == "--incremental-build")
{
    return await IncrementalBuild.RunAsync(args[1], args[2]);
}

if (args.Length == 3 && args[0] == "--start-from")
{
    return IncrementalTools.StartFrom(args[1], args[2]);
}

if (args.Length == 3 && args[0] == "--compare")
{
    return IncrementalTools.Compare(args[1], args[2]);
}

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Wellhouse.Benchmarks <raw folder> <work folder>");
    return 2;
}

var raw = Path.GetFullPath(args[0]);
var work = Path.GetFullPath(args[1]);
Directory.CreateDirectory(work);
// WELLHOUSE_BENCH_PROJECT builds another copy of the warehouse project (e.g. main's, to compare SQL changes with the
// same binaries); by default this tree's warehouse/.
var project = Environment.GetEnvironmentVariable("WELLHOUSE_BENCH_PROJECT") is { Length: > 0 } other
    ? Path.GetFullPath(other)
    : ScaleBuild.FindWarehouse();

await ScaleBuild.WarmUpAsync(project, work);
var engine = await ScaleBuild.RunEngineAsync(project, Path.Combine(raw, "*.parquet"), work);
var peakAfterEngine = Process.GetCurrentProcess().PeakWorkingSet64;
// WELLHOUSE_BENCH_ENGINE_ONLY=1 skips the direct replay (for quick runs while developing).
var direct = Environment.GetEnvironmentVariable("WELLHOUSE_BENCH_ENGINE_ONLY") == "1"
    ? null
    : await ScaleBuild.RunDirectAsync(engine, raw, work);

Console.WriteLine(ScaleReport.Format(engine, direct, peakAfterEngine, CultureInfo.InvariantCulture));
return engine.Report.Success ? 0 : 1;
