using Wellhouse.Cli;

return await WellhouseCli.RunAsync(args).ConfigureAwait(false);

/// <summary>The application's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
