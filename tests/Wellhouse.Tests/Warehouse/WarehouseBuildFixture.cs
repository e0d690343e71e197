using Wellhouse.Testing;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// One engine build of warehouse/ on one data set, shared by the test classes of a collection: writes the input files
/// to a temporary folder, builds, and fails every test of the collection with the run's log if the build failed. A data
/// set read from ../shared (<see cref="SharedInput"/>) that is absent skips every test of the collection with the
/// reason, or fails them in CI (<see cref="SharedData"/>).
/// </summary>
public abstract class WarehouseBuildFixture : IAsyncLifetime
{
    private WarehouseBuild? build;
    private string? skipReason;

    /// <summary>A temporary folder for the data set's input files (deleted on dispose).</summary>
    protected string InputDirectory { get; } = Path.Combine(Path.GetTempPath(), "wellhouse-input-" + Guid.NewGuid().ToString("N"));

    internal WarehouseBuild Build
    {
        get
        {
            if (skipReason is not null)
            {
                Assert.Skip(skipReason);
            }

            return build ?? throw new InvalidOperationException("the build has not run");
        }
    }

    /// <summary>The raw file the build read (the var raw_location), when the fixture gave one.</summary>
    internal string? RawLocation { get; private set; }

    /// <summary>The file under ../shared the data set is made from, if any (relative to ../shared).</summary>
    private protected virtual string? SharedInput => null;

    public async ValueTask InitializeAsync()
    {
        if (SharedInput is { } input)
        {
            var file = SharedData.Find(input);
            if (file.Failure is not null)
            {
                throw new InvalidOperationException(file.Failure);
            }

            if (file.SkipReason is not null)
            {
                skipReason = file.SkipReason;
                return;
            }
        }

        Directory.CreateDirectory(InputDirectory);
        var options = await PrepareAsync();
        RawLocation = options.RawLocation;
        build = await WarehouseBuild.RunAsync(options);
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
