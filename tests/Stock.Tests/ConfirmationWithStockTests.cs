using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;
using Xunit;

namespace Backoffice.Stock.Tests;

/// <summary>The decider and the workflow plan with real stock: what confirmation does with reservations, and what each step asks of the warehouse.</summary>
public sealed class ConfirmationWithStockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("op-1", Roles.Operator, "test");

    private static PlacedOrder Placed() => (PlacedOrder)Run(OrderDecider.Initial, new PlaceOrder("shop", "ORD-TEST00000001", new OrderDraft(
        "ext-1",
        new Customer("Anna", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
        [new OrderLine("1", "A", "Shirt", 2, 1000, null, InWarehouse: false), new OrderLine("2", "B", "Shoes", 1, 5000, "sup-1", InWarehouse: true)],
        500,
        "EUR",
        PaymentMethod.CashOnDelivery,
        "own"), DeadlinePolicy.Default, Operator, T0));

    private static OrderState Run(OrderState state, OrderCommand command)
    {
        var decision = OrderDecider.Decide(state, command);
        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, OrderDecider.Evolve);
    }

    private static IReadOnlyList<OrderEffect> Effects(OrderState before, OrderCommand command)
    {
        var decision = OrderDecider.Decide(before, command);
        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        return OrderWorkflow.Effects(before, decision.Events.Aggregate(before, OrderDecider.Evolve), decision.Events);
    }

    private static ConfirmOrder Confirm(params (string Line, int Quantity)[] reserved) =>
        new([], Operator, T0.AddHours(1), reserved.Select(r => new LineReservation(r.Line, r.Quantity)).ToArray());

    [Fact]
    public void Lines_reserved_in_full_go_to_packing_whatever_the_webhook_said()
    {
        var order = (PlacedOrder)Run(Placed(), Confirm(("1", 2), ("2", 1)));

        Assert.Equal(Stage.Packing, order.Stage);
        Assert.All(order.Lines, l => Assert.Equal(LineStatus.Active, l.Status));
    }

    [Fact]
    public void A_line_reserved_only_in_part_or_not_at_all_goes_to_supplier_pickup()
    {
        var order = (PlacedOrder)Run(Placed(), Confirm(("1", 1), ("2", 1)));
        var none = (PlacedOrder)Run(Placed(), Confirm());

        Assert.Equal(Stage.SupplierPickup, order.Stage);
        Assert.Equal(LineStatus.AwaitingPickup, order.FindLine("1")!.Status);
        Assert.Equal(LineStatus.Active, order.FindLine("2")!.Status);
        Assert.All(none.Lines, l => Assert.Equal(LineStatus.AwaitingPickup, l.Status));
    }

    [Fact]
    public void Each_line_keeps_what_stock_covered_at_confirmation_and_the_stored_state_reads_it_back()
    {
        var order = (PlacedOrder)Run(Placed(), Confirm(("1", 1)));
        var stored = Json.Deserialize<PlacedOrder>(Json.Serialize(order));

        Assert.Equal(((int?)1, (int?)1), (order.FindLine("1")!.Reserved, order.FindLine("1")!.ShortOfStock));
        Assert.Equal(((int?)0, (int?)1), (order.FindLine("2")!.Reserved, order.FindLine("2")!.ShortOfStock));
        Assert.Equal(order.Lines, stored.Lines);
        Assert.DoesNotContain("shortOfStock", Json.Serialize(order), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_reservations_the_decider_still_follows_the_in_stock_flag_of_older_orders()
    {
        var order = (PlacedOrder)Run(Placed(), new ConfirmOrder([], Operator, T0.AddHours(1)));

        Assert.Equal(LineStatus.AwaitingPickup, order.FindLine("1")!.Status);
        Assert.Equal(LineStatus.Active, order.FindLine("2")!.Status);
        Assert.All(order.Lines, l => Assert.Null(l.ShortOfStock)); // nothing was reserved, so nothing is said about stock
    }

    [Theory]
    [InlineData("9", 1, Rejection.UnknownLine)]
    [InlineData("1", 3, Rejection.Invalid)]
    [InlineData("1", -1, Rejection.Invalid)]
    public void Impossible_reservations_are_refused(string line, int quantity, string code)
    {
        var decision = OrderDecider.Decide(Placed(), Confirm((line, quantity)));

        Assert.Equal(code, decision.Rejection?.Code);
    }

    [Fact]
    public void The_confirmation_event_records_each_kept_lines_reservation()
    {
        var decision = OrderDecider.Decide(Placed(), new ConfirmOrder([new LineDrop("2", CancellationReason.PriceNotAccepted)], Operator, T0, [new("1", 2), new("2", 1)]));

        var confirmed = Assert.Single(decision.Events.OfType<OrderConfirmed>());
        Assert.Equal(new[] { new LineReservation("1", 2) }, confirmed.Reservations!);
    }

    [Fact]
    public void A_confirmation_event_stored_before_stock_was_tracked_still_reads_and_replays()
    {
        const string old = """{"type":"OrderConfirmed","at":"2026-11-16T10:00:00+00:00","by":{"userId":"op-1","role":"operator","channel":"api"}}""";

        var e = Assert.IsType<OrderConfirmed>(Json.Deserialize<OrderEvent>(old));
        var order = (PlacedOrder)OrderDecider.Evolve(Placed(), e);

        Assert.Null(e.Reservations);
        Assert.Equal(LineStatus.Active, order.FindLine("2")!.Status);
        Assert.Equal(LineStatus.AwaitingPickup, order.FindLine("1")!.Status);
    }

    [Fact]
    public void Dropping_a_line_at_confirmation_releases_it()
    {
        var effects = Effects(Placed(), new ConfirmOrder([new LineDrop("2", CancellationReason.PriceNotAccepted)], Operator, T0, [new("1", 2)]));

        var stock = Assert.Single(effects.OfType<AdjustStock>());
        Assert.Equal(new[] { new StockLineChange("2", "B", 1, StockChangeKind.Release) }, stock.Changes);
        Assert.Equal(Operator, stock.By);
    }

    [Fact]
    public void Cancelling_releases_every_live_line_even_in_confirmation()
    {
        var inConfirmation = Effects(Placed(), new CancelOrder(CancellationReason.CustomerChangedMind, null, null, Operator, T0));
        var inPacking = Effects(Run(Placed(), Confirm(("1", 2), ("2", 1))), new CancelOrder(CancellationReason.CustomerChangedMind, null, null, Operator, T0));

        Assert.All(new[] { inConfirmation, inPacking }, effects =>
            Assert.Equal(new[] { StockChangeKind.Release, StockChangeKind.Release }, Assert.Single(effects.OfType<AdjustStock>()).Changes.Select(c => c.Kind)));
    }

    [Fact]
    public void Pickup_takes_the_fetched_goods_in_and_packing_consumes_every_line()
    {
        var awaiting = Run(Placed(), Confirm(("1", 1), ("2", 1)));
        var pickup = Effects(awaiting, new RecordPickup(["1"], [], Operator, T0.AddHours(2)));
        var packing = Effects(Run(awaiting, new RecordPickup(["1"], [], Operator, T0.AddHours(2))), new RecordPacking([], Operator, T0.AddHours(3)));

        Assert.Equal(new[] { new StockLineChange("1", "A", 2, StockChangeKind.ReceivePickup) }, Assert.Single(pickup.OfType<AdjustStock>()).Changes);
        Assert.Equal(new[] { StockChangeKind.Consume, StockChangeKind.Consume }, Assert.Single(packing.OfType<AdjustStock>()).Changes.Select(c => c.Kind));
    }

    [Fact]
    public void Goods_not_found_or_damaged_at_packing_are_written_off_while_other_failures_release()
    {
        var packing = Run(Placed(), Confirm(("1", 2), ("2", 1)));
        var effects = Effects(packing, new RecordPacking(
            [new LineDrop("1", CancellationReason.ItemNotFound), new LineDrop("2", CancellationReason.CustomerChangedMind)], Operator, T0.AddHours(3)));

        var changes = Assert.Single(effects.OfType<AdjustStock>()).Changes;
        Assert.Equal(new[] { StockChangeKind.WriteOff, StockChangeKind.Release }, changes.Select(c => c.Kind));
    }

    [Fact]
    public void Losses_after_packing_leave_stock_alone_until_the_warehouse_records_the_return()
    {
        var packed = Run(Run(Run(Placed(), Confirm(("1", 2), ("2", 1))), new RecordPacking([], Operator, T0.AddHours(3))), new DispatchToCourier("c-1", Operator, T0.AddHours(4)));
        var effects = Effects(packed, new RecordDelivery(DeliveryResult.Refused, [], null, null, Operator, T0.AddHours(5)));

        Assert.Empty(effects.OfType<AdjustStock>());
    }
}
