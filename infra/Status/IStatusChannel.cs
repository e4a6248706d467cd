using Backoffice.Infra.Jobs;

namespace Backoffice.Infra.Status;

/// <summary>
/// Where a published status change goes before it is delivered to the merchant: the Storage queue locally, the Service
/// Bus topic <c>order-status</c> in Azure (functions/ registers that one).
/// </summary>
public interface IStatusChannel
{
    Task PublishAsync(StatusMessage message, CancellationToken ct);
}
