using System.Diagnostics;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>The <c>git</c> command line, as dbt's git packages use it (clone, checkout a revision, read the commit).</summary>
internal static class GitClient
{
    /// <summary>Clones <paramref name="url"/> into <paramref name="folder"/> and checks out <paramref name="revision"/>
    /// (a branch, tag or commit; the default branch when null); returns the commit checked out.</summary>
    public static string CloneAt(string url, string? revision, string folder, CancellationToken cancellationToken)
    {
        Run(null, cancellationToken, "clone", "--quiet", "--no-checkout", url, folder);
        Run(folder, cancellationToken, "-c", "advice.detachedHead=false", "checkout", "--quiet", revision ?? "HEAD");
        return Run(folder, cancellationToken, "rev-parse", "HEAD").Trim();
    }

    private static string Run(string? workingDirectory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never ask for credentials on a terminal: fail instead.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PackageInstallException("could not start git");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PackageInstallException("the git command line is needed for git packages and could not be started: " + ex.Message);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                var message = error.GetAwaiter().GetResult().Trim();
                throw new PackageInstallException($"git {arguments.First(a => !a.StartsWith('-') && a != "advice.detachedHead=false")} failed: {(message.Length == 0 ? "exit code " + process.ExitCode : message)}");
            }

            return output.GetAwaiter().GetResult();
        }
    }
}

/// <summary>A package could not be installed; the message says why (caught by the installer and reported as DBT171).</summary>
public sealed class PackageInstallException(string message) : Exception(message);
