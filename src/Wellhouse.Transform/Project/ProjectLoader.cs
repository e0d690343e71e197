using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Loads a dbt project: dbt_project.yml, profiles.yml, macros, docs, schema files, models (SQL and C#), seeds,
/// singular and generic tests; renders every node once (execute = false) to find its refs, sources and config; builds
/// the graph. Every problem is collected as a <see cref="Diagnostic"/>; loading fails when any is an error.
/// </summary>
public static class ProjectLoader
{
    public static ProjectLoadResult Load(ProjectLoadOptions options)
    {
        var parser = new ProjectParser(options);
        try
        {
            return parser.Run();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException or FormatException or OverflowException or NullReferenceException or IOException or UnauthorizedAccessException)
        {
            // Bad input must never end in a stack trace: report what was collected plus the unexpected failure.
            return parser.Fail(new Diagnostic(DiagnosticSeverity.Error, "DBT199", "could not load the project: " + ex.Message, new SourceSpan("dbt_project.yml", 0, 0)));
        }
    }

    /// <summary>
    /// Only the profile target the project would build on (dbt_project.yml, --vars and profiles.yml, rendered with
    /// <see cref="ProjectLoadOptions.Environment"/>), without reading models: for an application that needs to know the
    /// engine and its connection before it builds. Null with the diagnostics when the project or profile is wrong.
    /// </summary>
    public static (ProfileTarget? Target, IReadOnlyList<Diagnostic> Diagnostics) LoadTarget(ProjectLoadOptions options)
    {
        var parser = new ProjectParser(options);
        try
        {
            return parser.RunTarget();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException or FormatException or OverflowException or NullReferenceException or IOException or UnauthorizedAccessException)
        {
            return (null, parser.Fail(new Diagnostic(DiagnosticSeverity.Error, "DBT199", "could not read the profile target: " + ex.Message, new SourceSpan("dbt_project.yml", 0, 0))).Diagnostics);
        }
    }
}

/// <summary>One run of the loader; the steps live in partial files by concern.</summary>
internal sealed partial class ProjectParser
{
    private readonly ProjectLoadOptions options;
    private readonly DiagnosticBag diagnostics = new();
    private readonly string projectDir;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly Dictionary<string, List<(RefCall Call, SourceSpan Span)>> refSpans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string[] Call, SourceSpan Span)>> sourceSpans = new(StringComparer.Ordinal);
    private DbtProjectFile rootFile = null!;
    private PackageProject current = null!;
    private RenderServices services = null!;
    private DbtContext context = null!;
    private Manifest manifest = null!;
    private readonly List<RunHook> runHooks = [];
    private RelationQuoting? projectQuoting;

    /// <summary>Python models found (not built, DBT180): name -> file, so a ref to one says why it is missing.</summary>
    private readonly Dictionary<string, string> pythonModels = new(StringComparer.Ordinal);

    public ProjectParser(ProjectLoadOptions options)
    {
        this.options = options;
        projectDir = Path.GetFullPath(options.ProjectDir);
        environment = options.Environment ?? ReadEnvironment();
    }

    private ProjectTemplates Templates => services.Templates;

    /// <summary>The project being read: the root project or an installed package (see ProjectParser.Packages.cs).</summary>
    private DbtProjectFile file => current.File;

    private SchemaFiles schema => current.Schema;

    /// <summary>The first steps of <see cref="Run"/>: the project file, the vars and the profile target.</summary>
    public (ProfileTarget? Target, IReadOnlyList<Diagnostic> Diagnostics) RunTarget()
    {
        var (target, _, _, _) = ReadProjectAndTarget();
        return (diagnostics.HasErrors ? null : target, diagnostics.Items);
    }

    private (ProfileTarget? Target, Dictionary<string, object?> Vars, Dictionary<string, object?> CliVars, RenderServices Bootstrap) ReadProjectAndTarget()
    {
        var cliVars = ReadCliVars();
        var bootstrap = CreateServices(new ProfileTarget { Name = "default", ProfileName = "default" }, cliVars ?? [], new ProjectTemplates(), "project");
        var projectFile = DbtProjectReader.Read(projectDir, diagnostics, Renderer(bootstrap));
        if (projectFile is null || cliVars is null)
        {
            return (null, [], [], bootstrap);
        }

        rootFile = projectFile;
        current = new PackageProject { File = projectFile, Prefix = string.Empty };
        var vars = new Dictionary<string, object?>(file.Vars, StringComparer.Ordinal);
        foreach (var (key, value) in cliVars)
        {
            vars[key] = value;
        }

        return (ReadTarget(vars), vars, cliVars, bootstrap);
    }

    public ProjectLoadResult Run()
    {
        var (target, vars, cliVars, bootstrap) = ReadProjectAndTarget();
        if (target is null)
        {
            return Fail();
        }

        var packages = LoadPackages(Renderer(bootstrap), cliVars);
        if (packages is null)
        {
            return Fail();
        }

        services = CreateServices(target, vars, new ProjectTemplates(), file.Name);
        services.Dispatch = DispatchOrder(rootFile);
        context = new DbtContext(services, null, options.Which);
        manifest = services.Manifest;
        SetPackageVars(cliVars);

        LoadBuiltinMacros();
        ForEachPackage(LoadMacros);
        WarnUnusedMaterializations();
        ForEachPackage(LoadRunHooks);
        ForEachPackage(() =>
        {
            LoadDocs();
            LoadSchemaFiles();
            LoadSources();
            LoadModels();
            ApplyVersions();
            LoadSeeds();
            LoadSnapshots();
            LoadAnalyses();
            LoadExposures();
            LoadSemanticResources();
            LoadGroups();
            LoadSingularTests();
        });
        ParseNodes();
        ForEachPackage(ApplyPatches);
        ForEachPackage(LoadGenericTests);
        ForEachPackage(LoadUnitTests);
        RemoveDisabled();
        CheckGroupsAndAccess();
        ResolveDependencies();
        WarnDeprecations();
        ResolveConstraintTargets();
        ResolveExposures();
        ResolveSemanticResources();
        ValidateSemanticManifest();
        var graph = BuildGraph();
        var selectors = SelectorsFileReader.Read(projectDir, diagnostics, Renderer(bootstrap));
        RenderDescriptions();
        services.Graph = new(() => GraphGlobal.Build(manifest), LazyThreadSafetyMode.ExecutionAndPublication);

        if (diagnostics.HasErrors)
        {
            return Fail();
        }

        var project = new LoadedProject
        {
            ProjectDir = projectDir,
            Name = file.Name,
            TargetPath = Path.GetFullPath(Path.Combine(projectDir, file.TargetPath)),
            Target = target,
            Manifest = manifest,
            Vars = vars,
            ProjectFile = rootFile,
            Graph = graph,
            CSharpModels = manifest.Nodes.Values.Where(n => n.Language == "csharp").ToDictionary(n => n.UniqueId, n => options.CSharpModels[n.Name], StringComparer.Ordinal),
            InvocationId = services.InvocationId,
            RunStartedAt = services.RunStartedAt,
            Services = services,
            RunHooks = runHooks,
            Selectors = selectors,
        };
        return new ProjectLoadResult { Project = project, Diagnostics = diagnostics.Items };
    }

    private ProjectLoadResult Fail() => new() { Diagnostics = diagnostics.Items };

    /// <summary>The project's <c>on-run-start</c> and <c>on-run-end</c> statements (rendered when a run starts or ends).</summary>
    private void LoadRunHooks()
    {
        foreach (var (kind, statements) in new[] { (RunHook.Start, file.OnRunStart), (RunHook.End, file.OnRunEnd) })
        {
            var span = file.KeySpans.GetValueOrDefault(kind);
            for (var i = 0; i < statements.Count; i++)
            {
                runHooks.Add(new RunHook(file.Name, kind, i, statements[i], span));
            }
        }
    }

    public ProjectLoadResult Fail(Diagnostic diagnostic)
    {
        diagnostics.Add(diagnostic);
        return Fail();
    }

    private RenderServices CreateServices(ProfileTarget target, IReadOnlyDictionary<string, object?> vars, ProjectTemplates templates, string name) => new()
    {
        ProjectName = name,
        Target = target,
        Vars = vars,
        Environment = environment,
        Templates = templates,
        Manifest = new Manifest { ProjectName = name },
    };

    private ProfileTarget? ReadTarget(IReadOnlyDictionary<string, object?> vars)
    {
        if (options.WithoutProfile)
        {
            return new ProfileTarget { Name = options.Target ?? "default", ProfileName = file.Profile ?? file.Name };
        }

        var profileSpan = file.ProfileSpan;
        if (file.Profile is null)
        {
            diagnostics.Error(DiagnosticCodes.MissingProfile, "dbt_project.yml does not name a 'profile'", profileSpan);
            return null;
        }

        var profileServices = CreateServices(new ProfileTarget { Name = "default", ProfileName = file.Profile }, vars, new ProjectTemplates(), file.Name);
        return ProfilesReader.Read(projectDir, options.ProfilesDir, file.Profile, options.Target, profileSpan, diagnostics, Renderer(profileServices), environment);
    }

    /// <summary>Renders a YAML string with the dbt context of <paramref name="renderServices"/> (no node).</summary>
    private static StringRenderer Renderer(RenderServices renderServices)
    {
        var renderContext = new DbtContext(renderServices, null);
        return (text, span) =>
        {
            try
            {
                var template = renderServices.Templates.Environment.Parse(text, span.File);
                return template.Render(renderContext.CreateGlobals(new RenderState(null, RenderPhase.Parse)));
            }
            catch (Jinja.JinjaException ex)
            {
                throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, ex.Code, ex.Message, span));
            }
            catch (DiagnosticException ex)
            {
                throw new DiagnosticException(ex.Diagnostic with { Span = span });
            }
        };
    }

    private Dictionary<string, object?>? ReadCliVars()
    {
        if (string.IsNullOrWhiteSpace(options.VarsYaml))
        {
            return [];
        }

        var bag = new DiagnosticBag();
        var root = YamlFile.ParseMapping(options.VarsYaml, "--vars", bag, allowEmpty: true);
        foreach (var item in bag.Items)
        {
            diagnostics.Add(item with { Code = DiagnosticCodes.BadVars, Message = "--vars must be a YAML mapping: " + item.Message });
        }

        return root is null ? null : YamlFile.ToValue(root) as Dictionary<string, object?>;
    }

    internal static Dictionary<string, string> ReadEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return result;
    }
}
