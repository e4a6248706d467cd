using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using Xunit;

namespace Backoffice.Stock.Tests;

public sealed class StockRulesTests
{
    private static readonly OrderLine Line = new("1", "SKU-A", "Shirt", 3, 1000, null, true);

    private static StockLineChange Change(StockChangeKind kind) => new(Line.LineId, Line.Sku, Line.Quantity, kind);

    [Fact]
    public void Reserving_takes_what_is_available_up_to_the_line_quantity()
    {
        var full = StockRules.Reserve(new StockLevel(10, 4), null, "O1", Line);
        var partial = StockRules.Reserve(new StockLevel(5, 4), null, "O1", Line);

        Assert.Equal((new StockLevel(10, 7), 3), (full.Level, full.Reservation!.Quantity));
        Assert.Equal((new StockLevel(5, 5), 1, 2), (partial.Level, partial.Reservation!.Quantity, partial.Reservation.Missing));
        Assert.Null(full.Movement);
    }

    [Fact]
    public void Reserving_with_nothing_available_holds_nothing_but_records_the_line()
    {
        var step = StockRules.Reserve(new StockLevel(2, 5), null, "O1", Line);

        Assert.Equal(new StockLevel(2, 5), step.Level);
        Assert.Equal((0, ReservationState.Held, 3), (step.Reservation!.Quantity, step.Reservation.State, step.Reservation.Missing));
        Assert.False(step.IsNoOp);
    }

    [Fact]
    public void Reserving_again_for_the_same_line_changes_nothing()
    {
        var first = StockRules.Reserve(new StockLevel(10, 0), null, "O1", Line);
        var again = StockRules.Reserve(first.Level, first.Reservation, "O1", Line);

        Assert.True(again.IsNoOp);
        Assert.Equal(first.Level, again.Level);
        Assert.Same(first.Reservation, again.Reservation);
    }

    [Fact]
    public void Releasing_gives_the_units_back_and_releasing_again_does_nothing()
    {
        var reserved = StockRules.Reserve(new StockLevel(10, 0), null, "O1", Line);
        var released = StockRules.Apply(reserved.Level, reserved.Reservation, "O1", Change(StockChangeKind.Release));
        var twice = StockRules.Apply(released.Level, released.Reservation, "O1", Change(StockChangeKind.Release));

        Assert.Equal(new StockLevel(10, 0), released.Level);
        Assert.Equal(ReservationState.Released, released.Reservation!.State);
        Assert.Equal(0, released.Reservation.Holding);
        Assert.True(twice.IsNoOp);
    }

    [Fact]
    public void A_release_that_comes_before_the_reserve_leaves_a_tombstone_the_reserve_respects()
    {
        var tombstone = StockRules.Apply(new StockLevel(10, 0), null, "O1", Change(StockChangeKind.Release));
        var lateReserve = StockRules.Reserve(tombstone.Level, tombstone.Reservation, "O1", Line);

        Assert.Equal((ReservationState.Released, 0), (tombstone.Reservation!.State, tombstone.Reservation.Quantity));
        Assert.True(lateReserve.IsNoOp);
        Assert.Equal(new StockLevel(10, 0), lateReserve.Level);
    }

    [Fact]
    public void Packing_consumes_the_reserved_units_from_on_hand_and_availability_stays()
    {
        var reserved = StockRules.Reserve(new StockLevel(10, 2), null, "O1", Line);
        var packed = StockRules.Apply(reserved.Level, reserved.Reservation, "O1", Change(StockChangeKind.Consume));

        Assert.Equal(new StockLevel(7, 2), packed.Level);
        Assert.Equal(reserved.Level.Available, packed.Level.Available);
        Assert.Equal((MovementKind.Packed, -3), (packed.Movement, packed.Moved));
        Assert.Equal(ReservationState.Consumed, packed.Reservation!.State);
    }

    [Fact]
    public void Missing_or_damaged_goods_found_at_packing_are_written_off()
    {
        var reserved = StockRules.Reserve(new StockLevel(3, 0), null, "O1", Line);
        var lost = StockRules.Apply(reserved.Level, reserved.Reservation, "O1", Change(StockChangeKind.WriteOff));

        Assert.Equal(new StockLevel(0, 0), lost.Level);
        Assert.Equal((MovementKind.WriteOff, -3, ReservationState.WrittenOff), (lost.Movement, lost.Moved, lost.Reservation!.State));
    }

    [Fact]
    public void A_supplier_pickup_brings_in_only_the_missing_units_and_holds_them_for_the_line()
    {
        var partial = StockRules.Reserve(new StockLevel(1, 0), null, "O1", Line);
        var picked = StockRules.Apply(partial.Level, partial.Reservation, "O1", Change(StockChangeKind.ReceivePickup));
        var again = StockRules.Apply(picked.Level, picked.Reservation, "O1", Change(StockChangeKind.ReceivePickup));

        Assert.Equal(new StockLevel(3, 3), picked.Level);
        Assert.Equal((MovementKind.SupplierPickup, 2), (picked.Movement, picked.Moved));
        Assert.Equal((3, 2, 0), (picked.Reservation!.Quantity, picked.Reservation.PickedUp, picked.Reservation.Missing));
        Assert.True(again.IsNoOp);
    }

    [Fact]
    public void A_pickup_for_a_line_confirmed_before_stock_was_tracked_takes_in_the_whole_line()
    {
        var picked = StockRules.Apply(new StockLevel(0, 0), null, "O1", Change(StockChangeKind.ReceivePickup));
        var packed = StockRules.Apply(picked.Level, picked.Reservation, "O1", Change(StockChangeKind.Consume));

        Assert.Equal(new StockLevel(3, 3), picked.Level);
        Assert.Equal(new StockLevel(0, 0), packed.Level);
    }

    [Fact]
    public void Packing_a_line_that_never_held_stock_moves_nothing()
    {
        var packed = StockRules.Apply(new StockLevel(5, 0), null, "O1", Change(StockChangeKind.Consume));

        Assert.Equal(new StockLevel(5, 0), packed.Level);
        Assert.Null(packed.Movement);
        Assert.Equal(ReservationState.Consumed, packed.Reservation!.State);
    }

    [Fact]
    public void A_count_sets_on_hand_and_records_the_correction_even_when_it_is_zero()
    {
        var lower = StockRules.Count(new StockLevel(10, 2), 7);
        var same = StockRules.Count(new StockLevel(7, 2), 7);

        Assert.Equal((new StockLevel(7, 2), MovementKind.Count, -3), (lower.Level, lower.Movement, lower.Moved));
        Assert.Equal((MovementKind.Count, 0), (same.Movement, same.Moved));
    }

    [Fact]
    public void A_count_below_the_reservations_shows_a_shortfall_and_nothing_available()
    {
        var counted = StockRules.Count(new StockLevel(10, 6), 4);

        Assert.Equal(0, counted.Level.Available);
        Assert.Equal(2, counted.Level.Shortfall);
    }

    [Fact]
    public void Receipts_and_returns_add_to_on_hand()
    {
        var received = StockRules.Receive(StockLevel.Empty, 5);
        var returned = StockRules.Return(received.Level, 2);

        Assert.Equal((new StockLevel(5, 0), MovementKind.Receipt), (received.Level, received.Movement));
        Assert.Equal((new StockLevel(7, 0), MovementKind.Return, 2), (returned.Level, returned.Movement, returned.Moved));
        Assert.Throws<ArgumentOutOfRangeException>(() => StockRules.Receive(StockLevel.Empty, 0));
    }
}
