namespace Backoffice.Core.Stock;

public enum ReservationState
{
    /// <summary>The units are set aside for the order line.</summary>
    Held,

    /// <summary>The line was cancelled before packing: the units went back to availability.</summary>
    Released,

    /// <summary>The line was packed: the units left the warehouse in a parcel.</summary>
    Consumed,

    /// <summary>The warehouse could not pack the units (not found, damaged): they left the stock as a loss.</summary>
    WrittenOff,
}

/// <summary>
/// Units of one SKU set aside for one order line. Its identity is (order, line), so confirming, releasing or packing
/// the same line twice finds the same reservation instead of making a second one. A reservation that was never held
/// (released before it was made) is kept as a zero-quantity tombstone, so a late reserve cannot resurrect it.
/// </summary>
public sealed record Reservation(
    string OrderId,
    string LineId,
    string Sku,
    int LineQuantity,
    int Quantity,
    int PickedUp,
    ReservationState State)
{
    /// <summary>Units this reservation takes out of availability right now.</summary>
    public int Holding => State == ReservationState.Held ? Quantity : 0;

    /// <summary>Units still to fetch from the supplier for the line to be complete.</summary>
    public int Missing => State == ReservationState.Held ? Math.Max(0, LineQuantity - Quantity) : 0;
}
