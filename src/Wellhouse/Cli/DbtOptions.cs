using System.CommandLine;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Warehouse;

namespace Wellhouse.Cli;

/// <summary>The flags dbt's verbs share (<c>--project-dir</c>, <c>--select</c>, ...), defined once and added per verb.</summary>
internal sealed class DbtOptions
{
    public Option<string> ProjectDir { get; } = new("--project-dir") { Description = "The dbt project directory (default: the current directory)." };

    public Option<string> ProfilesDir { get; } = new("--profiles-dir") { Description = "Directory holding profiles.yml (default: DBT_PROFILES_DIR, the project dir, ~/.dbt)." };

    public Option<string> Target { get; } = new("--target", "-t") { Description = "The profile output to use." };

    public Option<string[]> Select { get; } = new("--select", "-s") { Description = "Nodes to include (dbt selection syntax).", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Nodes to exclude.", AllowMultipleArgumentsPerToken = true };

    public Option<bool> FullRefresh { get; } = new("--full-refresh") { Description = "Drop and recreate seeds (and incremental models)." };

    public Option<string> Vars { get; } = new("--vars") { Description = "Project variables as a YAML mapping, e.g. '{key: value}'." };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Nodes to run in parallel (default: the profile's threads)." };

    public Option<string?> Selector { get; } = new("--selector") { Description = "A selector of the project's selectors.yml (instead of --select/--exclude)." };

    public Option<string?> IndirectSelection { get; } = new("--indirect-selection")
    {
        Description = "Which tests of the selected nodes are selected too: eager (any parent selected, the default), cautious (all parents), buildable (parents selected or their ancestors), empty (none). Default: DBT_INDIRECT_SELECTION.",
        Validators = { result => { if (result.GetValueOrDefault<string?>() is { } mode && !NodeSelector.IndirectSelectionModes.Contains(mode)) { result.AddError($"--indirect-selection must be one of {string.Join(", ", NodeSelector.IndirectSelectionModes)}, not '{mode}'"); } } },
    };

    public Option<bool> StoreFailures { get; } = new("--store-failures") { Description = "Store each test's failing rows in <schema>_dbt_test__audit (a test's store_failures config wins)." };

    public Option<bool> FailFast { get; } = new("--fail-fast", "-x") { Description = "Stop at the first failure." };

    public Option<string> State { get; } = new("--state") { Description = "A previous run's target folder (manifest.json, run_results.json) for state: and result: selectors (default: DBT_STATE)." };

    /// <summary>Adds the options a verb takes: the project ones always, the selection and run ones when asked.</summary>
    public void AddTo(Command command, bool selection, bool run)
    {
        command.Options.Add(ProjectDir);
        command.Options.Add(ProfilesDir);
        command.Options.Add(Target);
        command.Options.Add(Vars);
        if (selection)
        {
            command.Options.Add(Select);
            command.Options.Add(Exclude);
            command.Options.Add(Selector);
            command.Options.Add(IndirectSelection);

            // `source freshness` does not pass a previous state to its selection, so it does not offer --state.
            if (command.Name is not "freshness")
            {
                command.Options.Add(State);
            }
        }

        if (run)
        {
            command.Options.Add(FullRefresh);
            command.Options.Add(Threads);
            command.Options.Add(FailFast);
            command.Options.Add(StoreFailures);
        }
    }

    public string ProjectDirOf(ParseResult parse) => Path.GetFullPath(parse.GetValue(ProjectDir) ?? Directory.GetCurrentDirectory());

    public DbtRunOptions ToRunOptions(ParseResult parse, DbtCommandKind command, Action<string> log, string? which = null) => new()
    {
        ProjectDir = ProjectDirOf(parse),
        Command = command,
        Which = which,
        ProfilesDir = parse.GetValue(ProfilesDir),
        Target = parse.GetValue(Target),
        VarsYaml = parse.GetValue(Vars),
        Select = SplitTerms(parse.GetValue(Select)),
        Exclude = SplitTerms(parse.GetValue(Exclude)),
        Selector = parse.GetValue(Selector),
        IndirectSelection = IndirectSelectionOf(parse),
        Threads = parse.GetValue(Threads),
        FailFast = parse.GetValue(FailFast),
        StoreFailures = parse.GetValue(StoreFailures),
        FullRefresh = parse.GetValue(FullRefresh),
        StatePath = StatePathOf(parse),
        // dbt's invocation_command: the verb and its arguments as given (wellhouse's verbs are dbt's).
        InvocationCommand = "dbt " + string.Join(" ", parse.Tokens.Select(t => t.Value)),
        Log = log,
        // The application's C# models (decline fits, trendlines); a project uses those its schema files declare.
        CSharpModels = WarehouseModels.ByName,
    };

    /// <summary><c>--state</c>, else the DBT_STATE environment variable (as dbt reads it), else none; relative to the
    /// current directory, as dbt resolves it.</summary>
    public string? StatePathOf(ParseResult parse) =>
        parse.GetValue(State) is { Length: > 0 } state ? Path.GetFullPath(state)
        : Environment.GetEnvironmentVariable("DBT_STATE") is { Length: > 0 } fromEnvironment ? Path.GetFullPath(fromEnvironment) : null;

    /// <summary><c>--indirect-selection</c>, else DBT_INDIRECT_SELECTION (as dbt reads it), else eager.</summary>
    public string IndirectSelectionOf(ParseResult parse) =>
        parse.GetValue(IndirectSelection) ?? (Environment.GetEnvironmentVariable("DBT_INDIRECT_SELECTION") is { Length: > 0 } mode ? mode.ToLowerInvariant() : NodeSelector.Eager);

    /// <summary>dbt takes <c>-s "a b"</c> and <c>-s a b</c> alike: every space-separated term is a union member.</summary>
    private static string[] SplitTerms(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
