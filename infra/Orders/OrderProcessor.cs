using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Runner;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Orders;

public enum OutcomeKind
{
    Applied,
    Rejected,
    NotFound,
    VersionMismatch,
}

/// <summary>What happened to a command: the state after it, or why it was refused.</summary>
public sealed record CommandOutcome(OutcomeKind Kind, PlacedOrder? State, Rejection? Rejection, bool Created = false);

/// <summary>
/// Load → decide → commit with the ETag → dispatch the outbox. A 412/409 means someone else wrote first: reload,
/// re-decide (the command may now be refused), retry. The outbox safety-net message goes out before the commit, so
/// a crash right after the commit still gets the effects run.
/// </summary>
public sealed class OrderProcessor(
    OrderStore store,
    EffectDispatcher dispatcher,
    StorageClients clients,
    ILogger<OrderProcessor> logger)
{
    private const int MaxAttempts = 12;

    /// <summary>Delay before the safety-net message becomes visible: long enough for the inline dispatch to win.</summary>
    public static readonly TimeSpan SafetyNetDelay = TimeSpan.FromSeconds(20);

    public async Task<CommandOutcome> ExecuteAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion = null, CancellationToken ct = default)
    {
        var commandId = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadAsync(merchantId, orderId, ct).ConfigureAwait(false);
            if (attempt > 1 && loaded.LastCommandId == commandId)
            {
                // Our earlier write landed although its response was lost: it is applied, not to be decided again.
                return new CommandOutcome(OutcomeKind.Applied, loaded.State as PlacedOrder, null, Created: loaded.State.Version == 2);
            }

            if (expectedVersion is { } expected && loaded.State.Version != expected)
            {
                return new CommandOutcome(OutcomeKind.VersionMismatch, loaded.State as PlacedOrder, new Rejection("version-mismatch",
                    $"The order changed since you loaded it (version {expected}, now {loaded.State.Version}). Reload and try again."));
            }

            var cmd = command(loaded.State);
            var decision = OrderDecider.Decide(loaded.State, cmd);
            if (!decision.IsAccepted)
            {
                var kind = decision.Rejection!.Code == Rejection.NotFound ? OutcomeKind.NotFound : OutcomeKind.Rejected;
                return new CommandOutcome(kind, loaded.State as PlacedOrder, decision.Rejection);
            }

            var after = (PlacedOrder)decision.Events.Aggregate(loaded.State, OrderDecider.Evolve);
            var effects = OrderWorkflow.Effects(loaded.State, after, decision.Events);
            try
            {
                if (effects.Count > 0)
                {
                    await clients.Queue(QueueNames.Outbox).SendMessageAsync(
                        Json.Serialize(new OutboxMessage(merchantId, orderId)), SafetyNetDelay, cancellationToken: ct).ConfigureAwait(false);
                }

                await store.CommitAsync(loaded, after, decision.Events, effects, commandId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex) && attempt < MaxAttempts)
            {
                logger.LogDebug("Order {MerchantId}/{OrderId} changed under us (attempt {Attempt}); re-deciding", merchantId, orderId, attempt);
                continue;
            }

            await DispatchInlineAsync(merchantId, orderId, ct).ConfigureAwait(false);
            return new CommandOutcome(OutcomeKind.Applied, after, null, Created: loaded.State is NoOrder);
        }
    }

    private async Task DispatchInlineAsync(string merchantId, string orderId, CancellationToken ct)
    {
        try
        {
            await dispatcher.DispatchPendingAsync(merchantId, orderId, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or TableTransactionFailedException)
        {
            // The decision is committed; the safety-net message will dispatch what is left.
            logger.LogWarning(ex, "Dispatching the outbox of {MerchantId}/{OrderId} failed; the runner will retry", merchantId, orderId);
        }
    }

    private static bool IsConcurrencyConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };
}
