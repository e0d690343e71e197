using System.Reflection;
using Wellhouse.Cli;
using Wellhouse.Hosting;

// The build-time OpenAPI generator (GetDocument.Insider) runs this entry point and captures the host it builds.
if (Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider")
{
    await WellhouseWebHost.CreateHostBuilder(args, background: false).Build().RunAsync().ConfigureAwait(false);
    return 0;
}

return await WellhouseCli.RunAsync(args).ConfigureAwait(false);

/// <summary>The application's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program
{
    /// <summary>
    /// The web host without the command line, found by name by WebApplicationFactory (Microsoft.Extensions.Hosting's
    /// HostFactoryResolver looks for this method) and used by the build-time OpenAPI generator.
    /// </summary>
    public static IHostBuilder CreateHostBuilder(string[] args) => WellhouseWebHost.CreateHostBuilder(args);
}
