using Backoffice.Core.Orders;

namespace Backoffice.Infra.Orders;

/// <summary>
/// Told about every published order change (stage change, line losses, deadline misses) after it is committed.
/// Calls are at-least-once and may arrive out of order: observers key their writes by (order, version).
/// </summary>
public interface IOrderChangeObserver
{
    Task OnChangedAsync(PublishStatus change, CancellationToken ct);
}
