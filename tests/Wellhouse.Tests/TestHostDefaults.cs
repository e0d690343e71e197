using System.Runtime.CompilerServices;

namespace Wellhouse.Tests;

/// <summary>Process-wide settings for the many hosts this test assembly starts.</summary>
internal static class TestHostDefaults
{
    /// <summary>
    /// Every host started by default watches its appsettings files for changes, which costs one inotify instance per
    /// host; Linux allows 128 per user, and this assembly starts more hosts than that over a run (measured: 123 open
    /// at once in one process), so later hosts failed with "The configured user limit (128) on the number of inotify
    /// instances has been reached". The tests never change configuration files under a running host.
    /// </summary>
    [ModuleInitializer]
    internal static void DisableConfigReload() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
