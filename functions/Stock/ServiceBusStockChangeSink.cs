using Azure.Messaging.ServiceBus;
using Backoffice.Functions.Hosting;
using Backoffice.Infra.Stock;
using Backoffice.Infra.Storage;

namespace Backoffice.Functions.Stock;

/// <summary>Publishes stock availability changes to the stock-changed topic (subscription: merchant-webhooks).</summary>
internal sealed class ServiceBusStockChangeSink(ServiceBusClient client) : IStockChangeSink, IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(ServiceBusNames.StockChangedTopic);

    public Task PublishAsync(StockChanged change, CancellationToken ct)
    {
        // No message id of ours: a SKU may be longer than Service Bus allows one to be. Consumers keep the highest
        // version per (merchant, SKU), which makes a repeated or late change harmless.
        var sbMessage = new ServiceBusMessage(Json.Serialize(change))
        {
            ContentType = "application/json",
            Subject = "stock.changed",
        };
        sbMessage.ApplicationProperties["merchantId"] = change.MerchantId;
        sbMessage.ApplicationProperties["version"] = change.Version;
        return _sender.SendMessageAsync(sbMessage, ct);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
