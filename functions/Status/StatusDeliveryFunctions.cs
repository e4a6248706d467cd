using Backoffice.Infra.Storage;
using Backoffice.Infra.Status;
using Microsoft.Azure.Functions.Worker;

namespace Backoffice.Functions.Status;

/// <summary>
/// Status changes to the merchants' status URLs, from the Storage queue <c>order-status</c> — first attempts and retries
/// alike, as the local host's StatusPump reads it (nothing in this app triggers on Service Bus: that trigger is not served
/// here). A failure is never thrown back to the trigger: the delivery queues its own retry with a visibility delay or
/// dead-letters, so only storage faults make the trigger retry.
/// </summary>
public sealed class StatusDeliveryFunctions(StatusDelivery delivery)
{
    [Function(nameof(DeliverOrderStatus))]
    public Task DeliverOrderStatus([QueueTrigger(QueueNames.Status, Connection = "AzureWebJobsStorage")] string body, CancellationToken ct) =>
        delivery.HandleAsync(body, ct);
}
