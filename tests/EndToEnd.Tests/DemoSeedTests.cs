using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Infra.Storage;
using Backoffice.Local;
using Backoffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The one-command run's demo data: weeks of replayed history give settled weeks with their files and finance
/// messages, a fee invoice for the ended month, KPIs over many days, and today's orders waiting in the queues.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DemoSeedTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Present = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero); // Wednesday of 2026-W49
    private const int HistoryDays = 12;

    [Fact]
    public async Task The_demo_history_settles_its_weeks_invoices_its_month_and_shows_kpis_and_todays_work()
    {
        var clock = default(FakeTimeProvider);
        await using var host = new BackofficeHost(
            azurite,
            start: Present.AddDays(-HistoryDays - 2),
            settings: new Dictionary<string, string> { ["Demo:Seed"] = "true", ["Demo:HistoryDays"] = HistoryDays.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            services: services => services.AddSingleton<ISeedTimeline>(sp => new FakeSeedTimeline(clock = (FakeTimeProvider)sp.GetRequiredService<TimeProvider>(), Present)));
        var finance = host.As(Roles.Finance);

        // W47 and W48 ended inside the history: the older is approved and paid, the latest waits for finance.
        var paid = await finance.GetFromJsonAsync<JsonElement>("/api/finance/merchants/demo-fashion/settlements/2026-W47");
        Assert.Equal("Paid", paid.GetProperty("state").GetString());
        var latest = await finance.GetFromJsonAsync<JsonElement>("/api/finance/merchants/demo-fashion/settlements/2026-W48");
        Assert.Equal("Draft", latest.GetProperty("state").GetString());
        Assert.True(latest.GetProperty("totals").GetProperty("orders").GetInt32() > 3);
        foreach (var format in new[] { "csv", "xlsx", "pdf" })
        {
            Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync($"/api/finance/merchants/demo-fashion/settlements/2026-W48/files/{format}")).StatusCode);
        }

        var queue = host.Service<StorageClients>().Queue(QueueNames.FinanceReports);
        var messages = (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToArray();
        Assert.Contains(messages, m => m.Contains("settlements/demo-electronics/2026-W48.pdf", StringComparison.Ordinal));

        var invoice = await finance.GetFromJsonAsync<JsonElement>("/api/finance/merchants/demo-fashion/invoices/2026-11");
        Assert.True(invoice.GetProperty("totals").GetProperty("orders").GetInt32() > 0);

        // KPIs over the replayed days: orders every day, some bought out, some lost.
        Assert.Equal(HttpStatusCode.OK, (await host.As(Roles.Supervisor).PostAsync("/api/kpi/rollup", null)).StatusCode);
        var daily = await host.As(Roles.Merchant, "demo-fashion").GetFromJsonAsync<JsonElement>(
            "/api/kpi/merchants/demo-fashion/indicators?period=day&from=2026-11-20&to=2026-11-30");
        var rows = daily.GetProperty("rows").EnumerateArray().ToArray();
        Assert.True(rows.Count(r => r.GetProperty("grossOrders").GetInt64() > 0) >= 10, daily.GetRawText());
        Assert.True(rows.Sum(r => r.GetProperty("netOrders").GetInt64()) > 0);
        Assert.True(rows.Sum(r => r.GetProperty("netOrders").GetInt64()) < rows.Sum(r => r.GetProperty("grossOrders").GetInt64()));
        Assert.All(rows.Where(r => r.GetProperty("grossOrders").GetInt64() > 0), r => Assert.Equal(JsonValueKind.Object, r.GetProperty("conv").ValueKind));

        // Today's orders are live work, on the real clock again.
        Assert.Equal(Present, clock!.GetUtcNow());
        var confirmation = await host.As(Roles.Operator).GetFromJsonAsync<JsonElement>("/api/work/Confirmation?merchantId=demo-fashion");
        Assert.NotEmpty(confirmation.GetProperty("items").EnumerateArray());
    }

    /// <summary>The seed timeline over the test's fake clock: it starts before the history and moves forward only.</summary>
    private sealed class FakeSeedTimeline(FakeTimeProvider clock, DateTimeOffset present) : ISeedTimeline
    {
        public DateTimeOffset Present => present;

        public void TravelTo(DateTimeOffset at)
        {
            if (at > clock.GetUtcNow())
            {
                clock.SetUtcNow(at);
            }
        }

        public void ReturnToPresent() => TravelTo(present);
    }
}
