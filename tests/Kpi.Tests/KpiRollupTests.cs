using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Core.Orders;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>The incremental roll-up on Azurite: what it books where, idempotence, concurrency, crash recovery and cost.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class KpiRollupTests(AzuriteFixture azurite)
{
    private static readonly string Shop = KpiScopes.Merchant("shop-one", "EUR");
    private static readonly DateOnly Monday = new(2026, 11, 16);

    [Fact]
    public async Task Orders_land_on_the_merchants_local_creation_day_and_delivered_revenue_on_the_delivery_day()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var delivered = await host.PlaceAsync("shop-one", "A-1");
        await host.PlaceAsync("shop-one", "A-2");
        host.Clock.Advance(TimeSpan.FromHours(14)); // 23:00 UTC is already Tuesday in Berlin.
        await host.PlaceAsync("shop-one", "A-3");
        host.Clock.Advance(TimeSpan.FromHours(24));
        var order = await host.DeliverAsync("shop-one", delivered);

        var run = await host.RollupAsync();

        Assert.Equal(3, run.Applied);
        var cohort = await host.DaysAsync(Shop, KpiView.Cohort, Monday, Monday.AddDays(7));
        Assert.Equal([Monday, Monday.AddDays(1)], cohort.Keys);
        Assert.Equal(2, cohort[Monday][KpiMetrics.Orders]);
        Assert.Equal(1, cohort[Monday][KpiMetrics.Net]);
        Assert.Equal(order.DeliveredValue, cohort[Monday][KpiMetrics.Revenue]);
        Assert.Equal(1, cohort[Monday][KpiMetrics.InFlight]);
        var byDay = await host.DaysAsync(Shop, KpiView.DeliveryDay, Monday, Monday.AddDays(7));
        Assert.Equal(0, byDay[Monday][KpiMetrics.Net]);
        Assert.Equal(order.DeliveredValue, byDay[Monday.AddDays(2)][KpiMetrics.Revenue]);
        Assert.Equal(2, byDay[Monday][KpiMetrics.Orders]);
    }

    [Fact]
    public async Task Running_again_with_nothing_new_changes_nothing_and_costs_a_handful_of_requests()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        for (var i = 0; i < 12; i++)
        {
            await host.PlaceAsync("shop-one", $"B-{i}");
        }

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.RollupAsync();
        var before = await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday);
        host.Clock.Advance(TimeSpan.FromHours(1));

        var second = await host.RollupAsync();

        Assert.Equal((0, 0), (second.ChangesRead, second.Applied));
        Assert.Equal(before, await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday));
        // Watermark read, parked probe, the overlap hour and the current hour (each read by partition equality), the
        // prune probe, the watermark write.
        Assert.True(second.StorageOperations <= 6, $"An empty run made {second.StorageOperations} storage requests.");
    }

    [Fact]
    public async Task Changes_seen_again_in_the_overlap_cost_one_read_each_and_are_not_applied_twice()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        for (var i = 0; i < 12; i++)
        {
            await host.PlaceAsync("shop-one", $"B-{i}");
        }

        var first = await host.RollupAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(2));

        var second = await host.RollupAsync();

        Assert.Equal((12, 12, 0), (first.Applied, second.Skipped, second.Applied));
        Assert.True(second.StorageOperations <= 12 + 12, $"Re-reading 12 changes made {second.StorageOperations} storage requests.");
        Assert.Equal(12, (await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday))[KpiMetrics.Orders]);
    }

    [Fact]
    public async Task Two_runs_at_once_and_a_replay_of_everything_count_every_order_exactly_once()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await host.PlaceAsync("shop-one", $"C-{i}", lines: [("SKU-1", 1, 1000 + i, true)]));
        }

        foreach (var id in ids.Take(6))
        {
            await host.DeliverAsync("shop-one", id);
        }

        await Task.WhenAll(host.RollupAsync(), host.RollupAsync(), host.RollupAsync());
        var subjects = ids.Select(id => KpiSubject.Order("shop-one", id)).ToArray();
        await host.Service<KpiRollup>().ProcessAsync(subjects, force: false); // as if a crashed run had not moved the watermark

        var facts = await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday);
        Assert.Equal(16, facts[KpiMetrics.Orders]);
        Assert.Equal(6, facts[KpiMetrics.Net]);
        Assert.Equal(Enumerable.Range(0, 16).Sum(i => 1000L + i + 500), facts[KpiMetrics.Demand]);
        Assert.Equal(facts, await host.SumAsync(KpiScopes.Total("EUR"), KpiView.Cohort, Monday, Monday));
    }

    [Fact]
    public async Task A_run_that_stopped_between_merchant_rows_and_totals_is_completed_by_the_next()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var id = await host.PlaceAsync("shop-one", "D-1");
        var store = host.Service<KpiFactStore>();
        var events = (await host.Service<OrderStore>().EventsAsync("shop-one", id)).Select(e => e.Event).ToArray();
        var order = (PlacedOrder)OrderDecider.Fold(events);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var update = new KpiUpdate(KpiSubject.Order("shop-one", id), "EUR", "2026-11", order.Version, OrderContributions.For(order, events, berlin));
        await store.ApplyAsync(Shop, "2026-11", [update], force: false); // merchant rows written, totals never synced

        Assert.True((await host.SumAsync(KpiScopes.Total("EUR"), KpiView.Cohort, Monday, Monday)).IsEmpty);
        var run = await host.RollupAsync();

        Assert.Equal(0, run.Applied);
        Assert.Equal(1, (await host.SumAsync(KpiScopes.Total("EUR"), KpiView.Cohort, Monday, Monday))[KpiMetrics.Orders]);
    }

    [Fact]
    public async Task An_older_version_arriving_late_never_replaces_a_newer_one()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var id = await host.PlaceAsync("shop-one", "E-1");
        await host.DeliverAsync("shop-one", id);
        await host.RollupAsync();
        var store = host.Service<KpiFactStore>();
        var subject = KpiSubject.Order("shop-one", id);
        var stale = new KpiUpdate(subject, "EUR", "2026-11", 2, KpiContribution.Of([new(new KpiBucket(KpiView.Cohort, Monday), KpiFacts.Of([new(KpiMetrics.Orders, 1)]))]));

        var result = await store.ApplyAsync(Shop, "2026-11", [stale], force: false);

        Assert.Equal(1, result.Skipped);
        var part = await store.ReadPartAsync(Shop, "2026-11", subject);
        Assert.True(part!.Version > 2);
        Assert.Equal(1, (await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday))[KpiMetrics.Net]);
    }

    [Fact]
    public async Task A_change_recorded_just_before_the_watermark_is_still_picked_up()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        await host.RollupAsync();
        var clients = host.Service<StorageClients>();
        var lateClock = new FakeTimeProvider(host.Clock.GetUtcNow().AddMinutes(-2));
        var late = new TrafficStore(clients, new KpiChangeFeed(clients, lateClock), lateClock);
        await late.RecordAsync("shop-one", Monday, 500, "late-delivery");
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        await host.RollupAsync();

        Assert.Equal(500, (await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday))[KpiMetrics.Visits]);
    }

    [Fact]
    public async Task Totals_keep_currencies_apart_and_add_up_merchants_of_one_currency()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one", "EUR");
        await host.AddMerchantAsync("shop-two", "EUR");
        await host.AddMerchantAsync("shop-usd", "USD");
        await host.PlaceAsync("shop-one", "F-1", "EUR", ("SKU-1", 1, 1000, true));
        await host.PlaceAsync("shop-two", "F-2", "EUR", ("SKU-1", 2, 1000, true));
        await host.PlaceAsync("shop-usd", "F-3", "USD", ("SKU-1", 1, 7000, true));

        await host.RollupAsync();

        var eur = await host.SumAsync(KpiScopes.Total("EUR"), KpiView.Cohort, Monday, Monday);
        var usd = await host.SumAsync(KpiScopes.Total("USD"), KpiView.Cohort, Monday, Monday);
        Assert.Equal((2, 1500 + 2500), (eur[KpiMetrics.Orders], eur[KpiMetrics.Demand]));
        Assert.Equal((1, 7500), (usd[KpiMetrics.Orders], usd[KpiMetrics.Demand]));
    }

    [Fact]
    public async Task Traffic_gives_conversion_and_a_later_report_replaces_the_earlier_one()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        await host.PlaceAsync("shop-one", "G-1");
        await host.PlaceAsync("shop-one", "G-2");
        var traffic = host.Service<TrafficStore>();
        await traffic.RecordAsync("shop-one", Monday, 100, "first");
        await host.RollupAsync();
        await traffic.RecordAsync("shop-one", Monday, 400, "second");
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        await host.RollupAsync();

        var figures = KpiFigures.From(await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday), KpiView.Cohort, 1);
        Assert.Equal(400, figures.Tr);
        Assert.Equal(new Ratio(2, 400), figures.Conv);
        Assert.Equal(400, (await host.SumAsync(KpiScopes.Total("EUR"), KpiView.DeliveryDay, Monday, Monday))[KpiMetrics.Visits]);
    }

    [Fact]
    public async Task Missed_deadlines_and_losses_are_booked_by_stage_and_department()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var slow = await host.PlaceAsync("shop-one", "H-1");
        var partly = await host.PlaceAsync("shop-one", "H-2", lines: [("SKU-1", 1, 1000, true), ("SKU-2", 1, 3000, true)]);
        await host.DoAsync("shop-one", partly, (_, now) => new ConfirmOrder([new LineDrop("2", CancellationReason.PriceNotAccepted)], KpiTestHost.Staff, now));
        await host.DoAsync("shop-one", slow, (_, now) => new ConfirmOrder([], KpiTestHost.Staff, now));
        host.Clock.Advance(DeadlinePolicy.Default.Packing + TimeSpan.FromMinutes(1));
        await host.ReachDueDeadlinesAsync();

        await host.RollupAsync();

        var facts = await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday);
        Assert.Contains(new KpiDeadlineMisses(Stage.Packing, Department.Warehouse, 2), KpiDeadlineMisses.From(facts));
        Assert.Equal([new KpiLoss(Stage.Confirmation, CancellationReason.PriceNotAccepted, Department.Customer, 0, 1, 3000)], KpiLoss.From(facts));
        var byDay = await host.SumAsync(Shop, KpiView.DeliveryDay, Monday.AddDays(1), Monday.AddDays(1));
        Assert.Equal(2, byDay[KpiMetrics.Miss(Stage.Packing, Department.Warehouse)]);
    }

    [Fact]
    public async Task The_cost_of_a_run_follows_what_changed_not_how_much_history_there_is()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var costs = new List<long>();
        var made = 0;
        foreach (var history in new[] { 10, 45 })
        {
            while (made < history)
            {
                await host.PlaceAsync("shop-one", $"I-{made++}");
            }

            host.Clock.Advance(TimeSpan.FromMinutes(10));
            await host.RollupAsync();
            host.Clock.Advance(TimeSpan.FromHours(1));
            for (var i = 0; i < 5; i++)
            {
                await host.PlaceAsync("shop-one", $"I-{made++}");
            }

            costs.Add((await host.RollupAsync()).StorageOperations);
            host.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.True(Math.Abs(costs[1] - costs[0]) <= 3, $"Runs of five changes cost {costs[0]} and {costs[1]} requests over histories of 10 and 45 orders.");
    }

    [Fact]
    public async Task A_rebuild_repairs_a_damaged_aggregate_and_the_totals_follow()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        for (var i = 0; i < 6; i++)
        {
            var id = await host.PlaceAsync("shop-one", $"J-{i}");
            if (i % 2 == 0)
            {
                await host.DeliverAsync("shop-one", id);
            }
        }

        await host.Service<TrafficStore>().RecordAsync("shop-one", Monday, 300, "t-1");
        await host.RollupAsync();
        var good = await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday);
        var table = host.Service<StorageClients>().Table(TableNames.KpiFacts);
        var agg = (await table.GetEntityAsync<TableEntity>(KpiFactStore.Partition(Shop, "2026-11"), KpiFactStore.AggRow(new KpiBucket(KpiView.Cohort, Monday)))).Value;
        agg["Facts0"] = KpiCodec.Write(KpiFacts.Of([new(KpiMetrics.Orders, 99)]));
        agg["Revision"] = (agg.GetInt64("Revision") ?? 0) + 1;
        await table.UpdateEntityAsync(agg, agg.ETag, TableUpdateMode.Replace);
        await host.RollupAsync();

        var rebuilt = await host.Service<KpiRebuild>().RebuildMerchantAsync("shop-one");

        Assert.Equal((6, 1), (rebuilt.Orders, rebuilt.TrafficDays));
        Assert.True(rebuilt.CellsCorrected >= 1);
        Assert.Equal(good, await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday));
        Assert.Equal(good, await host.SumAsync(KpiScopes.Total("EUR"), KpiView.Cohort, Monday, Monday));
    }

    [Fact]
    public async Task Old_change_rows_are_pruned_once_they_are_well_behind_the_watermark()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        await host.PlaceAsync("shop-one", "K-1");
        await host.RollupAsync();
        var table = host.Service<StorageClients>().Table(TableNames.KpiChanges);
        Assert.NotEmpty(await table.QueryAsync<TableEntity>().ToArrayAsync());

        host.Clock.Advance(TimeSpan.FromDays(3));
        await host.RollupAsync();

        Assert.Empty(await table.QueryAsync<TableEntity>().ToArrayAsync());
        Assert.Equal(1, (await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday))[KpiMetrics.Orders]);
    }

    [Fact]
    public async Task Changes_days_apart_are_all_read_and_the_empty_hours_between_them_cost_nothing()
    {
        using var host = new BackofficeHost(azurite);
        var feed = host.Service<KpiChangeFeed>();
        var start = host.Clock.GetUtcNow();
        await feed.RecordAsync(KpiSubject.Order("shop-one", "early"), 1);
        host.Clock.Advance(TimeSpan.FromDays(5));
        await feed.RecordAsync(KpiSubject.Order("shop-one", "late"), 1);
        var counter = host.Service<StorageClients>().Counter;
        var before = counter.Count;

        var read = new List<KpiChange>();
        await foreach (var page in feed.ReadAsync(start - TimeSpan.FromHours(1), host.Clock.GetUtcNow()))
        {
            read.AddRange(page);
        }

        Assert.Equal(["early", "late"], read.Select(c => c.Subject.Id));
        Assert.True(counter.Count - before <= 5, $"Reading two changes 120 hours apart made {counter.Count - before} requests.");

        // Pruning leaves the newer hour and costs one probe per pruned hour plus its reads and deletes.
        Assert.Equal(1, await feed.PruneAsync(host.Clock.GetUtcNow() - TimeSpan.FromDays(1)));
        var left = new List<KpiChange>();
        await foreach (var page in feed.ReadAsync(start, host.Clock.GetUtcNow()))
        {
            left.AddRange(page);
        }

        Assert.Equal(["late"], left.Select(c => c.Subject.Id));
    }

    [Fact]
    public async Task A_subject_that_cannot_be_processed_is_parked_shown_in_the_status_and_released_once_it_goes_through()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        await host.PlaceAsync("shop-one", "P-1");
        await host.PlaceAsync("shop-one", "P-2");
        var traffic = host.Service<StorageClients>().Table(TableNames.KpiTraffic);
        await traffic.UpsertEntityAsync(new TableEntity("shop-one", "cur~2026-11-16") { ["Date"] = "not-a-day", ["Visits"] = 700L, ["Revision"] = 1L });
        await host.Service<KpiChangeFeed>().RecordAsync(KpiSubject.Traffic("shop-one", Monday), 1);
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        var run = await host.RollupAsync();

        Assert.Equal((2, 1), (run.Applied, run.Parked));
        Assert.Equal(2, (await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday))[KpiMetrics.Orders]);
        Assert.Equal(run.To, (await host.Service<KpiWatermark>().ReadAsync()).Position);
        var status = await BackofficeHost.JsonAsync(await host.As("operator").GetAsync("/api/kpi/rollup"));
        var parked = Assert.Single(status.GetProperty("parked").EnumerateArray());
        Assert.Equal(("shop-one", "traffic", "2026-11-16"), (parked.GetProperty("merchantId").GetString(), parked.GetProperty("kind").GetString(), parked.GetProperty("subjectId").GetString()));
        Assert.StartsWith("FormatException", parked.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, status.GetProperty("lastRun").GetProperty("parked").GetInt32());

        // Repaired: the next run tries the parked subject again although the feed no longer mentions it, and releases it.
        await traffic.UpsertEntityAsync(new TableEntity("shop-one", "cur~2026-11-16") { ["Date"] = "2026-11-16", ["Visits"] = 700L, ["Revision"] = 1L });
        host.Clock.Advance(TimeSpan.FromHours(1));
        var next = await host.RollupAsync();

        Assert.Equal((1, 0), (next.Applied, next.Parked));
        Assert.Equal(700, (await host.SumAsync(Shop, KpiView.Cohort, Monday, Monday))[KpiMetrics.Visits]);
        Assert.Empty(await host.Service<KpiParkedSubjects>().ListAsync());
    }
}
