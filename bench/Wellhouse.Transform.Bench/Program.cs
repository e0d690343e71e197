using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Wellhouse.Transform.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point type (BenchmarkSwitcher scans this assembly).</summary>
internal sealed partial class Program;
