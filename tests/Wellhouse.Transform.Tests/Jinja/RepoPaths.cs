namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Finds the repository root by walking up from the test binaries to Wellhouse.slnx.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wellhouse.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Wellhouse.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string JinjaTests => Path.Combine(Root(), "tests", "Wellhouse.Transform.Tests", "Jinja");
}
