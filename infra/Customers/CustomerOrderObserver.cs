using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Keeps the customer base in step with orders: every published order change links the order to its customer (on
/// the first) and updates the customer's counts. It uses the order the dispatcher has in hand (the version the
/// change published) or else re-reads it; either way the customer record only moves forward, because
/// <see cref="CustomerStore.SyncOrderAsync"/> ignores a version older than the one it counted, whatever order the
/// changes arrive in, and the latest change carries the latest version.
/// </summary>
public sealed class CustomerOrderObserver(OrderStore orders, CustomerStore customers) : IOrderChangeObserver
{
    public async Task OnChangedAsync(PublishStatus change, PlacedOrder? order, CancellationToken ct)
    {
        order ??= (await orders.LoadAsync(change.MerchantId, change.OrderId, ct).ConfigureAwait(false)).State as PlacedOrder;
        if (order is not null)
        {
            // A placement's order is new: no customer link to look up first (a redelivery finds it by the insert's conflict).
            await customers.SyncOrderAsync(order, linkedBefore: !change.Placement, ct).ConfigureAwait(false);
        }
    }
}
