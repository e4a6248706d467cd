using Backoffice.Core.Orders;
using Xunit;
using static Backoffice.Core.Tests.Orders.OrderFixtures;

namespace Backoffice.Core.Tests.Orders;

public sealed class OrderLifecycleTests
{
    [Fact]
    public void Placing_an_order_enters_confirmation_with_its_deadline()
    {
        var order = InConfirmation();

        Assert.Equal(Stage.Confirmation, order.Stage);
        Assert.Equal(T0 + DeadlinePolicy.Default.Confirmation, order.Deadline!.DueAt);
        Assert.All(order.Lines, l => Assert.Equal(LineStatus.Active, l.Status));
        Assert.Equal(2 * 1000 + 5000 + 700 + 500, order.OrderedValue);
    }

    [Fact]
    public void Confirming_with_a_supplier_line_goes_to_supplier_pickup()
    {
        var order = InSupplierPickup();

        Assert.Equal(Stage.SupplierPickup, order.Stage);
        Assert.Equal(LineStatus.AwaitingPickup, order.FindLine("2")!.Status);
        Assert.Equal(LineStatus.Active, order.FindLine("1")!.Status);
        Assert.Equal(At(1) + DeadlinePolicy.Default.SupplierPickup, order.Deadline!.DueAt);
    }

    [Fact]
    public void Confirming_without_supplier_lines_skips_pickup()
    {
        var order = (PlacedOrder)Run(InConfirmation(), new ConfirmOrder([new LineDrop("2", CancellationReason.PriceNotAccepted)], Operator, At(1)));

        Assert.Equal(Stage.Packing, order.Stage);
        var dropped = order.FindLine("2")!;
        Assert.Equal(LineStatus.Cancelled, dropped.Status);
        Assert.Equal(new Cancellation(Stage.Confirmation, CancellationReason.PriceNotAccepted, Department.Customer, null, At(1), "op-1"), dropped.Cancellation);
    }

    [Fact]
    public void Confirming_cannot_drop_every_line()
    {
        var drops = new[] { "1", "2", "3" }.Select(id => new LineDrop(id, CancellationReason.CustomerChangedMind)).ToArray();
        var decision = OrderDecider.Decide(InConfirmation(), new ConfirmOrder(drops, Operator, At(1)));

        Assert.Equal(Rejection.Invalid, decision.Rejection?.Code);
    }

    [Fact]
    public void A_failed_supplier_line_is_lost_to_purchasing_and_the_rest_moves_to_packing()
    {
        var order = (PlacedOrder)Run(InSupplierPickup(), new RecordPickup([], [new LineDrop("2", CancellationReason.SupplierOutOfStock)], Operator, At(2)));

        Assert.Equal(Stage.Packing, order.Stage);
        Assert.Equal(Department.Purchasing, order.FindLine("2")!.Cancellation!.Department);
        Assert.Equal(Stage.SupplierPickup, order.FindLine("2")!.Cancellation!.Stage);
        Assert.Equal(2 * 1000 + 700 + 500, order.LiveValue);
    }

    [Fact]
    public void A_supplier_blocking_shipment_is_charged_to_the_merchant()
    {
        var order = (PlacedOrder)Run(InSupplierPickup(), new RecordPickup([], [new LineDrop("2", CancellationReason.SupplierBlockedShipment)], Operator, At(2)));

        Assert.Equal(Department.Merchant, order.FindLine("2")!.Cancellation!.Department);
    }

    [Fact]
    public void A_pickup_reason_from_another_stage_is_rejected()
    {
        var decision = OrderDecider.Decide(InSupplierPickup(), new RecordPickup([], [new LineDrop("2", CancellationReason.OperatorRude)], Operator, At(2)));

        Assert.Equal(Rejection.ReasonNotAllowed, decision.Rejection?.Code);
    }

    [Fact]
    public void Reporting_a_warehouse_line_as_picked_up_is_rejected()
    {
        var decision = OrderDecider.Decide(InSupplierPickup(), new RecordPickup(["1"], [], Operator, At(2)));

        Assert.Equal(Rejection.LineNotLive, decision.Rejection?.Code);
    }

    [Fact]
    public void Naming_an_unknown_line_is_rejected()
    {
        var decision = OrderDecider.Decide(InConfirmation(), new CancelLines([new LineDrop("9", CancellationReason.CustomerChangedMind)], Operator, At(1)));

        Assert.Equal(Rejection.UnknownLine, decision.Rejection?.Code);
    }

