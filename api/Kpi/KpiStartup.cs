using Backoffice.Infra.Kpi;
using Backoffice.Infra.Merchants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backoffice.Api.Kpi;

/// <summary>
/// Where the background runner runs (the local host): one roll-up at start, so the figures are current without
/// waiting for the hourly schedule. With demo data switched on it first reports a week of demo traffic for the demo
/// merchants (each day once: the delivery id is fixed, so a restart records nothing new).
/// </summary>
public sealed class KpiStartup(KpiRollup rollup, TrafficStore traffic, MerchantStore merchants, IConfiguration configuration, TimeProvider clock, ILogger<KpiStartup> logger)
    : BackgroundService
{
    private static readonly (string MerchantId, long BaseVisits)[] DemoTraffic = [("demo-fashion", 1200), ("demo-electronics", 800)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (configuration.GetValue("Demo:Seed", false))
            {
                await SeedDemoTrafficAsync(stoppingToken).ConfigureAwait(false);
            }

            await rollup.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The start-up KPI roll-up failed; the hourly schedule will catch up");
        }
    }

    private async Task SeedDemoTrafficAsync(CancellationToken ct)
    {
        foreach (var (merchantId, baseVisits) in DemoTraffic)
        {
            if (await merchants.FindAsync(merchantId, ct).ConfigureAwait(false) is not { } merchant)
            {
                continue;
            }

            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(merchant.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var today = Core.Kpi.KpiCalendar.Day(clock.GetUtcNow(), zone);
            for (var back = 6; back >= 0; back--)
            {
                var day = today.AddDays(-back);
                await traffic.RecordAsync(merchantId, day, baseVisits + (back * 37), $"demo-seed-{day:yyyy-MM-dd}", null, ct).ConfigureAwait(false);
            }
        }
    }
}
