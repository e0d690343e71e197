namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// One engine build of warehouse/ on one data set, shared by the test classes of a collection: writes the input files
/// to a temporary folder, builds, and fails every test of the collection with the run's log if the build failed.
/// </summary>
public abstract class WarehouseBuildFixture : IAsyncLifetime
{
    private WarehouseBuild? build;

    /// <summary>A temporary folder for the data set's input files (deleted on dispose).</summary>
    protected string InputDirectory { get; } = Path.Combine(Path.GetTempPath(), "wellhouse-input-" + Guid.NewGuid().ToString("N"));

    internal WarehouseBuild Build => build ?? throw new InvalidOperationException("the build has not run");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(InputDirectory);
        build = await WarehouseBuild.RunAsync(await PrepareAsync());
        build.EnsureSucceeded();
    }

    public async ValueTask DisposeAsync()
    {
        if (build is not null)
        {
            await build.DisposeAsync();
        }

        if (Directory.Exists(InputDirectory))
        {
            Directory.Delete(InputDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the input files and says what to build.</summary>
    private protected abstract Task<WarehouseBuildOptions> PrepareAsync();
}
