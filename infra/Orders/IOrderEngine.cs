namespace Backoffice.Infra.Orders;

/// <summary>
/// The order engine as the command path sees it: the Durable client, whatever the host. Locally it is the Durable Task
/// client over the in-process sidecar (registered in DI); in Azure the Functions worker binds a client per invocation and
/// puts it into the request's features (see functions/Hosting/ApiEndpoints).
/// </summary>
public interface IOrderEngine
{
    /// <summary>Starts the order's orchestration; <paramref name="mayExist"/> checks first (a redelivery must not restart a finished one).</summary>
    Task StartAsync(string merchantId, string orderId, bool mayExist, CancellationToken ct);

    /// <summary>Tells the orchestration that a command is about to commit <paramref name="version"/>.</summary>
    Task AnnounceAsync(string merchantId, string orderId, int version, CancellationToken ct);

    /// <summary>Removes the history of finished orchestrations of these orders (customer erasure).</summary>
    Task PurgeAsync(IEnumerable<(string MerchantId, string OrderId)> orders, CancellationToken ct);
}
