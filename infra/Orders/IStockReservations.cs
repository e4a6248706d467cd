using Backoffice.Core.Orders;

namespace Backoffice.Infra.Orders;

/// <summary>
/// Confirmation reserves real stock as part of the command's own unit of work (<see cref="OrderProcessor"/>), between the
/// decider saying "yes" and the commit: the decider is pure, so the reservations travel in
/// <see cref="ConfirmOrder.Reservations"/>. Implemented by the stock ledger (infra/Stock).
/// </summary>
public interface IStockReservations
{
    /// <summary>Reserves every live line the confirmation keeps; idempotent per (order, line).</summary>
    Task<IReadOnlyList<LineReservation>> ReserveAsync(PlacedOrder order, ConfirmOrder confirm, CancellationToken ct);
}
