using Backoffice.Api;
using Backoffice.Infra;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Local;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
using var startupLogs = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
var startupLogger = startupLogs.CreateLogger("Backoffice.Local");

// The one-command run: no storage configured means "start Azurite for me", with data kept between runs.
AzuriteProcess? azurite = null;
var storage = builder.Configuration.GetSection(StorageOptions.Section);
if (string.IsNullOrEmpty(storage["ConnectionString"]) && string.IsNullOrEmpty(storage["TableServiceUri"]) && builder.Configuration.GetValue("Azurite:Start", true))
{
    var root = AzuriteProcess.FindRepositoryRoot();
    var folder = builder.Configuration["Azurite:DataFolder"];
    azurite = await AzuriteProcess.StartAsync(
        root,
        string.IsNullOrEmpty(folder) ? null : Path.Combine(root, folder),
        builder.Configuration.GetValue("Azurite:BlobPort", 10000),
        builder.Configuration.GetValue("Azurite:QueuePort", 10001),
        builder.Configuration.GetValue("Azurite:TablePort", 10002),
        startupLogger,
        CancellationToken.None);
    builder.Configuration["Storage:ConnectionString"] = azurite.ConnectionString;
    startupLogger.LogInformation("Azurite started (pid {Pid})", azurite.ProcessId);
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:7071");
}

builder.Services.AddBackofficeApi(builder.Configuration, builder.Environment);
builder.Services.AddLocalRunner(builder.Configuration);
if (builder.Environment.IsDevelopment() && builder.Configuration["Faults:KillAfterCommit"] is { Length: > 0 } killAfter)
{
    // Crash tests only: SIGKILL right after a commit of this command type (see CommitFaults).
    builder.Services.AddSingleton(new CommitFaults(killAfter));
}

if (DemoGate.Decide(builder.Configuration, builder.Environment, args, startupLogger))
{
    builder.Services.AddSingleton<DemoSeeder>();

    // The seeder replays weeks of history under this clock; it reads the system time everywhere else.
    var demoClock = new DemoClock(TimeProvider.System);
    builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(demoClock));
    builder.Services.AddSingleton<ISeedTimeline>(demoClock);
}

var app = builder.Build();
try
{
    await StorageProvisioner.EnsureCreatedAsync(app.Services.GetRequiredService<StorageClients>());
    var seeded = new List<(string MerchantId, string OrderId)>();
    if (app.Services.GetService<DemoSeeder>() is { } seeder)
    {
        var secret = app.Configuration["Demo:WebhookSecret"] ?? throw new InvalidOperationException("Demo:WebhookSecret is required to seed.");
        await seeder.SeedAsync(secret, CancellationToken.None);
        seeded.AddRange(seeder.SeededOrders);
    }

    app.UseExceptionHandler();
    app.UseStatusCodePages();

    // The console (web/, referenced by this project) is served at / like the Static Web App serves it in Azure.
    var serveConsole = app.Configuration.GetValue("Web:Enabled", true);
    if (serveConsole)
    {
        app.UseBlazorFrameworkFiles();
        app.UseConsoleNavigationFallback();
    }

    // Routing runs after the fallback's rewrite, so a console address is matched as /index.html.
    app.UseRouting();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapOpenApi().AllowAnonymous();
    app.MapApiReference();
    app.MapBackofficeApi(app.Environment);
    if (serveConsole)
    {
        app.MapStaticAssets().AllowAnonymous();
    }

    app.Lifetime.ApplicationStarted.Register(() => startupLogger.LogInformation(
        "Back-office running: API http://localhost:7071/api, API docs http://localhost:7071/api/docs, console http://localhost:7071/ (Ctrl+C stops everything)"));
    await app.StartAsync();

    // The replayed history ran through the command path before the engine started; now every seeded order gets its
    // orchestration, which finds the order as the replay left it (settled ones end at once, the rest keep deadlines).
    if (seeded.Count > 0 && app.Services.GetService<IOrderEngine>() is { } engine)
    {
        await Parallel.ForEachAsync(seeded, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (order, ct) =>
            new ValueTask(engine.StartAsync(order.MerchantId, order.OrderId, mayExist: true, ct)));
        startupLogger.LogInformation("Started the orchestrations of {Count} seeded orders", seeded.Count);
    }

    await app.WaitForShutdownAsync();
}
finally
{
    azurite?.Dispose();
}

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
