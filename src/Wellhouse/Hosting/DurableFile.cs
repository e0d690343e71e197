using System.Runtime.InteropServices;

namespace Wellhouse.Hosting;

/// <summary>
/// Writes that are all-or-nothing: content goes to a temporary name in the same folder, is flushed to disk (fsync),
/// and is then renamed over the target, an atomic replace on POSIX file systems (rename(2)); then the folder itself is
/// fsynced, since a rename is a change of the folder, not of the file, and is not durable until the folder's entry is
/// (a power cut after the rename could otherwise bring the old name back).
/// </summary>
internal static partial class DurableFile
{
    public static void WriteAllText(string path, string content)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            FsyncFolderOf(path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Flushes an already written file to disk.</summary>
    public static void Fsync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Moves a finished file into place, without replacing an existing one; false when the target exists.</summary>
    public static bool MoveIntoPlace(string temp, string path)
    {
        Fsync(temp);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }

        FsyncFolderOf(path);
        return true;
    }

    /// <summary>
    /// fsync(2) of the folder holding <paramref name="path"/>, which makes its renames durable. .NET cannot open a folder
    /// as a stream, so this calls libc on Linux and macOS; Windows (NTFS journals renames) needs nothing.
    /// </summary>
    public static void FsyncFolderOf(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var descriptor = Native.Open(folder, 0);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open {folder} to flush it: errno {error}", error);
        }

        try
        {
            if (Native.Fsync(descriptor) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync of {folder} failed: errno {error}", error);
            }
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }

    private static partial class Native
    {
        /// <summary>open(2) with O_RDONLY (0), which opens a folder too.</summary>
        [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        public static partial int Open(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int Fsync(int descriptor);

        [LibraryImport("libc", EntryPoint = "close")]
        public static partial int Close(int descriptor);
    }
}
