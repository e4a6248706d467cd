using Backoffice.Core.Common;

namespace Backoffice.Core.Stock;

/// <summary>Why goods arrived in or left the warehouse.</summary>
public enum MovementKind
{
    /// <summary>Goods delivered to the warehouse to be stocked (a replenishment).</summary>
    Receipt,

    /// <summary>Goods inbound logistics fetched from a supplier for an order line.</summary>
    SupplierPickup,

    /// <summary>Goods of a refused or rejected parcel, back on the shelves.</summary>
    Return,

    /// <summary>A stock count: on hand set to what was counted (the quantity is the correction, possibly zero).</summary>
    Count,

    /// <summary>Goods packed into a parcel and shipped.</summary>
    Packed,

    /// <summary>Goods lost or damaged in the warehouse, found when packing.</summary>
    WriteOff,
}

/// <summary>
/// One append-only movement of goods: how many units (signed), what was on hand afterwards, why, for which order
/// line, who and when.
/// </summary>
public sealed record StockMovement(
    string Sku,
    long Version,
    MovementKind Kind,
    int Quantity,
    int OnHandAfter,
    int ReservedAfter,
    string? Note,
    string? OrderId,
    string? LineId,
    DateTimeOffset At,
    Actor By);
