using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Stock;

namespace Backoffice.Api.Stock;

/// <summary>
/// Confirmation reserves real stock. The decider is pure, so the reservation happens here, before deciding, and its
/// result travels in <see cref="ConfirmOrder.Reservations"/>: a line reserved in full is packed from stock, the rest
/// of a line goes to supplier pickup.
/// <para>
/// Why this is safe: reservations are keyed by (order, line), so a retried confirmation (or two operators confirming
/// at once) finds the reservation already made and never reserves twice; the stock ledger writes with ETags, so
/// parallel confirmations cannot spend the same units. Nothing is reserved for a confirmation the decider would
/// refuse (it is asked first, on the same state). If the confirmation still fails to land (a race, a crash), what was
/// reserved stays with the order: the next confirmation attempt reuses it, and any cancellation, drop or deadline
/// that ends the order releases every line unconditionally (a release before the reserve leaves a tombstone that
/// stops a late reserve). So a reservation is never leaked beyond the life of its order in Confirmation.
/// </para>
/// </summary>
public sealed class ConfirmationStock(OrderStore orders, StockLedger stock)
{
    public async Task<Func<OrderState, OrderCommand>> PrepareAsync(
        string merchantId, string orderId, int? expectedVersion, Func<OrderState, OrderCommand> command, CancellationToken ct)
    {
        var loaded = await orders.LoadAsync(merchantId, orderId, ct).ConfigureAwait(false);
        if (loaded.State is not PlacedOrder order || (expectedVersion is { } v && v != order.Version) || command(order) is not ConfirmOrder confirm)
        {
            return WithReservations(command, []);
        }

        if (!OrderDecider.Decide(order, confirm with { Reservations = [] }).IsAccepted)
        {
            return WithReservations(command, []);
        }

        var reservations = new List<LineReservation>();
        foreach (var line in order.LiveLines.Where(l => !confirm.DroppedLines.Any(d => d.LineId == l.Line.LineId)))
        {
            var reservation = await stock.ReserveAsync(merchantId, orderId, line.Line, confirm.By, ct).ConfigureAwait(false);
            reservations.Add(new LineReservation(line.Line.LineId, reservation.Holding));
        }

        return WithReservations(command, reservations);
    }

    /// <summary>Never falls back to the webhook's in-stock flag: no reservation means "fetch from the supplier".</summary>
    private static Func<OrderState, OrderCommand> WithReservations(Func<OrderState, OrderCommand> command, IReadOnlyList<LineReservation> reservations) =>
        state => command(state) is ConfirmOrder confirm ? confirm with { Reservations = reservations } : command(state);
}
