using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Installed packages (dbt's <c>RuntimeConfig.load_dependencies</c>): every folder of packages-install-path
/// (default <c>dbt_packages</c>) holding a dbt_project.yml is a project of its own, read with the same steps as the
/// root project; the root project is read last so its names win. Vars are scoped per package and dispatch follows
/// the root project's <c>dispatch:</c> config.
/// </summary>
internal sealed partial class ProjectParser
{
    /// <summary>The installed packages in name order, then the root project.</summary>
    private readonly List<PackageProject> packages = [];

    /// <summary>Reads the installed packages; null when one cannot be read or packages.yml lists more than are installed.</summary>
    private List<PackageProject>? LoadPackages(StringRenderer render, IReadOnlyDictionary<string, object?> cliVars)
    {
        var root = current;
        var errorsBefore = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
        var installPath = PackagesInstallPath(rootFile);
        var specs = PackagesFile.Read(projectDir, diagnostics, render);
        if (specs is null)
        {
            return null;
        }

        var installDir = Path.Combine(projectDir, installPath);
        var installed = Directory.Exists(installDir)
            ? Directory.EnumerateDirectories(installDir).Where(d => File.Exists(Path.Combine(d, "dbt_project.yml"))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (specs.Value.Specs.Count > installed.Count)
        {
            // dbt's UninstalledPackagesFoundError; tools that need no profile (clean, docs serve) go on, as dbt's clean does.
            diagnostics.Add(new Diagnostic(
                options.WithoutProfile ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
                DiagnosticCodes.PackagesNotInstalled,
                $"dbt found {specs.Value.Specs.Count} package(s) specified in {specs.Value.File}, but only {installed.Count} package(s) installed in {installPath}. Run \"wellhouse deps\" to install package dependencies.",
                specs.Value.Specs[0].Span));
            if (!options.WithoutProfile)
            {
                return null;
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [rootFile.Name] = "dbt_project.yml" };
        foreach (var dir in installed)
        {
            var prefix = Path.GetRelativePath(projectDir, dir).Replace('\\', '/') + "/";
            var packageFile = DbtProjectReader.Read(dir, diagnostics, render, prefix);
            if (packageFile is null)
            {
                continue;
            }

            if (names.TryGetValue(packageFile.Name, out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"two projects are named '{packageFile.Name}': {first} and {prefix}dbt_project.yml", new SourceSpan(prefix + "dbt_project.yml", 1, 1));
                continue;
            }

            names[packageFile.Name] = prefix + "dbt_project.yml";
            packages.Add(new PackageProject { File = packageFile, Prefix = prefix });
        }

        packages.Add(root);
        return diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore ? null : packages;
    }

    /// <summary>A renderer for dbt_project.yml and packages.yml strings (env_var, var) outside a project load, for deps.</summary>
    internal static StringRenderer BootstrapRenderer(IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, object?> vars) =>
        Renderer(new RenderServices
        {
            ProjectName = "project",
            Target = new ProfileTarget { Name = "default", ProfileName = "default" },
            Vars = vars,
            Environment = environment,
            Templates = new ProjectTemplates(),
            Manifest = new Graph.Manifest { ProjectName = "project" },
        });

    internal static string PackagesInstallPath(DbtProjectFile file) =>
        (file.Raw.GetValueOrDefault("packages-install-path") as string ?? "dbt_packages").Replace('\\', '/').TrimEnd('/');

    /// <summary>Runs <paramref name="step"/> for each package, then the root project (whose names then win).</summary>
    private void ForEachPackage(Action step)
    {
        try
        {
            foreach (var package in packages)
            {
                current = package;
                step();
            }
        }
        finally
        {
            current = packages[^1];
        }
    }

    private PackageProject PackageOf(string packageName) => packages.Find(p => p.Name == packageName) ?? packages[^1];

    /// <summary>
    /// dbt's vars for a node of a package (<c>ModelConfiguredVar</c>): the package's own dbt_project.yml vars, then
    /// the root project's global vars and its <c>vars: {package: {...}}</c> block, then <c>--vars</c>.
    /// </summary>
    private void SetPackageVars(IReadOnlyDictionary<string, object?> cliVars)
    {
        var rootVars = rootFile.Raw.GetValueOrDefault("vars") as Dictionary<string, object?> ?? [];
        foreach (var package in packages.Where(p => !p.IsRoot))
        {
            var vars = new Dictionary<string, object?>(package.File.Vars, StringComparer.Ordinal);
            foreach (var (key, value) in rootVars.Where(p => p.Key != rootFile.Name))
            {
                vars[key] = value;
            }

            foreach (var (key, value) in rootVars.GetValueOrDefault(package.Name) as Dictionary<string, object?> ?? [])
            {
                vars[key] = value;
            }

            foreach (var (key, value) in cliVars)
            {
                vars[key] = value;
            }

            services.PackageVars[package.Name] = vars;
        }
    }

    /// <summary>The root project's <c>dispatch:</c> list: macro_namespace -> search_order.</summary>
    private Dictionary<string, IReadOnlyList<string>> DispatchOrder(DbtProjectFile project)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (project.Raw.GetValueOrDefault("dispatch") is not { } dispatch)
        {
            return result;
        }

        var span = new SourceSpan("dbt_project.yml", 1, 1);
        if (dispatch is not List<object?> entries)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "'dispatch' must be a list of {macro_namespace, search_order}", span);
            return result;
        }

        foreach (var entry in entries)
        {
            if (entry is Dictionary<string, object?> map && map.GetValueOrDefault("macro_namespace") is string ns
                && map.GetValueOrDefault("search_order") is List<object?> order && order.All(o => o is string))
            {
                result[ns] = order.Cast<string>().ToList();
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, "each 'dispatch' entry needs 'macro_namespace' (a string) and 'search_order' (a list of package names)", span);
            }
        }

        return result;
    }
}
