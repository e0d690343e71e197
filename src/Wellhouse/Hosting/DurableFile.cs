namespace Wellhouse.Hosting;

/// <summary>
/// Writes that are all-or-nothing: content goes to a temporary name in the same folder, is flushed to disk (fsync),
/// and is then renamed over the target, an atomic replace on POSIX file systems (rename(2)).
/// </summary>
internal static class DurableFile
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
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }
}
