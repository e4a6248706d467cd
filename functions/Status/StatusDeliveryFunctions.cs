using Backoffice.Functions.Hosting;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Backoffice.Functions.Status;

/// <summary>
/// Status changes to the merchants' status URLs. First attempts arrive from the order-status topic; retries wait on the
/// Storage queue with a visibility delay, because Service Bus cannot abandon a message with a delay and a scheduled
/// re-send to the topic would reach every subscription again. A failure is never thrown back to the trigger: the
/// delivery queues its own retry or dead-letters, so only storage faults make the trigger retry.
/// </summary>
public sealed class StatusDeliveryFunctions(StatusDelivery delivery)
{
    [Function(nameof(DeliverOrderStatus))]
    public Task DeliverOrderStatus(
        [ServiceBusTrigger(ServiceBusNames.OrderStatusTopic, ServiceBusNames.MerchantWebhooksSubscription, Connection = ServiceBusNames.Connection)] string body,
        CancellationToken ct) => delivery.HandleAsync(body, ct);

    [Function(nameof(RetryOrderStatus))]
    public Task RetryOrderStatus([QueueTrigger(QueueNames.Status, Connection = "AzureWebJobsStorage")] string body, CancellationToken ct) =>
        delivery.HandleAsync(body, ct);
}
