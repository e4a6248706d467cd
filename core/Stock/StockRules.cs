using Backoffice.Core.Orders;

namespace Backoffice.Core.Stock;

/// <summary>
/// The outcome of one stock rule: the new level, the reservation as it must be stored (if the step concerns one),
/// and the movement of goods it records (if any). <see cref="IsNoOp"/> means nothing needs writing.
/// </summary>
public sealed record StockStep(StockLevel Level, Reservation? Reservation, MovementKind? Movement, int Moved, bool IsNoOp = false)
{
    public static StockStep Unchanged(StockLevel level, Reservation? reservation) => new(level, reservation, null, 0, IsNoOp: true);
}

/// <summary>
/// Pure stock rules: no storage, no clock. The storage adapter loads the level and the reservation, asks these rules,
/// and writes the answer with the ETags it read, so two writers can never both spend the same units.
/// </summary>
public static class StockRules
{
    public const int MaxQuantity = 1_000_000;

    /// <summary>
    /// Sets aside what is available for an order line, up to its quantity; the rest will be fetched from a supplier.
    /// A reservation that already exists for the line (a retried confirmation, or a release that came first) is
    /// returned unchanged: retrying never reserves twice, and a released line is never reserved again.
    /// </summary>
    public static StockStep Reserve(StockLevel level, Reservation? existing, string orderId, OrderLine line)
    {
        if (existing is not null)
        {
            return StockStep.Unchanged(level, existing);
        }

        var held = Math.Clamp(Math.Min(line.Quantity, level.Available), 0, line.Quantity);
        return new StockStep(
            level with { Reserved = level.Reserved + held },
            new Reservation(orderId, line.LineId, line.Sku, line.Quantity, held, 0, ReservationState.Held),
            null,
            0);
    }

    /// <summary>Applies what happened to an order line (released, written off, picked up, packed) to its reservation.</summary>
    public static StockStep Apply(StockLevel level, Reservation? existing, string orderId, StockLineChange change) => change.Kind switch
    {
        StockChangeKind.Release => Settle(level, existing, orderId, change, ReservationState.Released),
        StockChangeKind.WriteOff => Settle(level, existing, orderId, change, ReservationState.WrittenOff),
        StockChangeKind.Consume => Settle(level, existing, orderId, change, ReservationState.Consumed),
        StockChangeKind.ReceivePickup => ReceivePickup(level, existing, orderId, change),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown stock change."),
    };

    public static StockStep Receive(StockLevel level, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        return new StockStep(level with { OnHand = checked(level.OnHand + quantity) }, null, MovementKind.Receipt, quantity);
    }

    /// <summary>A count replaces on hand with what was found; the movement is the correction (zero is still recorded).</summary>
    public static StockStep Count(StockLevel level, int counted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counted);
        return new StockStep(level with { OnHand = counted }, null, MovementKind.Count, counted - level.OnHand);
    }

    public static StockStep Return(StockLevel level, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        return new StockStep(level with { OnHand = checked(level.OnHand + quantity) }, null, MovementKind.Return, quantity);
    }

    private static StockStep Settle(StockLevel level, Reservation? existing, string orderId, StockLineChange change, ReservationState to)
    {
        if (existing is null)
        {
            // Nothing was held (a confirmation without stock, or one that has not landed yet): leave a tombstone so
            // a reserve arriving late finds the line settled and holds nothing.
            return new StockStep(level, new Reservation(orderId, change.LineId, change.Sku, change.Quantity, 0, 0, to), null, 0);
        }

        if (existing.State != ReservationState.Held)
        {
            return StockStep.Unchanged(level, existing);
        }

        var held = existing.Quantity;
        var settled = existing with { State = to };
        if (to == ReservationState.Released)
        {
            return new StockStep(level with { Reserved = level.Reserved - held }, settled, null, 0);
        }

        // Packed or lost: the units leave the shelves. On hand never goes below zero (a count may have found less).
        var onHand = Math.Max(0, level.OnHand - held);
        var kind = to == ReservationState.Consumed ? MovementKind.Packed : MovementKind.WriteOff;
        return new StockStep(new StockLevel(onHand, level.Reserved - held), settled, held == 0 ? null : kind, onHand - level.OnHand);
    }

    private static StockStep ReceivePickup(StockLevel level, Reservation? existing, string orderId, StockLineChange change)
    {
        if (existing is null)
        {
            // Confirmed before stock was tracked: the whole line was fetched, and it is the line's from now on.
            return new StockStep(
                new StockLevel(checked(level.OnHand + change.Quantity), level.Reserved + change.Quantity),
                new Reservation(orderId, change.LineId, change.Sku, change.Quantity, change.Quantity, change.Quantity, ReservationState.Held),
                MovementKind.SupplierPickup,
                change.Quantity);
        }

        if (existing.Missing == 0)
        {
            return StockStep.Unchanged(level, existing);
        }

        var missing = existing.Missing;
        return new StockStep(
            new StockLevel(checked(level.OnHand + missing), level.Reserved + missing),
            existing with { Quantity = existing.LineQuantity, PickedUp = existing.PickedUp + missing },
            MovementKind.SupplierPickup,
            missing);
    }
}
