namespace Backoffice.Contracts.Stock;

/// <summary>A SKU's stock: on hand, reserved for confirmed orders, available to promise, and the shortfall when reservations exceed what is on hand.</summary>
public sealed record StockBalanceView(string Sku, string? Name, int OnHand, int Reserved, int Available, int Shortfall, long Version, DateTimeOffset ChangedAt);

/// <summary>
/// A page of availability, in change order. <see cref="LatestChangeAt"/> is the newest change on the page: poll again
/// with <c>changedSince</c> a little before it (clocks of several writers may differ slightly) and keep, per SKU, the
/// highest version.
/// </summary>
public sealed record AvailabilityPage(IReadOnlyList<StockBalanceView> Items, string? ContinuationToken, DateTimeOffset? LatestChangeAt);

/// <summary>A warehouse entry's answer: the SKU's balance now, and whether this entry (same <c>movementId</c>) was already recorded.</summary>
public sealed record StockEntryView(StockBalanceView Balance, bool Duplicate);

/// <summary>One movement of a SKU: its kind, the quantity, the levels after it, a note, the order line it belongs to, who and when.</summary>
public sealed record StockMovementView(
    long Version, string Kind, int Quantity, int OnHandAfter, int ReservedAfter, string? Note, string? OrderId, string? LineId,
    DateTimeOffset At, string UserId, string Role);

public sealed record MovementPage(IReadOnlyList<StockMovementView> Items, string? ContinuationToken);

/// <summary>What the warehouse holds for one order line: reserved units, units still to fetch, units picked up, and where it stands.</summary>
public sealed record ReservationView(string LineId, string Sku, int LineQuantity, int Reserved, int Missing, int PickedUp, string State);

public sealed record ReturnedLineView(string LineId, string Sku, int Quantity, bool AlreadyReturned, StockBalanceView? Balance);

/// <summary>The lines of a refused parcel put back on the shelves, each with its SKU's balance (a line returned before says so).</summary>
public sealed record ReturnView(string OrderId, IReadOnlyList<ReturnedLineView> Lines);
