using Backoffice.Core.Common;
using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Xunit;

namespace Backoffice.Customers.Tests;

public sealed class CustomerRecordTests
{
    private static OrderFacts Facts(OrderOutcome outcome, long delivered = 0, int version = 2) =>
        new("ORD-1", "ext", DateTimeOffset.UnixEpoch, Stage.Confirmation, outcome, PaymentMethod.CashOnDelivery, 5000, delivered, "EUR", version);

    [Fact]
    public void A_new_order_counts_once_and_its_outcome_moves_the_counts()
    {
        var open = CustomerStats.None.Apply(null, Facts(OrderOutcome.Open));
        var delivered = open.Apply(Facts(OrderOutcome.Open), Facts(OrderOutcome.Delivered, 4500, 9));

        Assert.Equal(new CustomerStats(1, 0, 0, 0, 0), open);
        Assert.Equal(new CustomerStats(1, 1, 0, 0, 4500), delivered);
    }

    [Fact]
    public void The_refusal_rate_counts_only_parcels_that_reached_the_door()
    {
        var stats = new CustomerStats(Orders: 10, Delivered: 2, Refused: 1, Cancelled: 7, LifetimeValue: 0);

        Assert.Equal(3333, stats.RefusalRateBasisPoints);
        Assert.Equal(0, CustomerStats.None.RefusalRateBasisPoints);
    }

    [Theory]
    [InlineData(2, 2, true)]
    [InlineData(2, 3, false)]
    [InlineData(1, 0, false)]
    [InlineData(3, 3, true)]
    public void Frequent_refusers_are_a_risk(int refused, int delivered, bool high) =>
        Assert.Equal(high, RefusalRisk.Default.IsHigh(new CustomerStats(refused + delivered, delivered, refused, 0, 0)));

    [Fact]
    public void Only_cash_on_delivery_orders_of_a_risky_customer_are_flagged()
    {
        var risky = new CustomerStats(4, 1, 3, 0, 0);

        Assert.True(RefusalRisk.Default.Flags(risky, PaymentMethod.CashOnDelivery));
        Assert.False(RefusalRisk.Default.Flags(risky, PaymentMethod.Prepaid));
        Assert.True(new RefusalRisk(1, 2_000).Flags(new CustomerStats(5, 4, 1, 0, 0), PaymentMethod.CashOnDelivery));
    }

    [Fact]
    public void Outcomes_distinguish_door_refusals_from_losses_before_the_door()
    {
        var place = new PlaceOrder("m", "ORD-1", new OrderDraft("e", new Customer("A", "+4915112345678", null, new Address("x", null, "y", null, null, "DE")),
            [new OrderLine("1", "S", "N", 1, 100, null, true)], 0, "EUR", PaymentMethod.CashOnDelivery, "own"), DeadlinePolicy.Default, Actor.System("t"), DateTimeOffset.UnixEpoch);
        var placed = (PlacedOrder)OrderDecider.Decide(OrderDecider.Initial, place).Events.Aggregate(OrderDecider.Initial, OrderDecider.Evolve);
        var cancelled = placed with { Stage = Stage.Cancelled, Cancellation = new Cancellation(Stage.Confirmation, CancellationReason.Fraud, Department.Merchant, null, default, "u") };
        var refused = cancelled with { Cancellation = cancelled.Cancellation! with { Stage = Stage.Delivery, Reason = CancellationReason.CustomerRefused } };
        var absent = cancelled with { Cancellation = cancelled.Cancellation! with { Stage = Stage.Delivery, Reason = CancellationReason.CustomerAbsent } };
        var damaged = cancelled with { Cancellation = cancelled.Cancellation! with { Stage = Stage.Delivery, Reason = CancellationReason.ItemDamaged } };

        Assert.Equal(
            new[] { OrderOutcome.Open, OrderOutcome.Cancelled, OrderOutcome.Refused, OrderOutcome.Refused, OrderOutcome.Cancelled, OrderOutcome.Delivered },
            new[] { placed, cancelled, refused, absent, damaged, placed with { Stage = Stage.Delivered } }.Select(OrderFacts.Classify));
    }
}
