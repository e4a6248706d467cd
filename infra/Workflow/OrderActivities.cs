using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Runner;
using Backoffice.Infra.Status;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// What the orchestration's activities do. Effects run through the local runner's own <see cref="EffectDispatcher"/>,
/// so both engines apply them the same way; only a published status leaves through <see cref="IStatusChannel"/>
/// (Service Bus in Azure) instead of the local queue. Everything here is idempotent: activities run at least once.
/// </summary>
public sealed class OrderActivities(
    OrderStore store,
    EffectDispatcher dispatcher,
    MerchantOrderIndex merchantOrders,
    IEnumerable<IOrderChangeObserver> observers,
    IStatusChannel statusChannel,
    MerchantStore merchants)
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

    public Task ApplyEffectAsync(OrderEffectMessage message, CancellationToken ct = default) => message.ToEffect() switch
    {
        PublishStatus status => PublishStatusAsync(status, ct),
        var effect => dispatcher.RunAsync(effect, ct),
    };

    /// <summary>The merchant's order list learns the stage, observers (KPIs, customers) are told, the status goes out.</summary>
    private async Task PublishStatusAsync(PublishStatus status, CancellationToken ct)
    {
        await merchantOrders.UpdateStageAsync(status, ct).ConfigureAwait(false);
        foreach (var observer in observers)
        {
            await observer.OnChangedAsync(status, null, ct).ConfigureAwait(false);
        }

        // Only for a merchant with a status URL, as the local runner does: without one, delivery would drop it.
        if (await merchants.WantsStatusAsync(status.MerchantId, ct).ConfigureAwait(false))
        {
            await statusChannel.PublishAsync(
                new StatusMessage(status.Key, status.MerchantId, status.OrderId, status.ExternalOrderId, status.Stage, status.Event, status.At, status.Version, status.Cancellation),
                ct).ConfigureAwait(false);
        }
    }

    private static bool IsConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };
}
