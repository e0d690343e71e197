using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>Everything the runner needs: the parsed project, what to run, and how.</summary>
internal sealed class RunRequest
{
    public required Manifest Manifest { get; init; }

    public required AdapterTarget Target { get; init; }

    /// <summary>The project directory (seed files are read from <c>Node.OriginalFilePath</c> under it).</summary>
    public required string ProjectDir { get; init; }

    /// <summary>Absolute target path for compiled/ and run/ SQL; null writes no files.</summary>
    public string? TargetPath { get; init; }

    public required IReadOnlyCollection<string> Selected { get; init; }

    public DbtCommandKind Command { get; init; } = DbtCommandKind.Build;

    public INodeCompiler Compiler { get; init; } = PassThroughCompiler.Instance;

    public int Threads { get; init; } = 1;

    /// <summary>dbt_project.yml's <c>query-comment</c> (null: none), with the profile and target its default names.</summary>
    public Project.QueryCommentSetting? QueryComment { get; init; }

    public string ProfileName { get; init; } = string.Empty;

    public string TargetName { get; init; } = string.Empty;

    public bool FailFast { get; init; }

    public bool FullRefresh { get; init; }

    /// <summary><c>--store-failures</c>: the default of tests' <c>store_failures</c>.</summary>
    public bool StoreFailures { get; init; }

    public IReadOnlyDictionary<string, ICSharpModel> CSharpModels { get; init; } = new Dictionary<string, ICSharpModel>();

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    /// <summary>The project's and packages' <c>on-run-start</c> hooks, in the order they run (none for <c>compile</c>).</summary>
    public IReadOnlyList<Project.RunHook> OnRunStart { get; init; } = [];

    /// <summary>The <c>on-run-end</c> hooks, in the order they run.</summary>
    public IReadOnlyList<Project.RunHook> OnRunEnd { get; init; } = [];

    /// <summary>dbt's <c>flags: skip_nodes_if_on_run_start_fails</c>: a failed start hook skips every node.</summary>
    public bool SkipNodesIfOnRunStartFails { get; init; }

    /// <summary>Receives progress lines (dbt's <c>1 of 5 START ...</c>) as they happen; called from one thread at a time.</summary>
    public Action<string>? Log { get; init; }
}
