using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Keeps the customer base in step with orders: every published order change links the order to its customer (on
/// the first) and updates the customer's counts. The order is re-read, so the customer record follows the order's
/// latest version whatever order the changes arrive in.
/// </summary>
public sealed class CustomerOrderObserver(OrderStore orders, CustomerStore customers) : IOrderChangeObserver
{
    public async Task OnChangedAsync(PublishStatus change, CancellationToken ct)
    {
        var loaded = await orders.LoadAsync(change.MerchantId, change.OrderId, ct).ConfigureAwait(false);
        if (loaded.State is PlacedOrder order)
        {
            await customers.SyncOrderAsync(order, ct).ConfigureAwait(false);
        }
    }
}
