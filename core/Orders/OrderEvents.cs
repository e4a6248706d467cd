using System.Text.Json.Serialization;
using Backoffice.Core.Common;

namespace Backoffice.Core.Orders;

/// <summary>An append-only fact about an order: what, when, who, through which channel.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrderPlaced), "OrderPlaced")]
[JsonDerivedType(typeof(OrderConfirmed), "OrderConfirmed")]
[JsonDerivedType(typeof(LinesCancelled), "LinesCancelled")]
[JsonDerivedType(typeof(LinesPickedUp), "LinesPickedUp")]
[JsonDerivedType(typeof(OrderPacked), "OrderPacked")]
[JsonDerivedType(typeof(DispatchedToCourier), "DispatchedToCourier")]
[JsonDerivedType(typeof(DeliveryAttemptFailed), "DeliveryAttemptFailed")]
[JsonDerivedType(typeof(OrderDelivered), "OrderDelivered")]
[JsonDerivedType(typeof(CashHandedOver), "CashHandedOver")]
[JsonDerivedType(typeof(DeadlineMissed), "DeadlineMissed")]
[JsonDerivedType(typeof(StageEntered), "StageEntered")]
[JsonDerivedType(typeof(OrderCancelled), "OrderCancelled")]
public abstract record OrderEvent(DateTimeOffset At, Actor By)
{
    [JsonIgnore]
    public string Name => GetType().Name;
}

public sealed record OrderPlaced(string MerchantId, string OrderId, OrderDraft Draft, DeadlinePolicy Policy, DateTimeOffset At, Actor By)
    : OrderEvent(At, By);

/// <summary>Confirmed; <see cref="Reservations"/> (absent in events from before stock was tracked) says what the warehouse holds per line.</summary>
public sealed record OrderConfirmed(DateTimeOffset At, Actor By, IReadOnlyList<LineReservation>? Reservations = null) : OrderEvent(At, By);

/// <summary>Lines lost, each with its own cancellation record (stage, reason, department).</summary>
public sealed record LinesCancelled(IReadOnlyList<LineLoss> Lines, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record LineLoss(string LineId, Cancellation Cancellation, bool Rejected = false);

public sealed record LinesPickedUp(IReadOnlyList<string> LineIds, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record OrderPacked(IReadOnlyList<string> LineIds, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record DispatchedToCourier(string CourierId, int Attempt, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record DeliveryAttemptFailed(int Attempt, string? Note, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record OrderDelivered(IReadOnlyList<string> DeliveredLines, long DeliveredValue, long CashCollected, string? CourierId, DateTimeOffset At, Actor By)
    : OrderEvent(At, By);

public sealed record CashHandedOver(long Amount, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record DeadlineMissed(Stage Stage, DateTimeOffset DueAt, int Misses, DateTimeOffset NextDueAt, DateTimeOffset At, Actor By) : OrderEvent(At, By);

/// <summary>The order moved to a stage; working stages carry their deadline.</summary>
public sealed record StageEntered(Stage Stage, DateTimeOffset? DueAt, DateTimeOffset At, Actor By) : OrderEvent(At, By);

public sealed record OrderCancelled(Cancellation Cancellation, DateTimeOffset At, Actor By) : OrderEvent(At, By);
