using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Jobs;

namespace Backoffice.Infra.Status;

/// <summary>
/// Sends a published status change on its way to the merchant, through the host's <see cref="IStatusChannel"/> (the
/// Storage queue locally, Service Bus in Azure) — but only for a merchant with a status URL: without one,
/// <see cref="StatusDelivery"/> would drop it, so queuing it would only cost the send, the receive and the delete.
/// Both engines publish through this (the local runner inline, the Durable host's ApplyEffect activity).
/// </summary>
public sealed class StatusPublisher(IStatusChannel channel, MerchantStore merchants)
{
    public async Task PublishAsync(PublishStatus status, CancellationToken ct)
    {
        if (await merchants.WantsStatusAsync(status.MerchantId, ct).ConfigureAwait(false))
        {
            await channel.PublishAsync(
                new StatusMessage(status.Key, status.MerchantId, status.OrderId, status.ExternalOrderId, status.Stage, status.Event, status.At, status.Version, status.Cancellation),
                ct).ConfigureAwait(false);
        }
    }
}
