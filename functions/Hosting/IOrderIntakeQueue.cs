using Backoffice.Core.Orders;

namespace Backoffice.Functions.Hosting;

/// <summary>Where an accepted webhook order waits for its orchestration to start (Service Bus queue orders-inbound).</summary>
public interface IOrderIntakeQueue
{
    Task EnqueueAsync(PlaceOrder order, CancellationToken ct);
}
