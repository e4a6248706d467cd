using Backoffice.Core.Orders;
using Xunit;
using static Backoffice.Core.Tests.Orders.OrderFixtures;

namespace Backoffice.Core.Tests.Orders;

public sealed class WorkflowEffectsTests
{
    private static IReadOnlyList<OrderEffect> EffectsOf(OrderState before, OrderCommand command)
    {
        var decision = OrderDecider.Decide(before, command);
        Assert.True(decision.IsAccepted);
        var after = decision.Events.Aggregate(before, OrderDecider.Evolve);
        return OrderWorkflow.Effects(before, after, decision.Events);
    }

    [Fact]
    public void Placing_indexes_the_order_queues_it_and_arms_its_deadline()
    {
        var effects = EffectsOf(OrderDecider.Initial, Place());

        Assert.Single(effects.OfType<IndexMerchantOrder>());
        var work = Assert.Single(effects.OfType<UpdateWorkItem>());
        Assert.Null(work.Previous);
        Assert.Equal(Stage.Confirmation, work.Current!.Stage);
        var timer = Assert.Single(effects.OfType<ArmDeadline>());
        Assert.Equal(T0 + DeadlinePolicy.Default.Confirmation, timer.DueAt);
        Assert.Single(effects.OfType<PublishStatus>());
    }

    [Fact]
    public void Delivery_with_cash_posts_it_and_leaves_the_work_queue()
    {
        var before = OutForDelivery();
        var effects = EffectsOf(before, new RecordDelivery(DeliveryResult.AcceptedAll, [], 8200, null, Operator, At(5)));

        var cash = Assert.Single(effects.OfType<PostCash>());
        Assert.Equal((CashMovement.Collected, 8200L, "EUR"), (cash.Movement, cash.Amount, cash.Currency));
        var work = Assert.Single(effects.OfType<UpdateWorkItem>());
        Assert.Null(work.Current);
        Assert.Empty(effects.OfType<ArmDeadline>());
    }

    [Fact]
    public void Effect_keys_are_unique_and_stable_per_version()
    {
        var before = OutForDelivery();
        var command = new RecordDelivery(DeliveryResult.AcceptedAll, [], 8200, null, Operator, At(5));
        var first = EffectsOf(before, command).Select(e => e.Key).ToArray();
        var second = EffectsOf(before, command).Select(e => e.Key).ToArray();

        Assert.Equal(first, second);
        Assert.Equal(first.Length, first.Distinct().Count());
    }

    [Fact]
    public void Dispatching_changes_nothing_a_queue_or_timer_sees()
    {
        var effects = EffectsOf(AwaitingDispatch(), new DispatchToCourier("c", Operator, At(4)));

        Assert.Empty(effects.OfType<UpdateWorkItem>());
        Assert.Empty(effects.OfType<ArmDeadline>());
    }

    [Fact]
    public void Order_ids_are_deterministic_and_distinct_per_merchant()
    {
        Assert.Equal(OrderIds.For("shop", "1001"), OrderIds.For("shop", "1001"));
        Assert.NotEqual(OrderIds.For("shop", "1001"), OrderIds.For("other", "1001"));
        Assert.NotEqual(OrderIds.For("shop", "1001"), OrderIds.For("shop", "1002"));
        Assert.True(OrderIds.IsWellFormed(OrderIds.For("shop", "1001")));
        Assert.False(OrderIds.IsWellFormed("ORD-../../etc"));
    }
}
