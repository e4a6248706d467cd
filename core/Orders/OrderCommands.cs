using Backoffice.Core.Common;

namespace Backoffice.Core.Orders;

/// <summary>Everything that can be asked of an order. Time and actor come in with the command; the decider reads no clock.</summary>
public abstract record OrderCommand(Actor By, DateTimeOffset Now);

public sealed record PlaceOrder(string MerchantId, string OrderId, OrderDraft Draft, DeadlinePolicy Policy, Actor By, DateTimeOffset Now)
    : OrderCommand(By, Now);

/// <summary>
/// The customer was reached and agreed; lines they no longer want are dropped with a reason. <see cref="Reservations"/>
/// is what the warehouse set aside for each line before deciding (stock I/O happens outside the decider): a line
/// fully reserved goes to packing, anything less to supplier pickup. Null means "stock not consulted" and falls back
/// to the webhook's <see cref="OrderLine.InWarehouse"/> flag (orders and tests from before stock was tracked).
/// </summary>
public sealed record ConfirmOrder(IReadOnlyList<LineDrop> DroppedLines, Actor By, DateTimeOffset Now, IReadOnlyList<LineReservation>? Reservations = null)
    : OrderCommand(By, Now);

/// <summary>Units of a line the warehouse reserved at confirmation (0 to the line's quantity).</summary>
public sealed record LineReservation(string LineId, int Quantity);

public sealed record LineDrop(string LineId, CancellationReason Reason, Department? Department = null, string? Note = null);

public sealed record CancelOrder(CancellationReason Reason, Department? Department, string? Note, Actor By, DateTimeOffset Now)
    : OrderCommand(By, Now);

public sealed record CancelLines(IReadOnlyList<LineDrop> Lines, Actor By, DateTimeOffset Now) : OrderCommand(By, Now);

/// <summary>Inbound logistics reports what it fetched. Failed lines carry a reason.</summary>
public sealed record RecordPickup(IReadOnlyList<string> PickedUpLines, IReadOnlyList<LineDrop> FailedLines, Actor By, DateTimeOffset Now)
    : OrderCommand(By, Now);

/// <summary>The warehouse packed the parcel; lines it could not pack (not found, damaged) fail.</summary>
public sealed record RecordPacking(IReadOnlyList<LineDrop> FailedLines, Actor By, DateTimeOffset Now) : OrderCommand(By, Now);

public sealed record DispatchToCourier(string CourierId, Actor By, DateTimeOffset Now) : OrderCommand(By, Now);

public enum DeliveryResult
{
    AcceptedAll,
    AcceptedSome,
    Refused,
    CustomerAbsent,
}

/// <summary>
/// What happened at the door. For cash-on-delivery orders the courier states the cash collected, which must equal
/// the accepted lines plus the delivery fee; prepaid orders carry no cash.
/// </summary>
public sealed record RecordDelivery(
    DeliveryResult Result,
    IReadOnlyList<LineDrop> RejectedLines,
    long? CashCollected,
    string? Note,
    Actor By,
    DateTimeOffset Now) : OrderCommand(By, Now);

public sealed record HandOverCash(long Amount, Actor By, DateTimeOffset Now) : OrderCommand(By, Now);

/// <summary>The clock says a stage deadline passed. Stale timers (for an earlier stage or due time) are rejected.</summary>
public sealed record ReachDeadline(Stage Stage, DateTimeOffset DueAt, Actor By, DateTimeOffset Now) : OrderCommand(By, Now);
