using System.CommandLine;
using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Cli;

/// <summary><c>deps</c>: installs packages.yml's packages into dbt_packages/ and writes package-lock.yml, as dbt 1.7+.</summary>
internal static partial class DbtCommands
{
    private static void AddDeps(RootCommand root, DbtOptions options)
    {
        var command = new Command("deps", "Install the packages of packages.yml (or dependencies.yml) and write package-lock.yml.");
        var upgrade = new Option<bool>("--upgrade") { Description = "Resolve packages.yml again even when package-lock.yml matches it." };
        var lockOnly = new Option<bool>("--lock") { Description = "Write package-lock.yml without installing the packages." };
        var addPackage = new Option<string?>("--add-package") { Description = "Add a package to packages.yml first, as name@version (e.g. dbt-labs/dbt_utils@1.3.0; a version range with commas); --source says what the name is." };
        var source = new Option<string>("--source") { Description = "What --add-package names: hub (a hub package, the default), git (a repository URL, the version a revision) or local (a path).", DefaultValueFactory = _ => "hub" };
        source.AcceptOnlyFromAmong("hub", "git", "local");
        command.Options.Add(options.ProjectDir);
        command.Options.Add(options.Vars);

        // Accepted as dbt accepts them (CI scripts pass them to every verb); deps does not read the profile.
        command.Options.Add(options.ProfilesDir);
        command.Options.Add(options.Target);
        command.Options.Add(upgrade);
        command.Options.Add(lockOnly);
        command.Options.Add(addPackage);
        command.Options.Add(source);
        command.SetAction((parse, cancellationToken) =>
        {
            var console = new DbtConsole(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var projectDir = options.ProjectDirOf(parse);
            DepsReport report;
            try
            {
                report = DepsInstaller.Run(
                    new DepsOptions { ProjectDir = projectDir, VarsYaml = parse.GetValue(options.Vars), Upgrade = parse.GetValue(upgrade), LockOnly = parse.GetValue(lockOnly), AddPackage = parse.GetValue(addPackage), Source = parse.GetValue(source)!, Log = console.Line },
                    cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.Error("Cancelled.");
                return Task.FromResult(130);
            }

            Print(report.Diagnostics, projectDir, console);
            return Task.FromResult(report.Success ? 0 : 2);
        });
        root.Subcommands.Add(command);
    }
}
