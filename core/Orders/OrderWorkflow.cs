using Backoffice.Core.Common;

namespace Backoffice.Core.Orders;

/// <summary>
/// What an order needs from the outside world after a decision: effects to run (idempotent, keyed) and the next
/// deadline to arm. Both engines read this plan; neither invents its own.
/// </summary>
public static class OrderWorkflow
{
    public static StageDeadline? NextDeadline(OrderState state) =>
        state is PlacedOrder { Deadline: { } deadline } order && !order.Stage.IsTerminal() ? deadline : null;

    public static IReadOnlyList<OrderEffect> Effects(OrderState before, OrderState after, IReadOnlyList<OrderEvent> events)
    {
        if (after is not PlacedOrder order)
        {
            return [];
        }

        var effects = new List<OrderEffect>();
        var previous = before as PlacedOrder;
        var key = $"{order.OrderId}:{order.Version}";

        if (previous is null)
        {
            effects.Add(new IndexMerchantOrder(key + ":index", order.MerchantId, order.OrderId, order.Draft.ExternalOrderId, order.PlacedAt, order.Draft.DisplayName));
        }

        var oldItem = WorkItemOf(previous);
        var newItem = WorkItemOf(order);
        if (oldItem != newItem)
        {
            effects.Add(new UpdateWorkItem(key + ":work", order.MerchantId, order.OrderId, oldItem, newItem));
        }

        if (NextDeadline(order) is { } deadline && deadline != NextDeadline(before))
        {
            effects.Add(new ArmDeadline(key + ":timer", order.MerchantId, order.OrderId, deadline.Stage, deadline.DueAt));
        }

        if (previous?.Stage != order.Stage || events.Any(e => e is LinesCancelled or DeadlineMissed))
        {
            effects.Add(new PublishStatus(key + ":status", order.MerchantId, order.OrderId, order.Draft.ExternalOrderId, order.Stage,
                events[^1].Name, events[^1].At, order.PlacedAt, order.Version, order.Cancellation, Placement: previous is null, DisplayName: order.Draft.DisplayName));
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case OrderDelivered { CashCollected: > 0 } delivered:
                    effects.Add(new PostCash(key + ":cash-collected", order.MerchantId, order.OrderId, CashMovement.Collected,
                        delivered.CashCollected, order.Draft.Currency, delivered.CourierId, delivered.At));
                    break;
                case CashHandedOver handed:
                    effects.Add(new PostCash(key + ":cash-handed", order.MerchantId, order.OrderId, CashMovement.HandedOver,
                        handed.Amount, order.Draft.Currency, order.CourierId, handed.At));
                    break;
            }
        }

        if (previous is not null && StockChanges(previous, order) is { Count: > 0 } changes)
        {
            effects.Add(new AdjustStock(key + ":stock", order.MerchantId, order.OrderId, changes, events[^1].At, events[^1].By));
        }

        return effects;
    }

    /// <summary>
    /// What the warehouse must do for lines whose status changed: release the units of lines lost before packing
    /// (write them off when packing found them missing or damaged), take in what a supplier pickup brought, and
    /// consume packed units. Lines lost after packing are in a parcel: they come back only when the warehouse
    /// records the return. Releases are emitted even when nothing may be held, so a reservation that a failed
    /// confirmation left behind is always given back.
    /// </summary>
    public static IReadOnlyList<StockLineChange> StockChanges(PlacedOrder before, PlacedOrder after)
    {
        var changes = new List<StockLineChange>();
        foreach (var line in after.Lines)
        {
            if (before.FindLine(line.Line.LineId) is not { } was || was.Status == line.Status)
            {
                continue;
            }

            StockChangeKind? kind = (was.Status, line.Status) switch
            {
                (LineStatus.Active or LineStatus.AwaitingPickup or LineStatus.PickedUp, LineStatus.Cancelled or LineStatus.Rejected) =>
                    line.Cancellation is { Stage: Stage.Packing, Reason: CancellationReason.ItemNotFound or CancellationReason.ItemDamaged }
                        ? StockChangeKind.WriteOff
                        : StockChangeKind.Release,
                (LineStatus.AwaitingPickup, LineStatus.PickedUp) => StockChangeKind.ReceivePickup,
                (_, LineStatus.Packed) => StockChangeKind.Consume,
                _ => null,
            };
            if (kind is { } k)
            {
                changes.Add(new StockLineChange(line.Line.LineId, line.Line.Sku, line.Line.Quantity, k));
            }
        }

        return changes;
    }

    /// <summary>The operator work-queue entry an order occupies, if any (terminal orders occupy none).</summary>
    public static WorkItem? WorkItemOf(PlacedOrder? order) =>
        order is { Deadline: { } deadline } && !order.Stage.IsTerminal()
            ? new WorkItem(order.Stage, deadline.DueAt, deadline.Misses, order.Draft.DisplayName)
            : null;
}

/// <summary>A work-queue entry; <see cref="DisplayName"/> is the shop's order name, shown so an operator can quote it.</summary>
public sealed record WorkItem(Stage Stage, DateTimeOffset DueAt, int Misses, string? DisplayName = null);

public enum CashMovement
{
    Collected,
    HandedOver,
}

/// <summary>A side effect of a decision. <see cref="Key"/> makes running it twice harmless.</summary>
public abstract record OrderEffect(string Key, string MerchantId, string OrderId);

public sealed record IndexMerchantOrder(string Key, string MerchantId, string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string? DisplayName = null)
    : OrderEffect(Key, MerchantId, OrderId);

public sealed record UpdateWorkItem(string Key, string MerchantId, string OrderId, WorkItem? Previous, WorkItem? Current)
    : OrderEffect(Key, MerchantId, OrderId);

public sealed record ArmDeadline(string Key, string MerchantId, string OrderId, Stage Stage, DateTimeOffset DueAt)
    : OrderEffect(Key, MerchantId, OrderId);

public sealed record PublishStatus(
    string Key,
    string MerchantId,
    string OrderId,
    string ExternalOrderId,
    Stage Stage,
    string Event,
    DateTimeOffset At,
    DateTimeOffset PlacedAt,
    int Version,
    Cancellation? Cancellation,
    bool Placement = false,
    string? DisplayName = null)
    : OrderEffect(Key, MerchantId, OrderId);

/// <summary>What happens to an order line's stock reservation.</summary>
public enum StockChangeKind
{
    Release,
    WriteOff,
    ReceivePickup,
    Consume,
}

public sealed record StockLineChange(string LineId, string Sku, int Quantity, StockChangeKind Kind);

/// <summary>Applies line changes to the warehouse stock; each change is keyed by (order, line), so running it twice is harmless.</summary>
public sealed record AdjustStock(string Key, string MerchantId, string OrderId, IReadOnlyList<StockLineChange> Changes, DateTimeOffset At, Actor By)
    : OrderEffect(Key, MerchantId, OrderId);

public sealed record PostCash(
    string Key, string MerchantId, string OrderId, CashMovement Movement, long Amount, string Currency, string? CourierId, DateTimeOffset At)
    : OrderEffect(Key, MerchantId, OrderId);
