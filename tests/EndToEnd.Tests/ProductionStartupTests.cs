using Backoffice.Infra.Merchants;
using Backoffice.Local;
using Backoffice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The local host outside Development (issue 15, item 6): it once seeded the demo merchants, whose webhook secret is
/// published, in Production, and answered 500 to every request when AzureAd was not configured.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProductionStartupTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string> AzureAd = new()
    {
        ["environment"] = "Production",
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "7d0e6a4c-0000-4000-8000-000000000001",
        ["AzureAd:ClientId"] = "3f1b2c9e-0000-4000-8000-000000000002",
    };

    [Fact]
    public async Task Outside_Development_start_up_refuses_a_missing_AzureAd_configuration_with_a_clear_message()
    {
        await using var host = new BackofficeHost(azurite, settings: new Dictionary<string, string> { ["environment"] = "Production" });

        var refusal = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var message = Flatten(refusal);
        Assert.Contains("AzureAd:TenantId", message, StringComparison.Ordinal);
        Assert.Contains("AzureAd:ClientId", message, StringComparison.Ordinal);
        Assert.Contains("Production", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_the_demo_merchants_are_not_seeded_even_when_configured()
    {
        var settings = new Dictionary<string, string>(AzureAd) { ["Demo:Seed"] = "true", ["Demo:WebhookSecret"] = "whsec_ZGVtby1zZWNyZXQtZm9yLWxvY2FsLXVzZS1vbmx5" };
        await using var host = new BackofficeHost(azurite, settings: settings);

        using var response = await host.CreateClient().GetAsync("/api/health");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(await host.Service<MerchantStore>().FindAsync("demo-fashion", CancellationToken.None));
        Assert.Null(await host.Service<MerchantStore>().FindAsync("demo-electronics", CancellationToken.None));
    }

    [Theory]
    [InlineData("Development", true, false, true)]
    [InlineData("Development", false, false, false)]
    [InlineData("Development", false, true, true)]
    [InlineData("Production", true, false, false)]
    [InlineData("Staging", true, false, false)]
    [InlineData("Production", false, true, true)]
    public void Demo_seeding_runs_in_Development_or_behind_the_demo_flag(string environment, bool configured, bool flagged, bool seeds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DemoGate.Setting] = configured ? "true" : "false" }).Build();
        var logger = new ListLogger();

        var decided = DemoGate.Decide(configuration, new HostingEnvironment { EnvironmentName = environment }, flagged ? ["--urls", "http://127.0.0.1:0", DemoGate.Flag] : [], logger);

        Assert.Equal(seeds, decided);
        Assert.Equal(seeds ? "true" : "false", configuration[DemoGate.Setting]);
    }

    [Fact]
    public void The_demo_flag_outside_Development_names_the_risk_in_a_warning()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var logger = new ListLogger();

        Assert.True(DemoGate.Decide(configuration, new HostingEnvironment { EnvironmentName = Environments.Production }, [DemoGate.Flag], logger));

        var warning = Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("published in the README", warning.Message, StringComparison.Ordinal);
        Assert.Contains("anyone who can reach this host", warning.Message, StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
