using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Infra.Tests;

/// <summary>
/// The inline dispatch after a commit: it runs what it committed without reading the outbox back, runs what an earlier
/// commit left first (the order's orchestration runs whatever it could not).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InlineDispatchTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_command_after_a_commit_whose_process_died_runs_the_leftover_effects_first()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = OrderIds.For("shop", "left-1");
        var command = new PlaceOrder("shop", id, InfraHarness.Draft("left-1"), DeadlinePolicy.Default, InfraHarness.Operator, h.Clock.GetUtcNow());
        var decision = OrderDecider.Decide(OrderDecider.Initial, command);
        var placed = (PlacedOrder)decision.Events.Aggregate(OrderDecider.Initial, OrderDecider.Evolve);

        // The placement commits and its process dies before dispatching (its orchestration would run the leftovers later).
        await h.Store.CommitAsync(new StoredOrder(OrderDecider.Initial, null), placed, decision.Events, OrderWorkflow.Effects(OrderDecider.Initial, placed, decision.Events), "cmd-1");
        var confirmed = await h.Processor.ExecuteAsync("shop", id, _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()));

        Assert.Equal(OutcomeKind.Applied, confirmed.Kind);
        Assert.Empty(await h.Store.PendingEffectsAsync("shop", id));
        Assert.Empty((await h.WorkQueue.PageAsync(Stage.Confirmation, null, 10, null)).Items);
        Assert.Equal(id, Assert.Single((await h.WorkQueue.PageAsync(Stage.Packing, null, 10, null)).Items).OrderId);
        var listed = Assert.Single((await h.MerchantOrders.PageAsync("shop", 10, null)).Items);
        Assert.Equal(nameof(Stage.Packing), listed.Stage);
    }

    [Fact]
    public async Task A_dispatched_command_leaves_no_outbox_rows_behind()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;
        await h.Processor.ExecuteAsync("shop", id, _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()));
        Assert.Empty(await h.Store.PendingEffectsAsync("shop", id));
    }

    [Fact]
    public async Task A_redelivered_placement_tried_as_an_insert_is_refused_as_already_placed_and_leaves_nothing_behind()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = OrderIds.For("shop", "again-1");
        Func<OrderState, OrderCommand> place = _ => new PlaceOrder("shop", id, InfraHarness.Draft("again-1"), DeadlinePolicy.Default, InfraHarness.Operator, h.Clock.GetUtcNow());

        var first = await h.Processor.PlaceAsync("shop", id, place);
        var again = await h.Processor.PlaceAsync("shop", id, place);

        Assert.Equal((OutcomeKind.Applied, true), (first.Kind, first.Created));
        Assert.Equal(Rejection.AlreadyPlaced, again.Rejection?.Code);
        Assert.Equal(2, again.State!.Version);
        Assert.Equal(2, (await h.Store.EventsAsync("shop", id)).Count);
        Assert.Single((await h.MerchantOrders.PageAsync("shop", 10, null)).Items);
    }

    [Fact]
    public async Task Concurrent_placements_tried_as_inserts_create_the_order_once()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = OrderIds.For("shop", "race-1");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => h.Processor.PlaceAsync(
            "shop", id, _ => new PlaceOrder("shop", id, InfraHarness.Draft("race-1"), DeadlinePolicy.Default, InfraHarness.Operator, h.Clock.GetUtcNow()))));

        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Applied);
        Assert.All(outcomes.Where(o => o.Kind != OutcomeKind.Applied), o => Assert.Equal(Rejection.AlreadyPlaced, o.Rejection?.Code));
        Assert.Equal(2, (await h.Store.EventsAsync("shop", id)).Count);
        Assert.Single((await h.WorkQueue.PageAsync(Stage.Confirmation, null, 10, null)).Items);
    }

    [Fact]
    public async Task A_placement_dispatched_late_does_not_take_the_merchant_list_back_to_its_first_stage()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;
        await h.Processor.ExecuteAsync("shop", id, _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()));
        var placementEvents = (await h.Store.EventsAsync("shop", id)).Take(2).Select(e => e.Event).ToArray();
        var placed = OrderDecider.Fold(placementEvents);

        // The placement's effects run again (a redelivered safety net): index and first status in one batch.
        var partition = Keys.OrderPartition("shop", id);
        var effects = OrderWorkflow.Effects(OrderDecider.Initial, placed, placementEvents);
        await h.Dispatcher.DispatchAsync(effects.Select((e, i) => new PendingEffect(partition, $"out-0000000002-{i:D3}", e)).ToArray());

        var listed = Assert.Single((await h.MerchantOrders.PageAsync("shop", 10, null)).Items);
        Assert.Equal(nameof(Stage.Packing), listed.Stage);
    }
}
