using Azure.Messaging.ServiceBus;
using Backoffice.Functions.Hosting;
using Backoffice.Infra.Status;

namespace Backoffice.Functions.Status;

/// <summary>Publishes status changes to the order-status topic, for systems outside the app (see <see cref="OutboundStatusChannel"/>).</summary>
internal sealed class ServiceBusStatusChannel(ServiceBusClient client) : IStatusChannel, IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(ServiceBusNames.OrderStatusTopic);

    public Task PublishAsync(StatusMessage message, CancellationToken ct)
    {
        var sbMessage = new ServiceBusMessage(StatusQueueMessage.Format(message, attempt: 1))
        {
            MessageId = message.Id,
            ContentType = "application/json",
            Subject = message.Event,
        };
        sbMessage.ApplicationProperties["merchantId"] = message.MerchantId;
        sbMessage.ApplicationProperties["stage"] = message.Stage.ToString();
        return _sender.SendMessageAsync(sbMessage, ct);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
