using System.Collections.Concurrent;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// The parsed Jinja of a project, kept for compilation: one environment, the macros callable by name (project
/// macros win over the built-in ones of the same name), each node's template and the docs blocks.
/// </summary>
internal sealed class ProjectTemplates
{
    public ProjectTemplates() => DbtFilters.AddTo(Environment);

    public JinjaEnvironment Environment { get; } = new();

    /// <summary>The root project's flat namespace: macros by name, a root project macro replacing a built-in one.</summary>
    public Dictionary<string, MacroEntry> Macros { get; } = new(StringComparer.Ordinal);

    /// <summary>Every macro by package (<c>dbt</c> for the built-in ones), then by name.</summary>
    public Dictionary<string, Dictionary<string, MacroEntry>> PackageMacros { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a macro to its package; a built-in or root project macro also to <see cref="Macros"/>.</summary>
    public void AddMacro(MacroEntry entry, bool root)
    {
        if (!PackageMacros.TryGetValue(entry.PackageName, out var package))
        {
            PackageMacros[entry.PackageName] = package = new Dictionary<string, MacroEntry>(StringComparer.Ordinal);
        }

        package[entry.Macro.Name] = entry;
        if (root || entry.PackageName == BuiltinPackage)
        {
            Macros[entry.Macro.Name] = entry;
        }
    }

    /// <summary>The package name of the built-in macros (dbt's global project).</summary>
    public const string BuiltinPackage = "dbt";

    /// <summary>Parsed raw code by node unique id.</summary>
    public Dictionary<string, JinjaTemplate> NodeTemplates { get; } = new(StringComparer.Ordinal);

    /// <summary>Small generated templates (test calls, test arguments), parsed once by text.</summary>
    private ConcurrentDictionary<string, JinjaTemplate> Snippets { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="text"/> once per distinct text (the first file name is kept for errors).</summary>
    public JinjaTemplate Parse(string text, string file) => Snippets.GetOrAdd(text, (t, f) => Environment.Parse(t, f), file);

    /// <summary>The <c>{% materialization %}</c> blocks of the project and its packages, in load order.</summary>
    public List<MaterializationEntry> Materializations { get; } = [];

    /// <summary>Docs block bodies by name.</summary>
    public Dictionary<string, string> Docs { get; } = new(StringComparer.Ordinal);
}

/// <summary>A macro with the package it belongs to (<c>dbt</c> for the built-in ones).</summary>
internal sealed record MacroEntry(JinjaMacro Macro, string PackageName, string UniqueId);

/// <summary>A <c>{% materialization %}</c> block with its macro and package.</summary>
internal sealed record MaterializationEntry(JinjaMaterializationBlock Block, MacroEntry Macro)
{
    public string PackageName => Macro.PackageName;
}
