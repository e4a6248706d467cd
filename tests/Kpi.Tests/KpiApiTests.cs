using System.Net;
using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>The KPI API over HTTP: figures, funnel, losses, misses, CSV, and who may see what.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class KpiApiTests(AzuriteFixture azurite)
{
    private const string Range = "from=2026-11-16&to=2026-11-22";
    private static readonly string[] Reports = ["indicators", "funnel", "losses", "deadline-misses"];

    [Fact]
    public async Task A_merchant_reads_its_own_indicators_with_exact_ratios_and_undefined_ones_as_null()
    {
        using var host = await ScenarioAsync();

        var response = await host.As("merchant", "shop-one").GetAsync($"/api/kpi/merchants/shop-one/indicators?period=week&{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await BackofficeHost.JsonAsync(response);
        Assert.Equal(("cohort", "week", "EUR"), (report.GetProperty("view").GetString(), report.GetProperty("period").GetString(), report.GetProperty("currency").GetString()));
        Assert.StartsWith("By creation-day cohort", report.GetProperty("viewDescription").GetString(), StringComparison.Ordinal);
        var week = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal("2026-W47", week.GetProperty("period").GetString());
        Assert.Equal((1000, 4, 2, 1), (week.GetProperty("tr").GetInt64(), week.GetProperty("grossOrders").GetInt64(), week.GetProperty("netOrders").GetInt64(), week.GetProperty("inFlightOrders").GetInt64()));
        AssertIdentities(week);

        // Traffic covers one day of seven: the week's conversion would count six days of orders against one day of visits.
        Assert.Equal((1, false), (week.GetProperty("trafficDays").GetInt64(), week.GetProperty("trafficComplete").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, week.GetProperty("conv").ValueKind);

        var daily = await BackofficeHost.JsonAsync(await host.As("merchant", "shop-one").GetAsync($"/api/kpi/merchants/shop-one/indicators?period=day&{Range}"));
        var monday = daily.GetProperty("rows")[0];
        Assert.True(monday.GetProperty("trafficComplete").GetBoolean());
        Assert.Equal((4, 1000), (monday.GetProperty("conv").GetProperty("numerator").GetInt64(), monday.GetProperty("conv").GetProperty("denominator").GetInt64()));
        Assert.Equal(0.004m, monday.GetProperty("conv").GetProperty("value").GetDecimal());
        var emptyDay = daily.GetProperty("rows")[3];
        Assert.False(emptyDay.GetProperty("trafficComplete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, emptyDay.GetProperty("conv").ValueKind);
        Assert.Equal(JsonValueKind.Null, emptyDay.GetProperty("operFf").ValueKind);
        foreach (var row in daily.GetProperty("rows").EnumerateArray())
        {
            AssertIdentities(row);
        }
    }

    [Fact]
    public async Task Funnel_losses_and_deadline_misses_tell_where_orders_were_lost()
    {
        using var host = await ScenarioAsync();
        var client = host.As("operator");

        var funnel = (await BackofficeHost.JsonAsync(await client.GetAsync($"/api/kpi/merchants/shop-one/funnel?period=range&{Range}"))).GetProperty("total");
        var losses = (await BackofficeHost.JsonAsync(await client.GetAsync($"/api/kpi/merchants/shop-one/losses?period=range&{Range}"))).GetProperty("rows");
        var misses = (await BackofficeHost.JsonAsync(await client.GetAsync($"/api/kpi/merchants/shop-one/deadline-misses?period=range&view=delivery-day&{Range}"))).GetProperty("rows");

        Assert.Equal((4, 3, 3, 2, 2), (funnel.GetProperty("created").GetInt64(), funnel.GetProperty("confirmed").GetInt64(), funnel.GetProperty("pickedUp").GetInt64(), funnel.GetProperty("packed").GetInt64(), funnel.GetProperty("delivered").GetInt64()));
        var loss = losses.EnumerateArray().Select(l => (l.GetProperty("stage").GetString(), l.GetProperty("reason").GetString(), l.GetProperty("department").GetString(), l.GetProperty("orders").GetInt64(), l.GetProperty("lines").GetInt64())).ToArray();
        Assert.Equal([("confirmation", "fraud", "merchant", 1L, 1L), ("delivery", "rejectedOnInspection", "customer", 0L, 1L)], loss);
        var miss = Assert.Single(misses.EnumerateArray());
        Assert.Equal(("packing", "warehouse", 1L), (miss.GetProperty("stage").GetString(), miss.GetProperty("department").GetString(), miss.GetProperty("misses").GetInt64()));
    }

    [Fact]
    public async Task Every_report_exports_as_csv_and_staff_see_totals_per_currency()
    {
        using var host = await ScenarioAsync();
        var finance = host.As("finance");

        foreach (var report in Reports)
        {
            var csv = await finance.GetAsync($"/api/kpi/merchants/shop-one/{report}?format=csv&period=day&{Range}");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            Assert.EndsWith(".csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
            var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("scope,merchantId,currency,view,period,from,to,", lines[0], StringComparison.Ordinal);
            Assert.True(lines.Length >= 2, $"{report} exported no rows");
        }

        var indicators = (await finance.GetStringAsync($"/api/kpi/merchants/shop-one/indicators?format=csv&period=range&{Range}")).Split("\r\n");
        Assert.StartsWith("shop-one.EUR,shop-one,EUR,cohort,2026-11-16..2026-11-22,2026-11-16,2026-11-22,1000,1,false,4,", indicators[1], StringComparison.Ordinal);

        var totals = await BackofficeHost.JsonAsync(await finance.GetAsync($"/api/kpi/totals/EUR/indicators?period=range&view=delivery-day&{Range}"));
        Assert.Equal(("*.EUR", 4), (totals.GetProperty("scope").GetString(), totals.GetProperty("total").GetProperty("grossOrders").GetInt64()));
        Assert.Equal(JsonValueKind.Null, totals.GetProperty("total").GetProperty("inFlightOrders").ValueKind);
        Assert.Equal((false, JsonValueKind.Null), (totals.GetProperty("total").GetProperty("trafficComplete").GetBoolean(), totals.GetProperty("total").GetProperty("conv").ValueKind));
        var usd = await BackofficeHost.JsonAsync(await finance.GetAsync($"/api/kpi/totals/USD/indicators?period=range&{Range}"));
        Assert.Equal(0, usd.GetProperty("total").GetProperty("grossOrders").GetInt64());
    }

    [Fact]
    public async Task Merchants_see_only_their_own_figures_and_warehouse_and_couriers_none()
    {
        using var host = await ScenarioAsync();
        await host.AddMerchantAsync("shop-two");

        foreach (var report in Reports)
        {
            var path = $"/api/kpi/merchants/shop-one/{report}?{Range}";
            Assert.Equal(HttpStatusCode.OK, (await host.As("merchant", "shop-one").GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.As("merchant", "shop-two").GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.As("warehouse").GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.As("courier").GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(path)).StatusCode);
            foreach (var staff in new[] { "operator", "supervisor", "finance" })
            {
                Assert.Equal(HttpStatusCode.OK, (await host.As(staff).GetAsync(path)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await host.As("merchant", "shop-one").GetAsync($"/api/kpi/totals/EUR/{report}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.As("warehouse").GetAsync($"/api/kpi/totals/EUR/{report}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await host.As("merchant", "shop-two").GetAsync($"/api/kpi/merchants/shop-one/traffic?{Range}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As("merchant", "shop-one").PostAsync("/api/kpi/rollup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As("courier").PostAsync("/api/kpi/rollup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.As("operator").PostAsync("/api/kpi/rollup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.As("finance").GetAsync("/api/kpi/rollup")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As("operator").PostAsync("/api/kpi/rebuild/shop-one", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.As("supervisor").PostAsync("/api/kpi/rebuild/shop-one", null)).StatusCode);
    }

    [Fact]
    public async Task Bad_queries_are_answered_with_field_errors_and_unknown_merchants_with_404()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var client = host.As("supervisor");

        var bad = await client.GetAsync("/api/kpi/merchants/shop-one/indicators?period=year&view=sideways&from=2026-13-01&format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await BackofficeHost.JsonAsync(bad)).GetProperty("errors");
        Assert.Equal(["format", "from", "period", "view"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var backwards = await BackofficeHost.JsonAsync(await client.GetAsync("/api/kpi/merchants/shop-one/indicators?from=2026-11-20&to=2026-11-10"));
        Assert.True(backwards.GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/kpi/merchants/shop-one/losses?from=2020-01-01&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/kpi/merchants/shop-none/indicators")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/kpi/totals/XYZ/indicators")).StatusCode);
        var defaults = await BackofficeHost.JsonAsync(await client.GetAsync("/api/kpi/merchants/shop-one/indicators"));
        Assert.Equal(("2026-10-18", "2026-11-16", 30), (defaults.GetProperty("from").GetString(), defaults.GetProperty("to").GetString(), defaults.GetProperty("rows").GetArrayLength()));
    }

    /// <summary>
    /// shop-one on Monday 2026-11-16 (Berlin): 1000 visits; four orders: one delivered in full, one delivered with a
    /// line rejected, one cancelled as fraud, one confirmed and then late in packing (one missed deadline).
    /// </summary>
    private async Task<BackofficeHost> ScenarioAsync()
    {
        var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        Assert.Equal(HttpStatusCode.Created, (await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(new DateOnly(2026, 11, 16), 1000))).StatusCode);
        var full = await host.PlaceAsync("shop-one", "S-1");
        var partial = await host.PlaceAsync("shop-one", "S-2", lines: [("SKU-1", 1, 1000, true), ("SKU-2", 1, 2000, true)]);
        var fraud = await host.PlaceAsync("shop-one", "S-3");
        var late = await host.PlaceAsync("shop-one", "S-4");
        await host.DeliverAsync("shop-one", full);
        await host.DoAsync("shop-one", fraud, (_, now) => new CancelOrder(CancellationReason.Fraud, null, null, KpiTestHost.Staff, now));
        await host.DoAsync("shop-one", late, (_, now) => new ConfirmOrder([], KpiTestHost.Staff, now));
        await host.DoAsync("shop-one", partial, (_, now) => new ConfirmOrder([], KpiTestHost.Staff, now));
        await host.DoAsync("shop-one", partial, (_, now) => new RecordPacking([], KpiTestHost.Staff, now));
        await host.DoAsync("shop-one", partial, (_, now) => new DispatchToCourier("courier-1", KpiTestHost.Staff, now));
        await host.DoAsync("shop-one", partial, (o, now) => new RecordDelivery(
            DeliveryResult.AcceptedSome, [new LineDrop("2", CancellationReason.RejectedOnInspection)], 1500, null, KpiTestHost.Staff, now));
        host.Clock.Advance(DeadlinePolicy.Default.Packing + TimeSpan.FromMinutes(5));
        await host.ReachDueDeadlinesAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.As("operator").PostAsync("/api/kpi/rollup", null)).StatusCode);
        return host;
    }

    /// <summary>The five identities on the exact numerators and denominators the API returns.</summary>
    private static void AssertIdentities(JsonElement row)
    {
        Check(row, "conv", "tr", "grossOrders");
        Check(row, "operFf", "grossOrders", "netOrders");
        Check(row, "grossAov", "grossOrders", "grossDemand");
        Check(row, "netAov", "netOrders", "grossRevenue");
        Check(row, "finFf", "grossDemand", "grossRevenue");

        static void Check(JsonElement row, string ratio, string factor, string product)
        {
            var f = row.GetProperty(factor).GetInt64();
            var r = row.GetProperty(ratio);
            if (f == 0 || (ratio == "conv" && !row.GetProperty("trafficComplete").GetBoolean()))
            {
                Assert.Equal(JsonValueKind.Null, r.ValueKind);
                return;
            }

            Assert.Equal(f, r.GetProperty("denominator").GetInt64());
            Assert.Equal(row.GetProperty(product).GetInt64(), r.GetProperty("numerator").GetInt64());
        }
    }
}