    [Fact]
    public void Cancelling_every_remaining_line_cancels_the_order()
    {
        var drops = new[] { "1", "2", "3" }.Select(id => new LineDrop(id, CancellationReason.CustomerChangedMind)).ToArray();
        var order = (PlacedOrder)Run(InConfirmation(), new CancelLines(drops, Operator, At(1)));

        Assert.Equal(Stage.Cancelled, order.Stage);
        Assert.Equal(CancellationReason.CustomerChangedMind, order.Cancellation!.Reason);
        Assert.Null(order.Deadline);
    }

    [Fact]
    public void Packing_failures_are_charged_to_the_warehouse()
    {
        var order = (PlacedOrder)Run(InPacking(), new RecordPacking([new LineDrop("3", CancellationReason.ItemDamaged)], Operator, At(3)));

        Assert.Equal(Stage.Delivery, order.Stage);
        Assert.Equal(Department.Warehouse, order.FindLine("3")!.Cancellation!.Department);
        Assert.Equal(LineStatus.Packed, order.FindLine("1")!.Status);
    }

    [Fact]
    public void Partial_acceptance_rejects_lines_and_collects_the_rest()
    {
        var rejected = new LineDrop("3", CancellationReason.RejectedOnInspection);
        var due = 2 * 1000 + 5000 + 500;
        var order = (PlacedOrder)Run(OutForDelivery(), new RecordDelivery(DeliveryResult.AcceptedSome, [rejected], due, null, Operator, At(5)));

        Assert.Equal(Stage.Delivered, order.Stage);
        Assert.Equal(LineStatus.Rejected, order.FindLine("3")!.Status);
        Assert.Equal(LineStatus.Delivered, order.FindLine("1")!.Status);
        Assert.Equal(due, order.CashCollected);
        Assert.Equal(due, order.DeliveredValue);
    }

    [Fact]
    public void Collecting_the_wrong_amount_of_cash_is_rejected()
    {
        var decision = OrderDecider.Decide(OutForDelivery(), new RecordDelivery(DeliveryResult.AcceptedAll, [], 100, null, Operator, At(5)));

        Assert.Equal(Rejection.CashMismatch, decision.Rejection?.Code);
    }

    [Fact]
    public void A_prepaid_order_collects_no_cash()
    {
        var prepaid = (PlacedOrder)Run(
            InConfirmation(Backoffice.Core.Orders.PaymentMethod.Prepaid),
            new ConfirmOrder([], Operator, At(1)), new RecordPickup(["2"], [], Operator, At(2)), new RecordPacking([], Operator, At(3)),
            new DispatchToCourier("c", Operator, At(4)));

        Assert.Equal(Rejection.CashMismatch, OrderDecider.Decide(prepaid, new RecordDelivery(DeliveryResult.AcceptedAll, [], 8200, null, Operator, At(5))).Rejection?.Code);
        var delivered = (PlacedOrder)Run(prepaid, new RecordDelivery(DeliveryResult.AcceptedAll, [], null, null, Operator, At(5)));
        Assert.Equal(0, delivered.CashOutstanding);
    }

    [Fact]
    public void A_refusal_cancels_the_order_charged_to_the_customer()
    {
        var order = (PlacedOrder)Run(OutForDelivery(), new RecordDelivery(DeliveryResult.Refused, [], null, "did not want it", Operator, At(5)));

        Assert.Equal(Stage.Cancelled, order.Stage);
        Assert.Equal(new Cancellation(Stage.Delivery, CancellationReason.CustomerRefused, Department.Customer, "did not want it", At(5), "op-1"), order.Cancellation);
    }

    [Fact]
    public void An_absent_customer_gets_another_attempt_until_the_limit()
    {
        var absent = (OrderState s, double h) => Run(s, new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, null, Operator, At(h)));
        var dispatch = (OrderState s, double h) => Run(s, new DispatchToCourier("c", Operator, At(h)));

        var afterFirst = (PlacedOrder)absent(OutForDelivery(), 5);
        Assert.Equal(Stage.Delivery, afterFirst.Stage);
        Assert.False(afterFirst.OutForDelivery);
        Assert.Equal(At(5) + DeadlinePolicy.Default.Delivery, afterFirst.Deadline!.DueAt);

