using Backoffice.Core.Finance;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Orders.Lifecycle;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Backoffice.Infra.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class RunnerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_commit_whose_process_died_before_dispatch_is_completed_by_the_orchestrations_advance_step()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = OrderIds.For("shop", "crash-1");
        var command = new PlaceOrder("shop", id, InfraHarness.Draft("crash-1"), DeadlinePolicy.Default, InfraHarness.Operator, h.Clock.GetUtcNow());
        var decision = OrderDecider.Decide(OrderDecider.Initial, command);
        var after = (PlacedOrder)decision.Events.Aggregate(OrderDecider.Initial, OrderDecider.Evolve);
        var effects = OrderWorkflow.Effects(OrderDecider.Initial, after, decision.Events);

        // The processor "dies" right after committing, before its inline dispatch.
        await h.Store.CommitAsync(new StoredOrder(OrderDecider.Initial, null), after, decision.Events, effects, "cmd-1");
        Assert.Empty((await h.WorkQueue.PageAsync(Stage.Confirmation, null, 10, null)).Items);

        var plan = await h.Steps.AdvanceAsync(new AdvanceRequest("shop", id, 2));

        Assert.Equal((2, Stage.Confirmation, false, false), (plan.Version, plan.Stage, plan.Settled, plan.AwaitedVersionMissing));
        Assert.Equal(DeadlinePolicy.Default.Confirmation, plan.DueIn);
        Assert.Single((await h.WorkQueue.PageAsync(Stage.Confirmation, null, 10, null)).Items);
        Assert.Single((await h.MerchantOrders.PageAsync("shop", 10, null)).Items);
        Assert.Empty(await h.Store.PendingEffectsAsync("shop", id));
    }

    [Fact]
    public async Task Running_the_same_effects_twice_leaves_one_of_everything()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;
        foreach (var cmd in new Func<OrderState, OrderCommand>[]
        {
            _ => new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()),
            _ => new RecordPacking([], InfraHarness.Operator, h.Clock.GetUtcNow()),
            _ => new DispatchToCourier("c-1", InfraHarness.Operator, h.Clock.GetUtcNow()),
        })
        {
            Assert.Equal(OutcomeKind.Applied, (await h.Processor.ExecuteAsync("shop", id, cmd)).Kind);
        }

        // Deliver without dispatching, as if the process died after the commit, then dispatch twice ("redelivery").
        var loaded = await h.Store.LoadAsync("shop", id);
        var decision = OrderDecider.Decide(loaded.State, new RecordDelivery(DeliveryResult.AcceptedAll, [], 2500, null, InfraHarness.Operator, h.Clock.GetUtcNow()));
        var after = (PlacedOrder)decision.Events.Aggregate(loaded.State, OrderDecider.Evolve);
        await h.Store.CommitAsync(loaded, after, decision.Events, OrderWorkflow.Effects(loaded.State, after, decision.Events), "cmd-deliver");
        var pending = await h.Store.PendingEffectsAsync("shop", id);
        foreach (var p in pending)
        {
            await h.Dispatcher.DispatchAsync([p]);
        }

        await h.Dispatcher.DispatchAsync(pending);

        var ledger = new List<LedgerEntry>();
        await foreach (var entry in new CashLedger(h.Clients, h.Clock).AllAsync("shop"))
        {
            ledger.Add(entry);
        }

        var collected = Assert.Single(ledger);
        Assert.Equal(LedgerEntryKind.CashCollected, collected.Kind);
        Assert.Equal(2500, collected.Amount);
        foreach (var stage in StageFacts.Working)
        {
            Assert.Empty((await h.WorkQueue.PageAsync(stage, null, 10, null)).Items);
        }

        Assert.Equal("Delivered", (await h.MerchantOrders.PageAsync("shop", 10, null)).Items.Single().Stage);
    }

    [Fact]
    public async Task A_fired_deadline_timer_escalates_the_order_and_repeated_misses_cancel_it()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;

        h.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        var first = await h.ReachCurrentDeadlineAsync(id);
        Assert.Equal(3, first.Version);
        Assert.Equal(3, (await h.Steps.ReachDeadlineAsync(new DeadlineRequest("shop", id, Stage.Confirmation, InfraHarness.T0 + TimeSpan.FromHours(2)))).Version);

        var escalated = (PlacedOrder)(await h.Store.LoadAsync("shop", id)).State;
        Assert.True(escalated.Deadline!.Escalated);
        var queue = await h.WorkQueue.PageAsync(Stage.Confirmation, "shop", 10, null);
        Assert.Equal(escalated.Deadline.DueAt, Assert.Single(queue.Items).DueAt);

        for (var i = 0; i < 2; i++)
        {
            h.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
            await h.ReachCurrentDeadlineAsync(id);
        }

        var cancelled = (PlacedOrder)(await h.Store.LoadAsync("shop", id)).State;
        Assert.Equal(Stage.Cancelled, cancelled.Stage);
        Assert.Equal((CancellationReason.DeadlineMissed, Department.CallCentre), (cancelled.Cancellation!.Reason, cancelled.Cancellation.Department));
        Assert.Empty((await h.WorkQueue.PageAsync(Stage.Confirmation, null, 10, null)).Items);
        Assert.True((await h.Steps.AdvanceAsync(new AdvanceRequest("shop", id, 0))).Settled);
    }

    [Fact]
    public async Task A_deadline_timer_that_fires_before_the_deadline_on_the_application_clock_changes_nothing()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var placed = (await h.PlaceAsync()).State!;

        var plan = await h.Steps.ReachDeadlineAsync(new DeadlineRequest("shop", placed.OrderId, Stage.Confirmation, placed.Deadline!.DueAt));

        Assert.Equal(2, plan.Version);
        Assert.Equal(DeadlinePolicy.Default.Confirmation, plan.DueIn);
        Assert.False(((PlacedOrder)(await h.Store.LoadAsync("shop", placed.OrderId)).State).Deadline!.Escalated);
    }

    [Fact]
    public async Task An_announced_version_that_has_not_landed_is_reported_missing_so_the_orchestration_looks_again()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var placed = (await h.PlaceAsync()).State!;

        Assert.True((await h.Steps.AdvanceAsync(new AdvanceRequest("shop", placed.OrderId, 3))).AwaitedVersionMissing);
        Assert.False((await h.Steps.AdvanceAsync(new AdvanceRequest("shop", placed.OrderId, 2))).AwaitedVersionMissing);
    }

    [Fact]
    public async Task Work_queues_page_in_due_order_and_filter_by_merchant()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            await h.PlaceAsync(i % 2 == 0 ? "shop-a" : "shop-b", $"ext-{i}");
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await h.WorkQueue.PageAsync(Stage.Confirmation, null, 3, null);
        var second = await h.WorkQueue.PageAsync(Stage.Confirmation, null, 3, first.ContinuationToken);
        var onlyA = await h.WorkQueue.PageAsync(Stage.Confirmation, "shop-a", 10, null);

        Assert.Equal(3, first.Items.Count);
        Assert.Equal(2, second.Items.Count);
        var all = first.Items.Concat(second.Items).Select(i => i.DueAt).ToArray();
        Assert.Equal(all.Order(), all);
        Assert.Equal(3, onlyA.Items.Count);
        Assert.All(onlyA.Items, i => Assert.Equal("shop-a", i.MerchantId));
    }
}
