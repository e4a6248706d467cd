using Backoffice.Core.Orders;

namespace Backoffice.Infra.Orders;

/// <summary>
/// Told about every published order change (stage change, line losses, deadline misses) after it is committed.
/// Calls are at-least-once and may arrive out of order: observers key their writes by (order, version).
/// </summary>
public interface IOrderChangeObserver
{
    /// <param name="change">The published change.</param>
    /// <param name="order">
    /// The order as committed at <see cref="PublishStatus.Version"/> when the caller has it in hand (the inline dispatch
    /// right after the commit), so an observer need not read it again; null when it does not (the outbox safety net,
    /// the Durable activities): load it if you need it.
    /// </param>
    /// <param name="ct">Cancellation.</param>
    Task OnChangedAsync(PublishStatus change, PlacedOrder? order, CancellationToken ct);
}
