using Azure.Messaging.ServiceBus;
using Backoffice.Functions.Hosting;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Storage;

namespace Backoffice.Functions.Finance;

/// <summary>Publishes "a finance report is ready" to the finance-reports topic (subscription: delivery).</summary>
internal sealed class ServiceBusFinanceReportChannel(ServiceBusClient client) : IFinanceReportChannel, IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(ServiceBusNames.FinanceReportsTopic);

    public Task PublishAsync(FinanceReportMessage message, CancellationToken ct)
    {
        // The message id is the document's (kind/merchant/period): a run that sends again after a failure repeats it,
        // and consumers dedupe on it.
        var sbMessage = new ServiceBusMessage(Json.Serialize(message))
        {
            MessageId = message.Id,
            ContentType = "application/json",
            Subject = message.Kind,
        };
        sbMessage.ApplicationProperties["merchantId"] = message.MerchantId;
        sbMessage.ApplicationProperties["period"] = message.Period;
        return _sender.SendMessageAsync(sbMessage, ct);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
