using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Project;

/// <summary>Finding files, and reading macros, docs blocks and schema files.</summary>
internal sealed partial class ProjectParser
{
    /// <summary>Files under each folder of <paramref name="roots"/> with one of the extensions, as (folder, path relative to the project) in a stable order.</summary>
    private IEnumerable<(string Root, string Relative)> FindFiles(IEnumerable<string> roots, params string[] extensions)
    {
        foreach (var root in roots.Distinct(StringComparer.Ordinal))
        {
            var full = Path.Combine(projectDir, current.Prefix + root);
            if (!Directory.Exists(full))
            {
                continue;
            }

            var ignore = IgnoreOf(current);
            foreach (var path in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (!extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var relative = Path.GetRelativePath(projectDir, path).Replace('\\', '/');
                if (ignore is not null && ignore.Ignores(current.PackageRelative(relative)))
                {
                    continue;
                }

                yield return (current.Prefix + root.Replace('\\', '/').TrimEnd('/'), relative);
            }
        }
    }

    private string? ReadText(string relative)
    {
        try
        {
            return File.ReadAllText(Path.Combine(projectDir, relative));
        }
        catch (IOException ex)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"cannot read file: {ex.Message}", new SourceSpan(relative, 0, 0));
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"cannot read file: {ex.Message}", new SourceSpan(relative, 0, 0));
            return null;
        }
    }

    private JinjaTemplate? ParseTemplate(string text, string relative)
    {
        try
        {
            return Templates.Environment.Parse(text, relative);
        }
        catch (JinjaException ex)
        {
            diagnostics.Error(ex.Code, ex.Message, ex.Span.File.Length == 0 ? new SourceSpan(relative, 0, 0) : ex.Span);
            return null;
        }
    }

    private void LoadBuiltinMacros()
    {
        foreach (var (path, text) in BuiltinMacros.Files())
        {
            var template = Templates.Environment.Parse(text, path);
            foreach (var macro in template.Macros)
            {
                Templates.AddMacro(new MacroEntry(macro, "dbt", "macro.dbt." + macro.Name), root: false);
                manifest.Macros["macro.dbt." + macro.Name] = new MacroDefinition("macro.dbt." + macro.Name, macro.Name, "dbt", path, MacroText(text, template, macro));
            }
        }
    }

    /// <summary>The macros of the current package: macro-paths and <c>&lt;test-path&gt;/generic/</c>.</summary>
    private void LoadMacros()
    {
        var genericTestFolders = file.TestPaths.Select(p => p.TrimEnd('/') + "/generic");
        var defined = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var (_, relative) in FindFiles(file.MacroPaths.Concat(genericTestFolders), ".sql"))
        {
            var text = ReadText(relative);
            var template = text is null ? null : ParseTemplate(text, relative);
            if (template is null)
            {
                continue;
            }

            foreach (var macro in template.Macros)
            {
                if (defined.TryGetValue(macro.Name, out var first))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateName, $"macro '{macro.Name}' is defined twice (first at {first})", macro.Span);
                    continue;
                }

                defined[macro.Name] = macro.Span;
                var id = $"macro.{file.Name}.{macro.Name}";
                Templates.AddMacro(new MacroEntry(macro, file.Name, id), current.IsRoot);
                manifest.Macros[id] = new MacroDefinition(id, macro.Name, file.Name, current.PackageRelative(relative), MacroText(text!, template, macro));
            }

            foreach (var block in template.Materializations.Where(b => defined[b.Macro.Name] == b.Macro.Span))
            {
                Templates.Materializations.Add(new MaterializationEntry(block, new MacroEntry(block.Macro, file.Name, $"macro.{file.Name}.{block.Macro.Name}")));
            }
        }
    }

    /// <summary>Resource types dbt builds with a materialization a project may replace, which the engine builds itself
    /// whatever the project says (a project's seed and test materializations are run, Execution/CustomMaterializer).</summary>
    private static readonly Dictionary<string, string> EngineMaterializations = new(StringComparer.Ordinal)
    {
        ["snapshot"] = "snapshots", ["unit"] = "unit tests",
    };

    /// <summary>
    /// dbt lets the root project replace the snapshot and unit materializations (a package may not, as dbt 1.8+'s
    /// require_explicit_package_overrides_for_builtin_materializations); the engine cannot run those, so such a block of
    /// the root project for this adapter (or <c>default</c>) is a DBT180 warning at its line (and each snapshot it
    /// would build fails saying so; unit tests run with the engine's own).
    /// </summary>
    private void WarnUnusedMaterializations()
    {
        foreach (var entry in Templates.Materializations.Where(m => m.Macro.PackageName == rootFile.Name))
        {
            var block = entry.Block;
            if (EngineMaterializations.TryGetValue(block.Name, out var what) && (block.Adapter == "default" || block.Adapter == services.Target.Type))
            {
                var effect = block.Name == "snapshot" ? "each snapshot fails saying so" : "the engine builds them with its own, as dbt's default one does";
                diagnostics.Warning(DiagnosticCodes.NotSupported, $"materialization '{block.Name}' (adapter '{block.Adapter}') replaces dbt's materialization of {what}, which the engine cannot run yet: {effect}", block.Span);
            }
        }
    }

    /// <summary>The text of one macro: from its line to the line before the next macro of the file.</summary>
    private static string MacroText(string text, JinjaTemplate template, JinjaMacro macro)
    {
        if (template.Macros.Count == 1)
        {
            return text;
        }

        var lines = text.Split('\n');
        var index = template.Macros.ToList().IndexOf(macro);
        var start = Math.Max(0, macro.Span.Line - 1);
        var end = index + 1 < template.Macros.Count ? Math.Max(start, template.Macros[index + 1].Span.Line - 1) : lines.Length;
        return string.Join('\n', lines[start..end]).TrimEnd() + "\n";
    }

    private readonly Dictionary<string, DbtIgnore?> ignores = new(StringComparer.Ordinal);

    /// <summary>
    /// The package's <c>.dbtignore</c> (<see cref="DbtIgnore"/>), read once: as dbt, every file the loader looks for
    /// (macros, models, seeds, snapshots, analyses, tests, docs, schema files, unit test fixtures) whose path relative
    /// to the package's folder it matches is skipped, the root project's and each package's by its own file. A
    /// pattern that cannot be read is a DBT102 warning at its line.
    /// </summary>
    private DbtIgnore? IgnoreOf(PackageProject package)
    {
        if (!ignores.TryGetValue(package.Prefix, out var ignore))
        {
            var relative = package.Prefix + DbtIgnore.FileName;
            ignore = DbtIgnore.Load(Path.Combine(projectDir, package.Prefix), (line, text) =>
                diagnostics.Warning(DiagnosticCodes.InvalidValue, $"'{text.Trim()}' is not a pattern .dbtignore can use (an invalid character set); it is ignored", new SourceSpan(relative, line, 1)));
            ignores[package.Prefix] = ignore is { IsEmpty: false } ? ignore : null;
        }

        return ignore;
    }

    private void LoadDocs()
    {
        var defined = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        foreach (var (_, relative) in FindFiles(file.EffectiveDocsPaths, ".md"))
        {
            var text = ReadText(relative);
            if (text is null || !text.Contains("{%", StringComparison.Ordinal))
            {
                continue;
            }

            var template = ParseTemplate(text, relative);
            foreach (var block in template?.DocsBlocks ?? [])
            {
                if (defined.TryGetValue(block.Name, out var first))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateName, $"docs block '{block.Name}' is defined twice (first at {first})", block.Span);
                    continue;
                }

                defined[block.Name] = block.Span;
                // dbt strips the block's contents (core/dbt/parser/docs.py).
                var body = block.Body.Trim();
                Templates.Docs[block.Name] = body;
                var id = $"doc.{file.Name}.{block.Name}";
                manifest.Docs[id] = new DocDefinition(id, block.Name, file.Name, current.PackageRelative(relative), body);
            }
        }
    }

    private void LoadSchemaFiles()
    {
        var reader = new SchemaYmlReader(diagnostics, RenderYamlText);
        var roots = file.ModelPaths.Concat(file.SeedPaths).Concat(file.TestPaths).Concat(file.MacroPaths).Concat(file.SnapshotPaths).Concat(file.AnalysisPaths);
        foreach (var (_, relative) in FindFiles(roots, ".yml", ".yaml"))
        {
            var text = ReadText(relative);
            if (text is not null)
            {
                reader.Read(text, relative, schema);
            }
        }

        var seen = new Dictionary<(string, string, object?), SourceSpan>();
        foreach (var entry in schema.Entries)
        {
            if (seen.TryGetValue((entry.Kind, entry.Name, entry.Version), out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"{entry.Kind[..^1]} '{entry.Name}' is described twice in schema files (first at {first})", entry.Span);
            }
            else
            {
                seen[(entry.Kind, entry.Name, entry.Version)] = entry.Span;
            }
        }
    }
}
