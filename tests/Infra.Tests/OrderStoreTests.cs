using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Infra.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class OrderStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_placed_order_reads_back_with_its_events_in_order()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var placed = await h.PlaceAsync();

        var loaded = await h.Store.LoadAsync("shop", placed.State!.OrderId);
        var events = await h.Store.EventsAsync("shop", placed.State.OrderId);

        Assert.Equal(Json.Serialize(placed.State), Json.Serialize((PlacedOrder)loaded.State));
        Assert.Equal(["OrderPlaced", "StageEntered"], events.Select(e => e.Event.Name));
        Assert.Equal([1, 2], events.Select(e => e.Sequence));
        Assert.Equal("op-1", events[0].Event.By.UserId);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_changes_nothing()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var placed = await h.PlaceAsync();
        var stale = await h.Store.LoadAsync("shop", placed.State!.OrderId);
        await h.Processor.ExecuteAsync("shop", placed.State.OrderId, _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()));

        var decision = OrderDecider.Decide(stale.State, new CancelOrder(CancellationReason.Fraud, null, null, InfraHarness.Operator, h.Clock.GetUtcNow()));
        var after = (PlacedOrder)decision.Events.Aggregate(stale.State, OrderDecider.Evolve);
        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => h.Store.CommitAsync(stale, after, decision.Events, [], "cmd-x"));

        Assert.Equal(412, ex.Status);
        var events = await h.Store.EventsAsync("shop", placed.State.OrderId);
        Assert.DoesNotContain(events, e => e.Event is OrderCancelled);
        Assert.Equal(Stage.Packing, ((PlacedOrder)(await h.Store.LoadAsync("shop", placed.State.OrderId)).State).Stage);
    }

    [Fact]
    public async Task Placing_the_same_order_twice_creates_it_once()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var first = await h.PlaceAsync();
        var second = await h.PlaceAsync();

        Assert.Equal(OutcomeKind.Applied, first.Kind);
        Assert.Equal(Rejection.AlreadyPlaced, second.Rejection?.Code);
        Assert.Equal(2, (await h.Store.EventsAsync("shop", first.State!.OrderId)).Count);
    }

    [Fact]
    public async Task Two_conflicting_commands_at_once_end_with_exactly_one_applied()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;

        var confirm = h.Processor.ExecuteAsync("shop", id, _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()));
        var cancel = h.Processor.ExecuteAsync("shop", id, _ => new CancelOrder(CancellationReason.Fraud, null, null, InfraHarness.Operator, h.Clock.GetUtcNow()));
        var outcomes = await Task.WhenAll(confirm, cancel);

        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Applied);
        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Rejected);
        var events = await h.Store.EventsAsync("shop", id);
        Assert.Equal(events.Count, events.Select(e => e.Sequence).Distinct().Count());
        Assert.False(events.Any(e => e.Event is OrderConfirmed) && events.Any(e => e.Event is OrderCancelled));
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_without_writing()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;

        var outcome = await h.Processor.ExecuteAsync("shop", id, _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()), expectedVersion: 1);

        Assert.Equal(OutcomeKind.VersionMismatch, outcome.Kind);
        Assert.Equal(2, (await h.Store.LoadAsync("shop", id)).State.Version);
    }

    [Fact]
    public async Task An_order_with_a_hundred_long_lines_round_trips_across_chunks()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = OrderIds.For("shop", "big");
        var draft = InfraHarness.Draft("big", 100) with
        {
            Lines = Enumerable.Range(1, 100).Select(i => new OrderLine($"{i}", new string('S', 64), new string('N', 200) + "ü", 3, 123456, "supplier-" + i, i % 2 == 0)).ToArray(),
        };

        var outcome = await h.Processor.ExecuteAsync("shop", id, _ => new PlaceOrder("shop", id, draft, DeadlinePolicy.Default, InfraHarness.Operator, h.Clock.GetUtcNow()));
        var loaded = (PlacedOrder)(await h.Store.LoadAsync("shop", id)).State;

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(100, loaded.Lines.Count);
        Assert.Equal(draft.Lines[99], loaded.Lines[99].Line);
    }

    [Fact]
    public async Task Azurite_honours_if_match_inside_a_transaction()
    {
        // Guards against Azurite issue #1233 (If-Match ignored in batches) coming back in another version.
        var h = await InfraHarness.CreateAsync(azurite);
        var table = h.Clients.Table(TableNames.Orders);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var entity = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, entity.ETag, TableUpdateMode.Replace);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "r") { ["V"] = 3 }, entity.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r2")),
        ]));

        Assert.Equal(412, ex.Status);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V"));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r2")).HasValue);
    }
}
