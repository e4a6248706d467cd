using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
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
/// a crash right after the commit still gets the effects run; once the inline dispatch has run everything that was
/// pending, the message is deleted again (the runner would only have found an empty outbox).
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

    private static readonly OrderWithOutbox NothingStored = new(new StoredOrder(OrderDecider.Initial, null), []);

    public Task<CommandOutcome> ExecuteAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion = null, CancellationToken ct = default) =>
        RunAsync(merchantId, orderId, command, expectedVersion, expectNew: false, ct);

    /// <summary>
    /// Places an order that most likely does not exist yet (a webhook): the first attempt decides against "no order"
    /// and commits with an insert, without reading first. If the order exists (a redelivery) the insert fails with 409
    /// and the usual reload → re-decide answers <see cref="Rejection.AlreadyPlaced"/>.
    /// </summary>
    public Task<CommandOutcome> PlaceAsync(string merchantId, string orderId, Func<OrderState, OrderCommand> command, CancellationToken ct = default) =>
        RunAsync(merchantId, orderId, command, null, expectNew: true, ct);

    private async Task<CommandOutcome> RunAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion, bool expectNew, CancellationToken ct)
    {
        var commandId = Guid.NewGuid().ToString("N");
        var safetyNets = new List<SendReceipt>();
        for (var attempt = 1; ; attempt++)
        {
            var (loaded, undispatched) = expectNew && attempt == 1
                ? NothingStored
                : await store.LoadWithOutboxAsync(merchantId, orderId, ct).ConfigureAwait(false);
            if (attempt > 1 && loaded.LastCommandId == commandId)
            {
                // Our earlier write landed although its response was lost: it is applied, not to be decided again.
                var landed = loaded.State as PlacedOrder;
                await DispatchInlineAsync(merchantId, orderId, undispatched, landed, safetyNets, ct).ConfigureAwait(false);
                return new CommandOutcome(OutcomeKind.Applied, landed, null, Created: loaded.State.Version == 2);
            }

            if (expectedVersion is { } expected && loaded.State.Version != expected)
            {
                await ForgetAsync(merchantId, orderId, safetyNets).ConfigureAwait(false);
                return new CommandOutcome(OutcomeKind.VersionMismatch, loaded.State as PlacedOrder, new Rejection("version-mismatch",
                    $"The order changed since you loaded it (version {expected}, now {loaded.State.Version}). Reload and try again."));
            }

            var cmd = command(loaded.State);
            var decision = OrderDecider.Decide(loaded.State, cmd);
            if (!decision.IsAccepted)
            {
                await ForgetAsync(merchantId, orderId, safetyNets).ConfigureAwait(false);
                var kind = decision.Rejection!.Code == Rejection.NotFound ? OutcomeKind.NotFound : OutcomeKind.Rejected;
                return new CommandOutcome(kind, loaded.State as PlacedOrder, decision.Rejection);
            }

            var after = (PlacedOrder)decision.Events.Aggregate(loaded.State, OrderDecider.Evolve);
            var effects = OrderWorkflow.Effects(loaded.State, after, decision.Events);
            IReadOnlyList<PendingEffect> committed;
            try
            {
                if (effects.Count > 0)
                {
                    // A fresh one per attempt: each commit gets the full delay to dispatch before the runner looks.
                    safetyNets.Add(await clients.Queue(QueueNames.Outbox).SendMessageAsync(
                        Json.Serialize(new OutboxMessage(merchantId, orderId)), SafetyNetDelay, cancellationToken: ct).ConfigureAwait(false));
                }

                committed = await store.CommitAsync(loaded, after, decision.Events, effects, commandId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex) && attempt < MaxAttempts)
            {
                logger.LogDebug("Order {MerchantId}/{OrderId} changed under us (attempt {Attempt}); re-deciding", merchantId, orderId, attempt);
                continue;
            }

            // What earlier commits left undispatched runs first, so effects still apply in commit order.
            await DispatchInlineAsync(merchantId, orderId, [.. undispatched, .. committed], after, safetyNets, ct).ConfigureAwait(false);
            return new CommandOutcome(OutcomeKind.Applied, after, null, Created: loaded.State is NoOrder);
        }
    }

    /// <summary>
    /// Runs every outbox row that was pending at our commit (rows committed later belong to commands with their own
    /// safety net); when all of them ran, our safety-net messages have nothing left to do and are deleted.
    /// </summary>
    private async Task DispatchInlineAsync(
        string merchantId, string orderId, IReadOnlyList<PendingEffect> pending, PlacedOrder? current, List<SendReceipt> safetyNets, CancellationToken ct)
    {
        try
        {
            await dispatcher.DispatchAsync(pending, current, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or TableTransactionFailedException)
        {
            // The decision is committed; the safety-net message will dispatch what is left.
            logger.LogWarning(ex, "Dispatching the outbox of {MerchantId}/{OrderId} failed; the runner will retry", merchantId, orderId);
            return;
        }

        await ForgetAsync(merchantId, orderId, safetyNets).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes safety-net messages that have nothing left to cover: not visible yet, so their send receipts still
    /// hold. One the runner received first (its pop receipt changed) is left to it: it finds an empty outbox.
    /// </summary>
    private async Task ForgetAsync(string merchantId, string orderId, List<SendReceipt> safetyNets)
    {
        foreach (var receipt in safetyNets)
        {
            try
            {
                // Not the request's token: the decision is made, and a cancelled delete only leaves work for the runner.
                await clients.Queue(QueueNames.Outbox).DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Only an optimisation failed: the message stays, and the runner will find nothing to do for it.
                logger.LogDebug(ex, "Safety-net message {MessageId} of {MerchantId}/{OrderId} was not deleted", receipt.MessageId, merchantId, orderId);
            }
        }

        safetyNets.Clear();
    }

    private static bool IsConcurrencyConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };
}