        var afterThird = (PlacedOrder)absent(dispatch(absent(dispatch(afterFirst, 6), 7), 8), 9);
        Assert.Equal(3, afterThird.DeliveryAttempts);
        Assert.Equal(Stage.Cancelled, afterThird.Stage);
        Assert.Equal(CancellationReason.CustomerAbsent, afterThird.Cancellation!.Reason);
    }

    [Fact]
    public void Cash_is_handed_over_in_full_once()
    {
        var order = DeliveredWithCash();

        Assert.Equal(Rejection.CashMismatch, OrderDecider.Decide(order, new HandOverCash(100, Operator, At(6))).Rejection?.Code);
        var settled = (PlacedOrder)Run(order, new HandOverCash(8200, Operator, At(6)));
        Assert.Equal(0, settled.CashOutstanding);
        Assert.Equal(Rejection.StageForbids, OrderDecider.Decide(settled, new HandOverCash(8200, Operator, At(7))).Rejection?.Code);
    }

    [Fact]
    public void Cash_refusals_write_the_money_in_major_units_with_its_currency()
    {
        var handOver = OrderDecider.Decide(DeliveredWithCash(), new HandOverCash(100, Operator, At(6))).Rejection;
        var collect = OrderDecider.Decide(OutForDelivery(), new RecordDelivery(DeliveryResult.AcceptedAll, [], 100, null, Operator, At(5))).Rejection;

        Assert.Equal("Hand over the whole 82.00 EUR collected, not 1.00 EUR.", handOver?.Message);
        Assert.Equal("Cash collected must equal the accepted lines plus delivery: 82.00 EUR, not 1.00 EUR.", collect?.Message);
    }

    [Fact]
    public void Money_as_text_is_major_units_and_the_currency_by_its_own_exponent()
    {
        Assert.Equal("64.80 EUR", Backoffice.Core.Finance.MoneyText.WithCurrency(6480, "EUR"));
        Assert.Equal("6480 JPY", Backoffice.Core.Finance.MoneyText.WithCurrency(6480, "JPY"));
        Assert.Equal("6.480 KWD", new Backoffice.Core.Common.Money(6480, "KWD").ToString());
    }

    [Fact]
    public void A_missed_deadline_escalates_and_re_arms()
    {
        var order = InConfirmation();
        var due = order.Deadline!.DueAt;
        var escalated = (PlacedOrder)Run(order, new ReachDeadline(Stage.Confirmation, due, Operator, due.AddMinutes(1)));

        Assert.True(escalated.Deadline!.Escalated);
        Assert.Equal(1, escalated.Deadline.Misses);
        Assert.Equal(due.AddMinutes(1) + DeadlinePolicy.Default.Confirmation, escalated.Deadline.DueAt);
        Assert.Equal(Stage.Confirmation, escalated.Stage);
    }

    [Fact]
    public void Repeated_misses_cancel_with_a_timeout_charged_to_the_stage_department()
    {
        OrderState state = InPacking();
        for (var i = 0; i < DeadlinePolicy.Default.MaxDeadlineMisses; i++)
        {
            var d = ((PlacedOrder)state).Deadline!;
            state = Run(state, new ReachDeadline(d.Stage, d.DueAt, Operator, d.DueAt));
        }

        var order = (PlacedOrder)state;
        Assert.Equal(Stage.Cancelled, order.Stage);
        Assert.Equal(CancellationReason.DeadlineMissed, order.Cancellation!.Reason);
        Assert.Equal(Department.Warehouse, order.Cancellation.Department);
        Assert.Equal(Stage.Packing, order.Cancellation.Stage);
    }

    [Fact]
    public void A_stale_or_early_deadline_is_rejected()
    {
        var order = InSupplierPickup();
        var d = order.Deadline!;

        Assert.Equal(Rejection.StaleDeadline, OrderDecider.Decide(order, new ReachDeadline(Stage.Confirmation, d.DueAt, Operator, d.DueAt)).Rejection?.Code);
        Assert.Equal(Rejection.StaleDeadline, OrderDecider.Decide(order, new ReachDeadline(d.Stage, d.DueAt.AddHours(-1), Operator, d.DueAt)).Rejection?.Code);
        Assert.Equal(Rejection.StaleDeadline, OrderDecider.Decide(order, new ReachDeadline(d.Stage, d.DueAt, Operator, d.DueAt.AddSeconds(-1))).Rejection?.Code);
    }

    [Fact]
    public void Stage_reasons_lists_match_the_business()
    {
        Assert.Contains(CancellationReason.OperatorRude, CancellationReasons.For(Stage.Confirmation));
        Assert.Contains(CancellationReason.SupplierBlockedShipment, CancellationReasons.For(Stage.SupplierPickup));
        Assert.Contains(CancellationReason.ItemNotFound, CancellationReasons.For(Stage.Packing));
        Assert.Contains(CancellationReason.CustomerAbsent, CancellationReasons.For(Stage.Delivery));
        Assert.All(StageFacts.Working, s => Assert.DoesNotContain(CancellationReason.DeadlineMissed, CancellationReasons.For(s)));
        Assert.All(StageFacts.Working, s => Assert.Contains(CancellationReason.Other, CancellationReasons.For(s)));
    }
}
