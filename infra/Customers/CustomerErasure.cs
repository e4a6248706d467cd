using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Erases a customer: first the profile and its index rows (so no new order can find them), then the customer on
/// each of their orders, then the notes of the contact log. Every step is idempotent, so erasing again finishes what
/// an interrupted erasure left. A customer with an order still in the pipe is refused: the call centre, the
/// warehouse and the courier still need the name, phone and address; the merchant erases once the order has ended.
/// Last, the finished orchestrations of those orders are purged from the engine's task hub (their inputs and history
/// hold ids only, but an erased customer's orders should leave no engine trail either); an orchestration still running
/// (an ended order whose cash is not yet handed over) is left to the retention purge.
/// </summary>
public sealed class CustomerErasure(
    CustomerStore customers, OrderPersonalData orders, OrderStore orderStore, IEnumerable<IOrderEngine> engines, ILogger<CustomerErasure> logger)
{
    /// <summary>
    /// Orders live in partitions of their own, so they are read and redacted side by side, a few at a time: a customer
    /// with thousands of orders (many buyers behind one marketplace e-mail) is still erased within one request.
    /// </summary>
    private const int OrdersInParallel = 8;

    /// <param name="engine">The request's engine (Azure: the invocation's Durable client); else the host's, if it runs one.</param>
    public async Task<CustomerWrite> EraseAsync(string merchantId, string customerId, Actor by, CancellationToken ct = default, IOrderEngine? engine = null)
    {
        if (await AnyOpenAsync(merchantId, await customers.OrderIdsAsync(merchantId, customerId, ct).ConfigureAwait(false), ct).ConfigureAwait(false))
        {
            return CustomerWrite.HasOpenOrders;
        }

        var (result, orderIds) = await customers.EraseProfileAsync(merchantId, customerId, by, ct).ConfigureAwait(false);
        if (result != CustomerWrite.Done)
        {
            return result;
        }

        await Parallel.ForEachAsync(orderIds, Options(ct), async (orderId, token) => await orders.RedactAsync(merchantId, orderId, token).ConfigureAwait(false))
            .ConfigureAwait(false);

        await customers.ScrubCallNotesAsync(merchantId, customerId, ct).ConfigureAwait(false);
        if ((engine ?? engines.FirstOrDefault()) is { } purger && orderIds.Count > 0)
        {
            await purger.PurgeAsync(orderIds.Select(id => (merchantId, id)), ct).ConfigureAwait(false);
        }

        logger.LogInformation("Personal data of customer {CustomerId} of {MerchantId} erased from {Orders} orders", customerId, merchantId, orderIds.Count);
        return CustomerWrite.Done;
    }

    private static ParallelOptions Options(CancellationToken ct) => new() { MaxDegreeOfParallelism = OrdersInParallel, CancellationToken = ct };

    private async Task<bool> AnyOpenAsync(string merchantId, IReadOnlyList<string> orderIds, CancellationToken ct)
    {
        var open = 0;
        await Parallel.ForEachAsync(orderIds, Options(ct), async (orderId, token) =>
        {
            if (Volatile.Read(ref open) == 0
                && (await orderStore.LoadAsync(merchantId, orderId, token).ConfigureAwait(false)).State is PlacedOrder { Stage: var stage } && !stage.IsTerminal())
            {
                Interlocked.Exchange(ref open, 1);
            }
        }).ConfigureAwait(false);
        return open == 1;
    }
}
