using System.Diagnostics;

namespace Wellhouse.Tests.Api;

/// <summary>
/// Storage faults for real, on a folder of the test: a small tmpfs mounted over it (a disk that fills up), or the folder
/// made read-only (a read-only bind mount over itself as root, who ignores permission bits; chmod a-w otherwise).
/// Mounting needs root with CAP_SYS_ADMIN, as the tests run in the project's container and CI; elsewhere
/// <see cref="Tmpfs"/> returns null and the test says so (Assert.Skip). Dispose undoes it.
/// </summary>
internal sealed class ScratchMount : IDisposable
{
    private readonly string _path;
    private readonly bool _mounted;

    private ScratchMount(string path, bool mounted)
    {
        _path = path;
        _mounted = mounted;
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A tmpfs of <paramref name="bytes"/> over the (empty) folder, or null when this process may not mount.</summary>
    public static ScratchMount? Tmpfs(string path, long bytes) =>
        IsRoot && Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", path) ? new ScratchMount(path, mounted: true) : null;

    /// <summary>The folder, as it is, made read-only for this process.</summary>
    public static ScratchMount ReadOnly(string path)
    {
        if (IsRoot)
        {
            Assert.True(Run("mount", "--bind", path, path), "mount --bind");
            Assert.True(Run("mount", "-o", "remount,bind,ro", path), "mount -o remount,bind,ro");
            return new ScratchMount(path, mounted: true);
        }

        Assert.True(Run("chmod", "-R", "a-w", path), "chmod -R a-w");
        return new ScratchMount(path, mounted: false);
    }

    /// <summary>Writes into the folder until its file system is full; returns the filler file.</summary>
    public static string Fill(string path)
    {
        var filler = Path.Combine(path, "filler");
        var chunk = new byte[1 << 20];
        try
        {
            using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write);
            while (true)
            {
                stream.Write(chunk);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            return filler;
        }
    }

    public void Dispose()
    {
        if (_mounted)
        {
            Run("umount", "-l", _path);
        }
        else
        {
            Run("chmod", "-R", "u+w", _path);
        }
    }

    private static bool Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
