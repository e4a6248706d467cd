using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary><see cref="IOrderEngine"/> over a Durable Task client (the sidecar's locally, the Functions binding's in Azure).</summary>
public sealed class DurableOrderEngine(DurableTaskClient client) : IOrderEngine
{
    public async Task StartAsync(string merchantId, string orderId, bool mayExist, CancellationToken ct)
    {
        var instanceId = OrderLifecycle.InstanceId(merchantId, orderId);
        if (mayExist && await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                OrderLifecycle.Name, new OrderRef(merchantId, orderId), new StartOrchestrationOptions(instanceId), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsAlreadyRunning(ex))
        {
            // Two deliveries of the same order raced to start it: one instance is all we want.
        }
    }

    public Task AnnounceAsync(string merchantId, string orderId, int version, CancellationToken ct) =>
        client.RaiseEventAsync(OrderLifecycle.InstanceId(merchantId, orderId), OrderLifecycle.ChangedEvent, version, ct);

    public async Task PurgeAsync(IEnumerable<(string MerchantId, string OrderId)> orders, CancellationToken ct)
    {
        foreach (var (merchantId, orderId) in orders)
        {
            await client.PurgeInstanceAsync(OrderLifecycle.InstanceId(merchantId, orderId), ct).ConfigureAwait(false);
        }
    }

    private static bool IsAlreadyRunning(Exception ex) =>
        ex is InvalidOperationException || (ex.GetType().Name == "RpcException" && ex.Message.Contains("AlreadyExists", StringComparison.Ordinal));
}
