using Backoffice.Core.Finance;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Keeps <see cref="DeliveredOrders"/> from the order changes the runner publishes: a delivered order is recorded once
/// (its key is the order id), with its values and the tariff in force. Cancelled orders never reach Delivered, so they
/// are never billed.
/// </summary>
public sealed class DeliveredOrderObserver(OrderStore orders, MerchantStore merchants, DeliveredOrders delivered, ILogger<DeliveredOrderObserver> logger)
    : IOrderChangeObserver
{
    public async Task OnChangedAsync(PublishStatus change, PlacedOrder? order, CancellationToken ct)
    {
        if (change.Stage != Stage.Delivered)
        {
            return;
        }

        // The order as delivered, from the dispatcher when it has it; its delivery values do not change afterwards.
        order ??= (await orders.LoadAsync(change.MerchantId, change.OrderId, ct).ConfigureAwait(false)).State as PlacedOrder;
        var (merchant, _) = await merchants.FindForWebhookAsync(change.MerchantId, ct).ConfigureAwait(false);
        if (order is null || merchant is null)
        {
            logger.LogWarning("Delivered order {MerchantId}/{OrderId} or its merchant is missing; not billed", change.MerchantId, change.OrderId);
            return;
        }

        await delivered.RecordAsync(new DeliveredOrder(order.MerchantId, order.OrderId, order.Draft.ExternalOrderId, change.At,
            order.Draft.Payment == PaymentMethod.CashOnDelivery, order.DeliveredValue, order.CashCollected, order.Draft.Currency, merchant.Tariff), ct).ConfigureAwait(false);
    }
}
