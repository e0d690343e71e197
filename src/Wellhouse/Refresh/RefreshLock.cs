using Wellhouse.Hosting;

namespace Wellhouse.Refresh;

/// <summary>
/// <c>refresh.lock</c>: an exclusive lock (flock(2), which .NET takes when a file is opened with FileShare.None) held by
/// the process that refreshes, the server or <c>wellhouse refresh</c>, for the whole run. The kernel releases it when
/// its process dies, so a free lock also means that no live process is building: recovery takes it before it deletes
/// an unfinished build's files or marks a run abandoned.
/// </summary>
internal sealed class RefreshLock(DataDirectory data)
{
    /// <summary>
    /// The lock, or null when another holder has it (another process, or this process's own refresh). Any other failure
    /// (a read-only or full file system, no permission) throws: that is not contention and must not be reported as one.
    /// </summary>
    public FileStream? TryAcquire()
    {
        Directory.CreateDirectory(data.Root);
        try
        {
            return new FileStream(data.RefreshLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (IsHeld(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the open failed because the lock is held: on Unix .NET reports flock's EWOULDBLOCK as an IOException whose
    /// HResult is the errno (11 on Linux, 35 on macOS); on Windows as a sharing violation.
    /// </summary>
    private static bool IsHeld(IOException exception) => exception.HResult switch
    {
        11 => OperatingSystem.IsLinux(),
        35 => OperatingSystem.IsMacOS(),
        unchecked((int)0x80070020) => OperatingSystem.IsWindows(),
        _ => false,
    };
}
