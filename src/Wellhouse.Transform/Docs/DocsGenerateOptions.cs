using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Docs;

/// <summary>What <see cref="DocsGenerator"/> takes: dbt's <c>docs generate</c> flags.</summary>
public sealed class DocsGenerateOptions
{
    public required string ProjectDir { get; init; }

    public string? ProfilesDir { get; init; }

    public string? Target { get; init; }

    /// <summary><c>--vars</c>: a YAML mapping.</summary>
    public string? VarsYaml { get; init; }

    /// <summary>Nodes to compile and to put in the catalog (dbt 1.7+ limits the catalog to the selection); the site
    /// always shows the whole project.</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary><c>--no-compile</c>: skip compilation; manifest.json is written from the parse alone.</summary>
    public bool NoCompile { get; init; }

    public IReadOnlyDictionary<string, ICSharpModel> CSharpModels { get; init; } = new Dictionary<string, ICSharpModel>(StringComparer.Ordinal);

    public Action<string>? Log { get; init; }

    /// <summary>Environment for <c>env_var()</c>; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
