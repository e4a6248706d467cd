using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary>
/// What the order orchestration's activities do, host-independent: the Functions host's <c>[ActivityTrigger]</c> wrappers
/// and the local worker's <see cref="Microsoft.DurableTask.TaskActivity{TInput,TOutput}"/> classes both call these.
/// Activities run at least once; both steps are idempotent (effects are, and a stale deadline is refused by the decider).
/// </summary>
public sealed class OrderLifecycleSteps(OrderStore store, EffectDispatcher dispatcher, OrderProcessor processor, TimeProvider clock, ILogger<OrderLifecycleSteps> logger)
{
    public static readonly Actor DeadlineClock = Actor.System("deadline-timer");

    /// <summary>Runs what is left in the order's outbox (usually nothing: the request that committed ran it) and plans.</summary>
    public async Task<OrderPlan> AdvanceAsync(AdvanceRequest request, CancellationToken ct = default)
    {
        var (loaded, pending) = await store.LoadWithOutboxAsync(request.MerchantId, request.OrderId, ct).ConfigureAwait(false);
        if (pending.Count > 0)
        {
            logger.LogInformation("Order {MerchantId}/{OrderId}: running {Count} effects left in its outbox", request.MerchantId, request.OrderId, pending.Count);
            await dispatcher.DispatchAsync(pending, loaded.State as PlacedOrder, ct).ConfigureAwait(false);
        }

        return OrderPlan.Of(loaded.State, clock.GetUtcNow(), request.AwaitedVersion);
    }

    /// <summary>
    /// The stage deadline's timer fired: decide <see cref="ReachDeadline"/> (escalate, or cancel on repeated misses) through
    /// the one command path. A deadline that is not due on the application's clock, or no longer current, changes nothing.
    /// </summary>
    public async Task<OrderPlan> ReachDeadlineAsync(DeadlineRequest request, CancellationToken ct = default)
    {
        if (request.DueAt <= clock.GetUtcNow())
        {
            var outcome = await processor.ExecuteAsync(
                request.MerchantId,
                request.OrderId,
                new ReachDeadline(request.Stage, request.DueAt, DeadlineClock, clock.GetUtcNow()),
                announce: false,
                ct: ct).ConfigureAwait(false);
            if (outcome.Kind == OutcomeKind.Applied)
            {
                logger.LogInformation("Order {MerchantId}/{OrderId} missed its {Stage} deadline", request.MerchantId, request.OrderId, request.Stage);
            }
        }

        return await AdvanceAsync(new AdvanceRequest(request.MerchantId, request.OrderId, 0), ct).ConfigureAwait(false);
    }
}
