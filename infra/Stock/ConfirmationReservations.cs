using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Infra.Stock;

/// <summary>
/// The stock side of a confirmation. Why this is safe: reservations are keyed by (order, line), so a retried confirmation
/// (or two operators confirming at once) finds the reservation already made and never reserves twice; the stock ledger
/// writes with ETags, so parallel confirmations cannot spend the same units. The processor asks the decider first, so
/// nothing is reserved for a confirmation it would refuse. If the confirmation still fails to land (a race, a crash),
/// what was reserved stays with the order: the next attempt reuses it, and any cancellation, drop or deadline that ends
/// the order releases every line unconditionally (a release before the reserve leaves a tombstone that stops a late
/// reserve). A line reserved in full is packed from stock; the rest of a line goes to supplier pickup.
/// </summary>
public sealed class ConfirmationReservations(StockLedger stock) : IStockReservations
{
    public async Task<IReadOnlyList<LineReservation>> ReserveAsync(PlacedOrder order, ConfirmOrder confirm, CancellationToken ct)
    {
        var reservations = new List<LineReservation>();
        foreach (var line in order.LiveLines.Where(l => !confirm.DroppedLines.Any(d => d.LineId == l.Line.LineId)))
        {
            var reservation = await stock.ReserveAsync(order.MerchantId, order.OrderId, line.Line, confirm.By, ct).ConfigureAwait(false);
            reservations.Add(new LineReservation(line.Line.LineId, reservation.Holding));
        }

        return reservations;
    }
}
