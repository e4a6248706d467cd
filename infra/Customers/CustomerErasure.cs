using Backoffice.Core.Common;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Erases a customer: first the profile and its index rows (so no new order can find them), then the customer on
/// each of their orders, then the notes of the contact log. Every step is idempotent, so erasing again finishes what
/// an interrupted erasure left.
/// </summary>
public sealed class CustomerErasure(CustomerStore customers, OrderPersonalData orders, ILogger<CustomerErasure> logger)
{
    public async Task<CustomerWrite> EraseAsync(string merchantId, string customerId, Actor by, CancellationToken ct = default)
    {
        var (result, orderIds) = await customers.EraseProfileAsync(merchantId, customerId, by, ct).ConfigureAwait(false);
        if (result != CustomerWrite.Done)
        {
            return result;
        }

        foreach (var orderId in orderIds)
        {
            await orders.RedactAsync(merchantId, orderId, ct).ConfigureAwait(false);
        }

        await customers.ScrubCallNotesAsync(merchantId, customerId, ct).ConfigureAwait(false);
        logger.LogInformation("Personal data of customer {CustomerId} of {MerchantId} erased from {Orders} orders", customerId, merchantId, orderIds.Count);
        return CustomerWrite.Done;
    }
}
