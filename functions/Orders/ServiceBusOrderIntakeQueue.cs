using Azure.Messaging.ServiceBus;
using Backoffice.Core.Orders;
using Backoffice.Functions.Hosting;
using Backoffice.Infra.Storage;
using Backoffice.Infra.Workflow;

namespace Backoffice.Functions.Orders;

/// <summary>
/// Puts accepted orders on the orders-inbound queue. The message id is the order's instance id, so Service Bus duplicate
/// detection drops a second copy inside its window.
/// </summary>
internal sealed class ServiceBusOrderIntakeQueue(ServiceBusClient client) : IOrderIntakeQueue, IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(ServiceBusNames.OrdersInbound);

    public Task EnqueueAsync(PlaceOrder order, CancellationToken ct) => _sender.SendMessageAsync(
        new ServiceBusMessage(Json.Serialize(order))
        {
            MessageId = OrderWorkflowIds.InstanceId(order.MerchantId, order.OrderId),
            ContentType = "application/json",
            Subject = "order.placed",
        },
        ct);

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
