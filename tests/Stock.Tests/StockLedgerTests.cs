using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using Backoffice.Infra.Stock;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.Stock.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StockLedgerTests(AzuriteFixture azurite)
{
    private static readonly Actor Warehouse = new("wh-1", Roles.Warehouse, "test");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));

    private async Task<(StockLedger Ledger, StorageClients Clients)> LedgerAsync(IStockChangeSink? sink = null)
    {
        var clients = await azurite.NewStorageAsync();
        return (new StockLedger(clients, _clock, sink ?? new QueueStockChangeSink(clients), NullLogger<StockLedger>.Instance), clients);
    }

    private static OrderLine Line(string sku, int quantity, string lineId = "1") => new(lineId, sku, "Item " + sku, quantity, 1000, null, true);

    [Fact]
    public async Task Parallel_confirmations_for_the_last_units_reserve_exactly_what_exists()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "HOT", 5, null, null, null, Warehouse);

        var reservations = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => ledger.ReserveAsync("shop", $"ORD-{i}", Line("HOT", 1), Warehouse))));

        Assert.Equal(5, reservations.Sum(r => r.Holding));
        Assert.Equal(15, reservations.Count(r => r.Quantity == 0));
        var balance = await ledger.GetAsync("shop", "HOT");
        Assert.Equal(new StockLevel(5, 5), balance!.Level);
        Assert.Equal(0, balance.Level.Available);
    }

    [Fact]
    public async Task Parallel_multi_unit_lines_split_the_last_units_without_losing_or_doubling_one()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "HOT", 7, null, null, null, Warehouse);

        var reservations = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => ledger.ReserveAsync("shop", $"ORD-{i}", Line("HOT", 2), Warehouse))));

        Assert.Equal(7, reservations.Sum(r => r.Holding));
        Assert.Equal(1, reservations.Count(r => r.Quantity == 1));
        Assert.Equal(new StockLevel(7, 7), (await ledger.GetAsync("shop", "HOT"))!.Level);
    }

    [Fact]
    public async Task Retrying_a_reservation_for_the_same_line_does_not_reserve_twice()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "A", 10, null, null, null, Warehouse);

        var first = await ledger.ReserveAsync("shop", "ORD-1", Line("A", 3), Warehouse);
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ledger.ReserveAsync("shop", "ORD-1", Line("A", 3), Warehouse)));

        Assert.All(retries, r => Assert.Equal(first, r));
        Assert.Equal(new StockLevel(10, 3), (await ledger.GetAsync("shop", "A"))!.Level);
        Assert.Single(await ledger.ReservationsAsync("shop", "ORD-1"));
    }

    [Fact]
    public async Task A_release_that_lands_before_the_reserve_leaves_the_units_available()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "A", 4, null, null, null, Warehouse);
        var release = new AdjustStock("k", "shop", "ORD-1", [new StockLineChange("1", "A", 2, StockChangeKind.Release)], _clock.GetUtcNow(), Warehouse);

        await ledger.ApplyAsync(release, default);
        var late = await ledger.ReserveAsync("shop", "ORD-1", Line("A", 2), Warehouse);

        Assert.Equal((0, ReservationState.Released), (late.Holding, late.State));
        Assert.Equal(new StockLevel(4, 0), (await ledger.GetAsync("shop", "A"))!.Level);
    }

    [Fact]
    public async Task Order_steps_release_take_in_and_consume_stock_once_each_however_often_they_run()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "A", 1, null, null, null, Warehouse);
        await ledger.ReserveAsync("shop", "ORD-1", Line("A", 3), Warehouse);
        var pickup = new AdjustStock("k1", "shop", "ORD-1", [new StockLineChange("1", "A", 3, StockChangeKind.ReceivePickup)], _clock.GetUtcNow(), Warehouse);
        var pack = pickup with { Key = "k2", Changes = [new StockLineChange("1", "A", 3, StockChangeKind.Consume)] };

        await ledger.ApplyAsync(pickup, default);
        await ledger.ApplyAsync(pickup, default);
        Assert.Equal(new StockLevel(3, 3), (await ledger.GetAsync("shop", "A"))!.Level);
        await ledger.ApplyAsync(pack, default);
        await ledger.ApplyAsync(pack, default);

        Assert.Equal(new StockLevel(0, 0), (await ledger.GetAsync("shop", "A"))!.Level);
        var movements = (await ledger.MovementsAsync("shop", "A", 10, null)).Items;
        Assert.Equal(new[] { MovementKind.Packed, MovementKind.SupplierPickup, MovementKind.Receipt }, movements.Select(m => m.Kind));
        Assert.Equal(new[] { -3, 2, 1 }, movements.Select(m => m.Quantity));
        Assert.All(movements.Take(2), m => Assert.Equal(("ORD-1", "1", "wh-1"), (m.OrderId, m.LineId, m.By.UserId)));
    }

    [Fact]
    public async Task Every_movement_records_kind_quantity_reason_who_and_when()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "A", 10, "Blue shirt", "Delivery note 77", "dn-77", Warehouse);
        _clock.Advance(TimeSpan.FromHours(1));
        await ledger.CountAsync("shop", "A", 8, "Monthly count", null, Warehouse with { UserId = "wh-2" });

        var movements = (await ledger.MovementsAsync("shop", "A", 10, null)).Items;

        var count = movements[0];
        Assert.Equal((MovementKind.Count, -2, 8, "Monthly count", "wh-2"), (count.Kind, count.Quantity, count.OnHandAfter, count.Note, count.By.UserId));
        Assert.Equal(_clock.GetUtcNow(), count.At);
        Assert.Equal((MovementKind.Receipt, 10, "Delivery note 77"), (movements[1].Kind, movements[1].Quantity, movements[1].Note));
        Assert.Equal("Blue shirt", (await ledger.GetAsync("shop", "A"))!.Name);
    }

    [Fact]
    public async Task A_receipt_sent_twice_with_the_same_movement_id_counts_once()
    {
        var (ledger, _) = await LedgerAsync();

        var first = await ledger.ReceiveAsync("shop", "A", 10, null, null, "dn-1", Warehouse);
        var again = await ledger.ReceiveAsync("shop", "A", 10, null, null, "dn-1", Warehouse);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(10, again.Balance.Level.OnHand);
        Assert.Single((await ledger.MovementsAsync("shop", "A", 10, null)).Items);
    }

    [Fact]
    public async Task Availability_lists_skus_in_change_order_and_filters_by_changed_since()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "A", 1, null, null, null, Warehouse);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await ledger.ReceiveAsync("shop", "B", 2, null, null, null, Warehouse);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var since = _clock.GetUtcNow();
        await ledger.ReserveAsync("shop", "ORD-1", Line("A", 1), Warehouse);

        var all = await ledger.AvailabilityAsync("shop", null, 50, null);
        var changed = await ledger.AvailabilityAsync("shop", since, 50, null);

        Assert.Equal(new[] { "B", "A" }, all.Items.Select(b => b.Sku));
        var a = Assert.Single(changed.Items);
        Assert.Equal(("A", 0, 2L), (a.Sku, a.Level.Available, a.Version));
    }

    [Fact]
    public async Task Availability_pages_with_continuation_tokens_and_lists_each_sku_once()
    {
        var (ledger, _) = await LedgerAsync();
        foreach (var sku in Enumerable.Range(1, 7).Select(i => $"SKU-{i}"))
        {
            await ledger.ReceiveAsync("shop", sku, 1, null, null, null, Warehouse);
            await ledger.ReceiveAsync("shop", sku, 1, null, null, null, Warehouse);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ledger.AvailabilityAsync("shop", null, 3, token);
            seen.AddRange(page.Items.Select(b => b.Sku));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"SKU-{i}"), seen);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task Changes_in_availability_are_published_on_the_stock_changed_queue()
    {
        var (ledger, clients) = await LedgerAsync();
        await ledger.ReceiveAsync("shop", "A", 3, null, null, null, Warehouse);
        await ledger.ReserveAsync("shop", "ORD-1", Line("A", 1), Warehouse);
        await ledger.ApplyAsync(new AdjustStock("k", "shop", "ORD-1", [new StockLineChange("1", "A", 1, StockChangeKind.Consume)], _clock.GetUtcNow(), Warehouse), default);

        var messages = (await clients.Queue(QueueNames.StockChanged).ReceiveMessagesAsync(32)).Value
            .Select(m => Json.Deserialize<StockChanged>(m.Body.ToString())).OrderBy(m => m.Version).ToArray();

        // Packing changes on hand and reserved together: availability does not move, so storefronts are not told.
        Assert.Equal(new[] { (1L, 3), (2L, 2) }, messages.Select(m => (m.Version, m.Available)));
        Assert.All(messages, m => Assert.Equal(("shop", "A"), (m.MerchantId, m.Sku)));
        Assert.Equal(0, await ledger.FlushOutboxAsync("shop", TimeSpan.Zero));
    }

    [Fact]
    public async Task Changes_a_failed_publication_left_in_the_outbox_are_published_by_the_sweep()
    {
        var sink = new FlakySink();
        var (ledger, _) = await LedgerAsync(sink);
        sink.Failing = true;
        await ledger.ReceiveAsync("shop", "A", 3, null, null, null, Warehouse);
        Assert.Empty(sink.Published);

        sink.Failing = false;
        _clock.Advance(TimeSpan.FromMinutes(1));
        var published = await ledger.FlushOutboxAsync("shop", StockOutboxSweep.MinimumAge);

        Assert.Equal(1, published);
        Assert.Equal(3, Assert.Single(sink.Published).Available);
        Assert.Equal(0, await ledger.FlushOutboxAsync("shop", TimeSpan.Zero));
    }

    [Fact]
    public async Task Reservations_commit_whatever_exception_the_publication_throws_and_the_sweep_publishes_them_later()
    {
        var sink = new FlakySink();
        var (ledger, _) = await LedgerAsync(sink);
        await ledger.ReceiveAsync("shop", "A", 3, null, null, null, Warehouse);
        sink.Failure = () => new InvalidOperationException("Service Bus is unreachable");
        sink.Failing = true;

        var reserved = await ledger.ReserveAsync("shop", "ORD-1", Line("A", 2), Warehouse);
        sink.Failure = () => new TimeoutException("the channel timed out");
        var last = await ledger.ReserveAsync("shop", "ORD-2", Line("A", 1), Warehouse);

        Assert.Equal((2, 1), (reserved.Holding, last.Holding));
        Assert.Equal(new StockLevel(3, 3), (await ledger.GetAsync("shop", "A"))!.Level);
        sink.Failing = false;
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await ledger.FlushOutboxAsync("shop", StockOutboxSweep.MinimumAge));
        Assert.Equal([3, 0, 1], sink.Published.Take(1).Concat(sink.Published.Skip(1).OrderBy(p => p.Available)).Select(p => p.Available));
    }

    [Fact]
    public async Task One_sweep_visits_at_most_its_share_of_merchants_and_the_next_runs_go_round_the_rest()
    {
        var sink = new FlakySink { Failing = true };
        await using var host = new BackofficeHost(azurite, services: s => s.AddSingleton<IStockChangeSink>(sink));
        var merchants = Enumerable.Range(1, StockOutboxSweep.MerchantsPerRun + 5).Select(i => $"shop-{i:D2}").ToArray();
        foreach (var merchantId in merchants)
        {
            await host.AddMerchantAsync(merchantId);
            await host.Service<StockLedger>().ReceiveAsync(merchantId, "A", 1, null, null, null, Warehouse);
        }

        sink.Failing = false;
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var sweep = host.Service<StockOutboxSweep>();

        await sweep.RunAsync(host.Clock.GetUtcNow(), CancellationToken.None);
        var first = sink.Published.Select(p => p.MerchantId).ToArray();
        await sweep.RunAsync(host.Clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(StockOutboxSweep.MerchantsPerRun, first.Length);
        Assert.Equal(merchants, sink.Published.Select(p => p.MerchantId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Skus_with_characters_that_table_keys_forbid_are_stored_and_read_back()
    {
        var (ledger, _) = await LedgerAsync();
        const string sku = "A/B#C?D\\E~F %20 ü";

        await ledger.ReceiveAsync("shop", sku, 2, null, null, null, Warehouse);
        await ledger.ReceiveAsync("shop", "A", 1, null, null, null, Warehouse);

        Assert.Equal(sku, (await ledger.GetAsync("shop", sku))!.Sku);
        Assert.Single((await ledger.MovementsAsync("shop", sku, 10, null)).Items);
        Assert.Single((await ledger.MovementsAsync("shop", "A", 10, null)).Items);
    }

    [Fact]
    public async Task One_merchants_stock_is_invisible_to_another()
    {
        var (ledger, _) = await LedgerAsync();
        await ledger.ReceiveAsync("shop-one", "A", 5, null, null, null, Warehouse);

        Assert.Null(await ledger.GetAsync("shop-two", "A"));
        Assert.Empty((await ledger.AvailabilityAsync("shop-two", null, 50, null)).Items);
        var reserved = await ledger.ReserveAsync("shop-two", "ORD-1", Line("A", 1), Warehouse);
        Assert.Equal(0, reserved.Holding);
    }

    [Fact]
    public async Task A_transaction_with_a_stale_etag_is_refused_by_this_azurite()
    {
        // The ledger's no-oversell guarantee rests on this; keep a test that would catch Azurite ignoring If-Match in batches.
        var (_, clients) = await LedgerAsync();
        var table = clients.Table(TableNames.Stock);
        await table.AddEntityAsync(new TableEntity("shop", "b~X") { ["OnHand"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>("shop", "b~X")).Value;
        await table.UpdateEntityAsync(new TableEntity("shop", "b~X") { ["OnHand"] = 2 }, stale.ETag, TableUpdateMode.Replace);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("shop", "b~X") { ["OnHand"] = 3 }, stale.ETag)]));
        Assert.Equal(412, ex.Status);
    }

    private sealed class FlakySink : IStockChangeSink
    {
        public bool Failing { get; set; }

        public Func<Exception> Failure { get; set; } = () => new RequestFailedException(503, "channel down");

        public List<StockChanged> Published { get; } = [];

        public Task PublishAsync(StockChanged change, CancellationToken ct)
        {
            if (Failing)
            {
                throw Failure();
            }

            Published.Add(change);
            return Task.CompletedTask;
        }
    }
}
