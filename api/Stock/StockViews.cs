using Backoffice.Contracts;
using Backoffice.Contracts.Stock;
using Backoffice.Core.Stock;

namespace Backoffice.Api.Stock;

/// <summary>Balances, movements and reservations as the contract shows them.</summary>
internal static class StockViews
{
    public static StockBalanceView Balance(StockBalance b) =>
        new(b.Sku, b.Name, b.Level.OnHand, b.Level.Reserved, b.Level.Available, b.Level.Shortfall, b.Version, b.ChangedAt);

    public static StockMovementView Movement(StockMovement m) =>
        new(m.Version, WireJson.Name(m.Kind), m.Quantity, m.OnHandAfter, m.ReservedAfter, m.Note, m.OrderId, m.LineId, m.At, m.By.UserId, m.By.Role);

    public static ReservationView Reservation(Reservation r) =>
        new(r.LineId, r.Sku, r.LineQuantity, r.Quantity, r.Missing, r.PickedUp, WireJson.Name(r.State));
}
