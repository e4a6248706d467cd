using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
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
/// The one command path, in every host: load → decide → (confirmation: reserve stock) → announce to the order's
/// orchestration → commit state + events + outbox in one transaction with the ETag → run the outbox inline. A command is
/// decided here and nowhere else; the orchestration (<see cref="Lifecycle.OrderLifecycle"/>) only reacts to what landed.
/// <para>
/// A 412/409 means someone else wrote first: reload, re-decide (the command may now be refused), retry. The
/// announcement goes out <em>before</em> the commit, so a process killed right after the commit has already told the
/// orchestration which version to look for; it then runs whatever the inline dispatch did not get to. An announcement
/// whose commit never lands (refused on retry, or killed before) costs the orchestration a few short timers.
/// </para>
/// </summary>
public sealed class OrderProcessor(
    OrderStore store,
    EffectDispatcher dispatcher,
    ILogger<OrderProcessor> logger,
    TimeProvider clock,
    IOrderEngine? engine = null,
    IStockReservations? stock = null,
    CommitFaults? faults = null)
{
    /// <summary>Concurrent writers to one order are people and one timer: a handful of retries is plenty.</summary>
    private const int MaxAttempts = 12;

    private static readonly OrderWithOutbox NothingStored = new(new StoredOrder(OrderDecider.Initial, null), []);

    /// <summary>Runs a command; its <see cref="OrderCommand.Now"/> is re-stamped on every attempt from the application's clock.</summary>
    public Task<CommandOutcome> ExecuteAsync(
        string merchantId, string orderId, OrderCommand command, int? expectedVersion = null, bool announce = true, IOrderEngine? via = null, CancellationToken ct = default) =>
        RunAsync(merchantId, orderId, _ => command with { Now = clock.GetUtcNow() }, expectedVersion, expectNew: false, announce ? via ?? engine : null, ct, reserveStock: true);

    /// <summary>Runs a command built from the current state (tests and the demo seed build some from what they find).</summary>
    public Task<CommandOutcome> ExecuteAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion = null, bool announce = true, bool reserveStock = false, CancellationToken ct = default) =>
        RunAsync(merchantId, orderId, command, expectedVersion, expectNew: false, announce ? engine : null, ct, reserveStock);

    /// <summary>
    /// Places an order that most likely does not exist yet (a webhook): the first attempt decides against "no order"
    /// and commits with an insert, without reading first. If the order exists (a redelivery) the insert fails with 409
    /// and the usual reload → re-decide answers <see cref="Rejection.AlreadyPlaced"/>. The orchestration is started by
    /// the caller once the order is stored (<see cref="IOrderEngine.StartAsync"/>), so there is nothing to announce.
    /// </summary>
    /// <param name="dispatchInline">
    /// False when the order's orchestration is started right after (the webhook intake with an engine): its first
    /// <c>AdvanceOrder</c> activity runs the placement's outbox, so the storefront's answer waits for one transaction
    /// instead of a dozen index writes. True without an engine, where nothing else would run them.
    /// </param>
    public Task<CommandOutcome> PlaceAsync(string merchantId, string orderId, Func<OrderState, OrderCommand> command, CancellationToken ct = default, bool dispatchInline = true) =>
        RunAsync(merchantId, orderId, command, null, expectNew: true, null, ct, dispatchInline: dispatchInline);

    private async Task<CommandOutcome> RunAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion, bool expectNew, IOrderEngine? announceTo, CancellationToken ct,
        bool reserveStock = false, bool dispatchInline = true)
    {
        var commandId = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            var (loaded, undispatched) = expectNew && attempt == 1
                ? NothingStored
                : await store.LoadWithOutboxAsync(merchantId, orderId, ct).ConfigureAwait(false);
            if (attempt > 1 && loaded.LastCommandId == commandId)
            {
                // Our earlier write landed although its response was lost: it is applied, not to be decided again.
                var landed = loaded.State as PlacedOrder;
                await DispatchInlineAsync(merchantId, orderId, undispatched, landed, ct).ConfigureAwait(false);
                return new CommandOutcome(OutcomeKind.Applied, landed, null, Created: loaded.State.Version == 2);
            }

            if (expectedVersion is { } expected && loaded.State.Version != expected)
            {
                return new CommandOutcome(OutcomeKind.VersionMismatch, loaded.State as PlacedOrder, new Rejection("version-mismatch",
                    $"The order changed since you loaded it (version {expected}, now {loaded.State.Version}). Reload and try again."));
            }

            var cmd = command(loaded.State);
            var decision = OrderDecider.Decide(loaded.State, cmd);
            if (reserveStock && decision.IsAccepted && cmd is ConfirmOrder confirm && stock is not null && loaded.State is PlacedOrder toConfirm)
            {
                // Part of this unit of work: the decider said yes without reservations; reserve, and decide with them.
                cmd = confirm with { Reservations = await stock.ReserveAsync(toConfirm, confirm, ct).ConfigureAwait(false) };
                decision = OrderDecider.Decide(loaded.State, cmd);
            }

            if (!decision.IsAccepted)
            {
                var kind = decision.Rejection!.Code == Rejection.NotFound ? OutcomeKind.NotFound : OutcomeKind.Rejected;
                return new CommandOutcome(kind, loaded.State as PlacedOrder, decision.Rejection);
            }

            var after = (PlacedOrder)decision.Events.Aggregate(loaded.State, OrderDecider.Evolve);
            var effects = OrderWorkflow.Effects(loaded.State, after, decision.Events);
            IReadOnlyList<PendingEffect> committed;
            try
            {
                if (announceTo is not null)
                {
                    await announceTo.AnnounceAsync(merchantId, orderId, after.Version, ct).ConfigureAwait(false);
                }

                committed = await store.CommitAsync(loaded, after, decision.Events, effects, commandId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex) && attempt < MaxAttempts)
            {
                logger.LogDebug("Order {MerchantId}/{OrderId} changed under us (attempt {Attempt}); re-deciding", merchantId, orderId, attempt);
                continue;
            }

            faults?.AfterCommit(cmd.GetType().Name);

            // What earlier commits left undispatched runs first, so effects still apply in commit order.
            if (dispatchInline)
            {
                await DispatchInlineAsync(merchantId, orderId, [.. undispatched, .. committed], after, ct).ConfigureAwait(false);
            }

            return new CommandOutcome(OutcomeKind.Applied, after, null, Created: loaded.State is NoOrder);
        }
    }

    /// <summary>Runs the outbox now, so the caller's answer already shows in work queues and lists.</summary>
    private async Task DispatchInlineAsync(string merchantId, string orderId, IReadOnlyList<PendingEffect> pending, PlacedOrder? current, CancellationToken ct)
    {
        try
        {
            await dispatcher.DispatchAsync(pending, current, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or TableTransactionFailedException)
        {
            // The decision is committed and announced: the order's orchestration runs what is left.
            logger.LogWarning(ex, "Dispatching the outbox of {MerchantId}/{OrderId} failed; the order's orchestration will retry", merchantId, orderId);
        }
    }

    private static bool IsConcurrencyConflict(Exception ex) => ex switch
    {
        TableTransactionFailedException t => t.Status is 409 or 412,
        RequestFailedException r => r.Status is 409 or 412,
        _ => false,
    };
}
