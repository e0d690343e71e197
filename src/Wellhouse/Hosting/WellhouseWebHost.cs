using Microsoft.Extensions.Configuration.Memory;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Wellhouse.Api;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary>
/// The web host, shared by <c>wellhouse serve</c>, the tests (WebApplicationFactory finds it through
/// <c>Program.CreateHostBuilder</c>) and the build-time OpenAPI generator.
/// </summary>
internal static partial class WellhouseWebHost
{
    /// <param name="args">Configuration from the command line (e.g. <c>--Wellhouse:DataDir=/srv/wellhouse</c>).</param>
    /// <param name="background">Whether to run the hosted services (start-up recovery and bootstrap, pointer watch,
    /// schedule); off for the build-time OpenAPI generator and the CLI's one-shot verbs.</param>
    public static IHostBuilder CreateHostBuilder(string[] args, bool background = true) =>
        Host.CreateDefaultBuilder(args)
            .ConfigureAppConfiguration(config => config.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults }))
            .ConfigureWebHostDefaults(web => web
                .ConfigureServices(services => AddWellhouse(services, background))
                .Configure(UseWellhouse));

    /// <summary>
    /// Logging unless the configuration says otherwise (these are its lowest-priority source, so appsettings, the
    /// environment and <c>--Logging:...=</c> override them): one timestamped line per log entry (UTC), the framework at
    /// Warning (its request logging is about nine lines a request), and <see cref="RequestLogging"/>'s one line per
    /// request at Information.
    /// </summary>
    private static readonly Dictionary<string, string?> LoggingDefaults = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
    };

    /// <summary>Everything the application needs: stores, refresh, API plumbing.</summary>
    public static void AddWellhouse(IServiceCollection services, bool background = true)
    {
        services.AddOptions<WellhouseOptions>().BindConfiguration(WellhouseOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => DataDirectory.Resolve(provider.GetRequiredService<IOptions<WellhouseOptions>>().Value.DataDir));
        services.AddSingleton<RawStore>();
        services.AddSingleton<DataSourceCatalog>();
        services.AddSingleton<IngestService>();
        services.AddSingleton<WarehouseTarget>();
        services.AddSingleton<ISnapshotDatabase>(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<SnapshotStore>();
            return provider.GetRequiredService<WarehouseTarget>().Postgres is { } postgres
                ? new PostgresSnapshotDatabase(postgres, logger)
                : new DuckDbSnapshotDatabase(provider.GetRequiredService<DataDirectory>(), logger);
        });
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<SnapshotProvider>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<RefreshLock>();
        services.AddSingleton<RefreshCoordinator>();
        services.AddSingleton<WellhouseMetrics>();
        services.AddSingleton<ApiKey>();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<Serving.AnswerCache>();
        services.AddSingleton<IRefreshAlert, WebhookRefreshAlert>();
        services.AddSingleton<IWarehouseBuilder, DbtWarehouseBuilder>();
        services.AddSingleton<ISampleData, BundledSample>();
        services.AddHttpClient();
        services.AddSingleton<RefreshScheduler>();
        if (background)
        {
            services.AddHostedService<StartupService>();
            services.AddHostedService<SnapshotPointerWatcher>();
            services.AddHostedService(provider => provider.GetRequiredService<RefreshScheduler>());
        }

        services.AddProblemDetails();
        services.AddRequestDecompression();
        services.AddExceptionHandler<StorageExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOpenApi(openApi => openApi.AddApiSecurity().AddWellhouseTransformers());
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;

            // Key holders are counted together, apart from anonymous callers (counted per address), so anonymous fits
            // cannot use up the writes of the key holder; anonymous writes never get here (401 from ApiKeyMiddleware).
            limiter.AddPolicy(WritesPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<WellhouseOptions>>().Value.Api.WritesPerMinute;
                var partition = ApiKeyMiddleware.IsKeyHolder(context) ? "api-key" : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
                return RateLimitPartition.GetFixedWindowLimiter(partition,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(perMinute, 1), Window = TimeSpan.FromMinutes(1) });
            });
        });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(WellhouseMetrics.MeterName)
            .AddPrometheusExporter());
    }

    /// <summary>The rate-limiting policy of every write endpoint and of the fits.</summary>
    public const string WritesPolicy = "writes";

    /// <summary>429 as ProblemDetails with <c>Retry-After</c> (seconds until the window ends; RFC 9110, 10.2.3).</summary>
    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
            detail: $"Over Wellhouse:Api:WritesPerMinute; retry in {seconds} s.").ExecuteAsync(rejected.HttpContext);
    }
}
