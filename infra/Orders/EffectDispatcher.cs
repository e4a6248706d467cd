using Backoffice.Core.Orders;
using Backoffice.Infra.Status;
using Backoffice.Infra.Stock;

namespace Backoffice.Infra.Orders;

/// <summary>
/// Runs outbox effects. Every effect is idempotent (upserts, keyed inserts), so a crash
/// between running an effect and deleting its outbox row only means it runs again.
/// </summary>
public sealed class EffectDispatcher(
    OrderStore orders,
    WorkQueueIndex workQueue,
    MerchantOrderIndex merchantOrders,
    CashLedgerWriter ledger,
    IEnumerable<IOrderChangeObserver> observers,
    StatusPublisher statuses,
    IStockEffects? stock = null)
{
    public Task DispatchAsync(IReadOnlyList<PendingEffect> pending, CancellationToken ct = default) => DispatchAsync(pending, null, ct);

    /// <summary>
    /// Runs the effects in order, then deletes their outbox rows. <paramref name="current"/> is the order as just
    /// committed, when the caller has it: observers of that version's status need not read it again.
    /// </summary>
    public async Task DispatchAsync(IReadOnlyList<PendingEffect> pending, PlacedOrder? current, CancellationToken ct = default)
    {
        if (pending.Count == 0)
        {
            return;
        }

        // A placement's index row and its first status are one merchant-list row: the status writes it whole, once.
        var listing = pending.Select(p => p.Effect).OfType<IndexMerchantOrder>().Select(added => FirstStatusOf(added, pending)).OfType<PublishStatus>().ToHashSet();
        foreach (var p in pending)
        {
            var run = p.Effect switch
            {
                IndexMerchantOrder added when FirstStatusOf(added, pending) is not null => Task.CompletedTask,
                PublishStatus status => PublishAsync(status, listing.Contains(status), current?.Version == status.Version ? current : null, ct),
                var effect => RunAsync(effect, ct),
            };
            await run.ConfigureAwait(false);
        }

        await orders.CompleteEffectsAsync(pending, ct).ConfigureAwait(false);
    }

    /// <summary>Runs one effect.</summary>
    public Task RunAsync(OrderEffect effect, CancellationToken ct) => effect switch
    {
        IndexMerchantOrder added => merchantOrders.AddAsync(added, ct),
        UpdateWorkItem change => workQueue.ApplyAsync(change, ct),
        // The order's orchestration keeps the deadline as its own durable timer, from the plan it reads after each change.
        ArmDeadline => Task.CompletedTask,
        PublishStatus status => PublishAsync(status, listsNew: false, null, ct),
        PostCash cash => ledger.PostAsync(cash, ct),

        // Hosts compose the stock ledger in (api/Stock); a dispatcher built without one (unit harnesses) skips stock.
        AdjustStock adjust => stock?.ApplyAsync(adjust, ct) ?? Task.CompletedTask,
        _ => throw new InvalidOperationException($"No dispatcher for {effect.GetType().Name}."),
    };

    /// <summary>The first status of the order an index effect lists, when the same batch carries both (a placement).</summary>
    private static PublishStatus? FirstStatusOf(IndexMerchantOrder added, IReadOnlyList<PendingEffect> pending) =>
        pending.Select(p => p.Effect).OfType<PublishStatus>().FirstOrDefault(s => s.MerchantId == added.MerchantId && s.OrderId == added.OrderId);

    private async Task PublishAsync(PublishStatus status, bool listsNew, PlacedOrder? order, CancellationToken ct)
    {
        await (listsNew ? merchantOrders.ListNewAsync(status, ct) : merchantOrders.UpdateStageAsync(status, ct)).ConfigureAwait(false);
        foreach (var observer in observers)
        {
            await observer.OnChangedAsync(status, order, ct).ConfigureAwait(false);
        }

        await statuses.PublishAsync(status, ct).ConfigureAwait(false);
    }
}
