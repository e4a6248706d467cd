using Backoffice.Core.Stock;

namespace Backoffice.Api.Stock;

public sealed record StockBalanceView(string Sku, string? Name, int OnHand, int Reserved, int Available, int Shortfall, long Version, DateTimeOffset ChangedAt)
{
    public static StockBalanceView From(StockBalance b) =>
        new(b.Sku, b.Name, b.Level.OnHand, b.Level.Reserved, b.Level.Available, b.Level.Shortfall, b.Version, b.ChangedAt);
}

/// <summary>
/// A page of availability, in change order. <see cref="LatestChangeAt"/> is the newest change on the page: poll
/// again with <c>changedSince</c> a little before it (clocks of several writers may differ slightly) and keep, per
/// SKU, the highest version.
/// </summary>
public sealed record AvailabilityPage(IReadOnlyList<StockBalanceView> Items, string? ContinuationToken, DateTimeOffset? LatestChangeAt);

public sealed record StockEntryView(StockBalanceView Balance, bool Duplicate);

public sealed record StockMovementView(
    long Version, MovementKind Kind, int Quantity, int OnHandAfter, int ReservedAfter, string? Note, string? OrderId, string? LineId,
    DateTimeOffset At, string UserId, string Role)
{
    public static StockMovementView From(StockMovement m) =>
        new(m.Version, m.Kind, m.Quantity, m.OnHandAfter, m.ReservedAfter, m.Note, m.OrderId, m.LineId, m.At, m.By.UserId, m.By.Role);
}

public sealed record MovementPage(IReadOnlyList<StockMovementView> Items, string? ContinuationToken);

/// <summary>What the warehouse holds for one order line: reserved units, units still to fetch, and where it stands.</summary>
public sealed record ReservationView(string LineId, string Sku, int LineQuantity, int Reserved, int Missing, int PickedUp, ReservationState State)
{
    public static ReservationView From(Reservation r) => new(r.LineId, r.Sku, r.LineQuantity, r.Quantity, r.Missing, r.PickedUp, r.State);
}

public sealed record ReturnedLineView(string LineId, string Sku, int Quantity, bool AlreadyReturned, StockBalanceView? Balance);

public sealed record ReturnView(string OrderId, IReadOnlyList<ReturnedLineView> Lines);
