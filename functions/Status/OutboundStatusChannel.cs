using Backoffice.Infra.Status;

namespace Backoffice.Functions.Status;

/// <summary>
/// Azure's status channel: the Storage queue that <see cref="StatusDeliveryFunctions"/> delivers to the merchant from
/// (the same queue and format as the local host), then the Service Bus topic <c>order-status</c> for other systems. A
/// failure of either fails the effect, which the order's outbox runs again; both carry the change's stable id, so a
/// repeat is recognisable (the webhook id to the merchant, the message id on the topic).
/// </summary>
internal sealed class OutboundStatusChannel(QueueStatusChannel queue, ServiceBusStatusChannel topic) : IStatusChannel
{
    public async Task PublishAsync(StatusMessage message, CancellationToken ct)
    {
        await queue.PublishAsync(message, ct).ConfigureAwait(false);
        await topic.PublishAsync(message, ct).ConfigureAwait(false);
    }
}
