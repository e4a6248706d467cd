using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Runner;
using Backoffice.Infra.Status;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// What the orchestration's activities do. Effects run through the local runner's own <see cref="EffectDispatcher"/>,
/// so both engines apply them the same way; a published status leaves through the host's <see cref="IStatusChannel"/>
/// (Service Bus in Azure, the Storage queue locally). Everything here is idempotent: activities run at least once.
/// </summary>
public sealed class OrderActivities(OrderStore store, EffectDispatcher dispatcher)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Folds the decision's events onto the stored state and commits them with the ETag. Running it again after it
    /// landed finds the stored version already at <see cref="OrderCommit.ToVersion"/> and does nothing.
    /// </summary>
    public async Task SaveOrderAsync(OrderCommit commit, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadAsync(commit.MerchantId, commit.OrderId, ct).ConfigureAwait(false);
            if (loaded.State.Version >= commit.ToVersion)
            {
                return;
            }

            if (loaded.State.Version != commit.FromVersion)
            {
                throw new InvalidOperationException(
                    $"The read model of {commit.MerchantId}/{commit.OrderId} is at version {loaded.State.Version}; this commit starts at {commit.FromVersion}.");
            }

            var after = (PlacedOrder)commit.Events.Aggregate(loaded.State, OrderDecider.Evolve);
            try
            {
                await store.CommitAsync(loaded, after, commit.Events, [], $"workflow:{commit.ToVersion}", ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsConflict(ex) && attempt < MaxAttempts)
            {
                // A retried activity whose first write landed meanwhile: reload and find it there.
            }
        }
    }

    /// <summary>
    /// One effect, as the local runner runs it; a status updates the merchant's order list, tells the observers (KPIs,
    /// customers) and goes out through <see cref="StatusPublisher"/>.
    /// </summary>
    public Task ApplyEffectAsync(OrderEffectMessage message, CancellationToken ct = default) => dispatcher.RunAsync(message.ToEffect(), ct);

    private static bool IsConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };
}
