using Backoffice.Core.Orders;
using Xunit;
using static Backoffice.Core.Tests.Orders.OrderFixtures;

namespace Backoffice.Core.Tests.Orders;

/// <summary>
/// Issue 15, item 11: cash a courier collected is never refused. While an order is out for delivery its deadline
/// escalates but never cancels; an order cancelled in the Delivery stage after a courier took it still accepts the
/// courier's delivery, and the cash goes on the books.
/// </summary>
public sealed class CollectedCashTests
{
    private const long Whole = 8200; // 2 × 1000 + 5000 + 700 + 500 delivery fee

    [Fact]
    public void An_order_out_for_delivery_escalates_on_every_missed_deadline_but_is_never_cancelled()
    {
        OrderState state = OutForDelivery();
        for (var i = 1; i <= 6; i++)
        {
            state = Run(state, MissDeadline((PlacedOrder)state));
            var order = (PlacedOrder)state;
            Assert.Equal((Stage.Delivery, i), (order.Stage, order.Deadline!.Misses));
        }

        var delivered = (PlacedOrder)Run(state, new RecordDelivery(DeliveryResult.AcceptedAll, [], Whole, null, Operator, At(500)));
        Assert.Equal((Stage.Delivered, Whole), (delivered.Stage, delivered.CashCollected));
    }

    [Fact]
    public void A_parcel_back_from_an_absent_customer_still_times_out()
    {
        var state = Absent(OutForDelivery());

        state = MissThrice(state);

        Assert.Equal(Stage.Cancelled, state.Stage);
        Assert.Equal((Stage.Delivery, CancellationReason.DeadlineMissed, "Deadline missed 3 times."), (state.Cancellation!.Stage, state.Cancellation.Reason, state.Cancellation.Note));
    }

    [Fact]
    public void A_delivery_recorded_after_a_timeout_cancel_of_an_order_a_courier_had_is_accepted_and_its_cash_booked()
    {
        var cancelled = MissThrice(Absent(OutForDelivery()));
        var delivery = new RecordDelivery(DeliveryResult.AcceptedAll, [], Whole, null, Operator, At(400));

        var decision = OrderDecider.Decide(cancelled, delivery);

        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        var after = (PlacedOrder)decision.Events.Aggregate((OrderState)cancelled, OrderDecider.Evolve);
        Assert.Equal((Stage.Delivered, Whole, Whole, (Cancellation?)null), (after.Stage, after.CashCollected, after.DeliveredValue, after.Cancellation));
        Assert.All(after.Lines, l => Assert.Equal(LineStatus.Delivered, l.Status));
        var cash = Assert.Single(OrderWorkflow.Effects(cancelled, after, decision.Events).OfType<PostCash>());
        Assert.Equal((CashMovement.Collected, Whole, "courier-1"), (cash.Movement, cash.Amount, cash.CourierId));
        Assert.Empty(OrderWorkflow.Effects(cancelled, after, decision.Events).OfType<AdjustStock>());

        // The cash is then handed over as for any delivered order.
        Assert.Equal(0, ((PlacedOrder)Run(after, new HandOverCash(Whole, Operator, At(401)))).CashOutstanding);
    }

    [Fact]
    public void An_order_cancelled_while_out_for_delivery_by_the_old_rule_accepts_the_couriers_delivery()
    {
        var legacy = (PlacedOrder)OrderDecider.Evolve(OutForDelivery(), new OrderCancelled(
            new Cancellation(Stage.Delivery, CancellationReason.DeadlineMissed, Department.OutboundLogistics, "Deadline missed 3 times.", At(300), "system"), At(300), Operator));

        var after = (PlacedOrder)Run(legacy, new RecordDelivery(DeliveryResult.AcceptedAll, [], Whole, null, Operator, At(301)));

        Assert.Equal((Stage.Delivered, Whole), (after.Stage, after.CashCollected));
    }

    [Fact]
    public void A_partly_accepted_late_delivery_books_the_accepted_lines_and_the_rejected_ones_as_rejections()
    {
        var cancelled = MissThrice(Absent(OutForDelivery()));

        var after = (PlacedOrder)Run(cancelled, new RecordDelivery(
            DeliveryResult.AcceptedSome, [new LineDrop("3", CancellationReason.RejectedOnInspection)], Whole - 700, null, Operator, At(400)));

        Assert.Equal((Stage.Delivered, Whole - 700), (after.Stage, after.CashCollected));
        Assert.Equal(LineStatus.Rejected, after.FindLine("3")!.Status);
    }

    [Fact]
    public void A_late_delivery_must_still_hand_in_exactly_the_accepted_value_and_refusals_after_a_cancel_change_nothing()
    {
        var cancelled = MissThrice(Absent(OutForDelivery()));

        Assert.Equal(Rejection.CashMismatch, OrderDecider.Decide(cancelled, new RecordDelivery(DeliveryResult.AcceptedAll, [], Whole - 1, null, Operator, At(400))).Rejection!.Code);
        Assert.Equal(Rejection.StageForbids, OrderDecider.Decide(cancelled, new RecordDelivery(DeliveryResult.Refused, [], null, null, Operator, At(400))).Rejection!.Code);
        Assert.Equal(Rejection.StageForbids, OrderDecider.Decide(cancelled, new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, null, Operator, At(400))).Rejection!.Code);
    }

    [Fact]
    public void An_order_cancelled_before_any_courier_had_it_refuses_a_delivery()
    {
        var cancelled = (PlacedOrder)Run(AwaitingDispatch(), new CancelOrder(CancellationReason.CustomerChangedMind, null, null, Operator, At(5)));

        Assert.Equal(Rejection.StageForbids, OrderDecider.Decide(cancelled, new RecordDelivery(DeliveryResult.AcceptedAll, [], Whole, null, Operator, At(6))).Rejection!.Code);
    }

    [Theory]
    [InlineData(1, "Deadline missed once.")]
    [InlineData(2, "Deadline missed 2 times.")]
    [InlineData(5, "Deadline missed 5 times.")]
    public void The_cancellation_note_counts_missed_deadlines_in_plain_english(int allowed, string note)
    {
        var order = (PlacedOrder)Run(OrderDecider.Initial, Place(policy: DeadlinePolicy.Default with { MaxDeadlineMisses = allowed }));

        for (var miss = 0; miss < allowed; miss++)
        {
            order = (PlacedOrder)Run(order, MissDeadline(order));
        }

        Assert.Equal((Stage.Cancelled, CancellationReason.DeadlineMissed, note), (order.Stage, order.Cancellation!.Reason, order.Cancellation.Note));
    }

    private static ReachDeadline MissDeadline(PlacedOrder order) =>
        new(order.Deadline!.Stage, order.Deadline.DueAt, Operator, order.Deadline.DueAt.AddMinutes(1));

    private static PlacedOrder Absent(PlacedOrder order) =>
        (PlacedOrder)Run(order, new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, "not at home", Operator, At(5)));

    private static PlacedOrder MissThrice(PlacedOrder order)
    {
        for (var i = 0; i < 3; i++)
        {
            order = (PlacedOrder)Run(order, MissDeadline(order));
        }

        return order;
    }
}
