using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's <c>invocation_args_dict</c> and run_results.json's <c>args</c> (dbt-core 1.10's <c>args_to_dict</c> of the
/// command's flags): every option the verb takes, global ones included, with the value given or its default, by
/// dbt's lower-case flag names; then dbt leaves out what is unset (None), the false values of <c>debug</c>,
/// <c>full_refresh</c>, <c>fail_fast</c>, <c>warn_error</c>, <c>single_threaded</c>, <c>log_cache_events</c>,
/// <c>store_failures</c> and <c>use_experimental_parser</c>, and adds <c>which</c>, <c>invocation_command</c>,
/// <c>log_path</c> and the project's behaviour flags. A dbt_project.yml <c>flags:</c> value replaces a default, as in
/// dbt (a flag given on the command line wins). Lists are lists, numbers integers, <c>vars</c> the parsed mapping.
/// Options the engine has no counterpart for hold dbt's defaults (<c>log_level: info</c>, <c>partial_parse: true</c>,
/// <c>printer_width: 80</c>, ...).
/// </summary>
internal static class InvocationArgs
{
    /// <summary>dbt 1.10's behaviour flags (<c>ProjectFlags.project_only_flags</c>) with their defaults.</summary>
    private static readonly (string Name, bool Default)[] BehaviourFlags =
    [
        ("require_batched_execution_for_custom_microbatch_strategy", false),
        ("require_explicit_package_overrides_for_builtin_materializations", true),
        ("require_resource_names_without_spaces", true),
        ("source_freshness_run_project_hooks", true),
        ("skip_nodes_if_on_run_start_fails", false),
        ("state_modified_compare_more_unrendered_values", false),
        ("state_modified_compare_vars", false),
        ("require_yaml_configuration_for_mf_time_spines", false),
        ("require_nested_cumulative_type_params", false),
        ("validate_macro_args", false),
        ("require_all_warnings_handled_by_warn_error", false),
        ("require_generic_test_arguments_property", true),
    ];

    /// <summary>Global options a dbt_project.yml <c>flags:</c> may set (dbt's <c>ProjectFlags</c>), by name.</summary>
    private static readonly HashSet<string> ProjectSettable = new(StringComparer.Ordinal)
    {
        "cache_selected_only", "debug", "fail_fast", "indirect_selection", "log_format", "log_format_file", "log_level",
        "log_level_file", "partial_parse", "populate_cache", "printer_width", "send_anonymous_usage_stats",
        "static_parser", "use_colors", "use_colors_file", "use_experimental_parser", "version_check", "warn_error",
        "warn_error_options", "write_json",
    };

    /// <summary>The false values dbt's <c>args_to_dict</c> leaves out.</summary>
    private static readonly HashSet<string> DefaultFalse = new(StringComparer.Ordinal)
    {
        "debug", "full_refresh", "fail_fast", "warn_error", "single_threaded", "log_cache_events", "store_failures", "use_experimental_parser",
    };

    /// <summary>The dictionary for <paramref name="which"/> (dbt's verb name: <c>build</c>, <c>run</c>, <c>test</c>,
    /// <c>seed</c>, <c>snapshot</c>, <c>compile</c>, <c>show</c>, <c>run-operation</c>); <paramref name="extra"/> adds
    /// what only that verb has (<c>macro</c> and <c>args</c>, <c>inline</c> and <c>limit</c>).</summary>
    public static Dictionary<string, object?> For(LoadedProject project, DbtRunOptions options, string which, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            // The global options of every verb (dbt's cli group and global_flags).
            ["show_resource_report"] = false,
            ["cache_selected_only"] = false,
            ["debug"] = false,
            ["defer"] = false,
            ["fail_fast"] = options.FailFast,
            ["favor_state"] = false,
            ["indirect_selection"] = options.IndirectSelection,
            ["log_cache_events"] = false,
            ["log_file_max_bytes"] = 10L * 1024 * 1024,
            ["log_format"] = "default",
            ["log_format_file"] = "debug",
            ["log_level"] = "info",
            ["log_level_file"] = "debug",
            ["macro_debugging"] = false,
            ["partial_parse"] = true,
            ["partial_parse_file_diff"] = true,
            ["populate_cache"] = true,
            ["print"] = true,
            ["printer_width"] = 80L,
            ["quiet"] = false,
            ["send_anonymous_usage_stats"] = true,
            ["single_threaded"] = false,
            ["show_all_deprecations"] = false,
            ["state"] = options.StatePath,
            ["static_parser"] = true,
            ["target"] = options.Target,
            ["use_colors"] = true,
            ["use_colors_file"] = true,
            ["use_experimental_parser"] = false,
            ["version_check"] = true,
            ["warn_error_options"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = new List<object?>(), ["warn"] = new List<object?>(), ["silence"] = new List<object?>() },
            ["write_json"] = true,
            ["use_fast_test_edges"] = false,
            ["upload_to_artifacts_ingest_api"] = false,

            // dbt's Flags defaults for what no option of the verb sets.
            ["strict_mode"] = false,
            ["introspect"] = true,
            ["full_refresh"] = false,
            ["store_failures"] = false,
        };

        // Every verb's own options.
        args["profiles_dir"] = Path.GetDirectoryName(ProfilesReader.FindProfilesFile(project.ProjectDir, options.ProfilesDir)) ?? project.ProjectDir;
        args["project_dir"] = project.ProjectDir;
        args["vars"] = Vars(options.VarsYaml);
        args["target_path"] = options.TargetPath;
        args["threads"] = options.Threads is { } threads ? (long)threads : null;
        if (which != "run-operation")
        {
            args["select"] = options.Select.Cast<object?>().ToList();
            args["exclude"] = options.Exclude.Cast<object?>().ToList();
            args["selector"] = options.Selector;
        }

        switch (which)
        {
            case "build":
                args["empty"] = false;
                args["export_saved_queries"] = false;
                args["include_saved_query"] = false;
                args["resource_types"] = new List<object?>();
                args["exclude_resource_types"] = new List<object?>();
                args["show"] = false;
                args["full_refresh"] = options.FullRefresh;
                args["store_failures"] = options.StoreFailures;
                break;
            case "run":
                args["empty"] = false;
                args["full_refresh"] = options.FullRefresh;
                break;
            case "test":
                args["resource_types"] = new List<object?>();
                args["exclude_resource_types"] = new List<object?>();
                args["store_failures"] = options.StoreFailures;
                break;
            case "seed":
                args["show"] = false;
                args["full_refresh"] = options.FullRefresh;
                break;
            case "snapshot":
                args["empty"] = false;
                break;
            case "compile":
                args["output"] = "text";
                args["empty"] = false;
                args["inject_ephemeral_ctes"] = true;
                args["full_refresh"] = options.FullRefresh;
                break;
            case "show":
                args["output"] = "text";
                args["limit"] = 5L;
                args["full_refresh"] = options.FullRefresh;
                break;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            args[key] = value;
        }

        var flags = project.ProjectFile.Raw.GetValueOrDefault("flags") as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in flags)
        {
            // A flags: value replaces a default, never a value given on the command line.
            if (value is not null && ProjectSettable.Contains(key) && !GivenOnCommandLine(key, options))
            {
                args[key] = value;
            }
        }

        foreach (var (name, fallback) in BehaviourFlags)
        {
            args[name] = flags.GetValueOrDefault(name) is bool set ? set : fallback;
        }

        if (Environment.GetEnvironmentVariable("DO_NOT_TRACK")?.ToLowerInvariant() is "1" or "t" or "true" or "y" or "yes")
        {
            args["send_anonymous_usage_stats"] = false;
        }

        args["which"] = which;
        args["invocation_command"] = options.InvocationCommand ?? "dbt " + which;
        args["log_path"] = Path.Combine(project.ProjectDir, project.ProjectFile.Raw.GetValueOrDefault("log-path") as string ?? "logs");

        return args.Where(a => a.Value is not null && !(a.Value is false && DefaultFalse.Contains(a.Key)))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    private static bool GivenOnCommandLine(string key, DbtRunOptions options) => key switch
    {
        "fail_fast" => options.FailFast,
        "indirect_selection" => options.IndirectSelection != Graph.NodeSelector.Eager,
        _ => false,
    };

    /// <summary><c>--vars</c> as dbt's YAML option type gives it: the parsed mapping ({} when none).</summary>
    private static Dictionary<string, object?> Vars(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        var root = YamlFile.ParseMapping(yaml, "--vars", new DiagnosticBag());
        return root is not null && YamlFile.ToValue(root) is Dictionary<string, object?> vars ? vars : new Dictionary<string, object?>(StringComparer.Ordinal);
    }
}
