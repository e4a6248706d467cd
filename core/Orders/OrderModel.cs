using System.Text.Json.Serialization;
using Backoffice.Core.Common;

namespace Backoffice.Core.Orders;

public sealed record Address(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

/// <summary>The buyer as the storefront sent them. The phone is E.164 (validated at the edge).</summary>
public sealed record Customer(string Name, string Phone, string? Email, Address Address);

/// <summary>One line as ordered. <see cref="InWarehouse"/> says whether our warehouse holds it (else a supplier pickup).</summary>
public sealed record OrderLine(string LineId, string Sku, string Name, int Quantity, long UnitPrice, string? SupplierId, bool InWarehouse)
{
    public long Total => checked(UnitPrice * Quantity);
}

/// <summary>
/// What a storefront asked for, already validated and normalised. <see cref="DisplayName"/> is the shop's own name for
/// the order (Shopify "#1047"), which the merchant and the customer quote on the phone; <see cref="Note"/> is what the
/// customer wrote at checkout. Both are optional and default to null, so drafts stored before they existed still read.
/// </summary>
public sealed record OrderDraft(
    string ExternalOrderId,
    Customer Customer,
    IReadOnlyList<OrderLine> Lines,
    long DeliveryFee,
    string Currency,
    PaymentMethod Payment,
    string Source,
    string? DisplayName = null,
    string? Note = null);

/// <summary>Service levels frozen onto an order when it is placed, so later merchant edits do not rewrite history.</summary>
public sealed record DeadlinePolicy(
    TimeSpan Confirmation,
    TimeSpan SupplierPickup,
    TimeSpan Packing,
    TimeSpan Delivery,
    int MaxDeliveryAttempts,
    int MaxDeadlineMisses)
{
    public static DeadlinePolicy Default { get; } = new(
        TimeSpan.FromHours(2), TimeSpan.FromHours(48), TimeSpan.FromHours(24), TimeSpan.FromHours(72), 3, 3);

    public TimeSpan For(Stage stage) => stage switch
    {
        Stage.Confirmation => Confirmation,
        Stage.SupplierPickup => SupplierPickup,
        Stage.Packing => Packing,
        Stage.Delivery => Delivery,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Terminal stages have no deadline."),
    };
}

public enum LineStatus
{
    Active,
    AwaitingPickup,
    PickedUp,
    Packed,
    Delivered,
    Rejected,
    Cancelled,
}

/// <summary>The loss record: where, why, charged to whom, by whom.</summary>
public sealed record Cancellation(Stage Stage, CancellationReason Reason, Department Department, string? Note, DateTimeOffset At, string By);

/// <param name="Line">The line as ordered.</param>
/// <param name="Status">Where the line is now.</param>
/// <param name="Cancellation">Why the line was lost, if it was.</param>
/// <param name="Reserved">
/// Units the warehouse set aside for the line when the order was confirmed (<see cref="OrderConfirmed.Reservations"/>);
/// null before confirmation, for a line dropped at confirmation, and for confirmations from before stock was tracked.
/// </param>
public sealed record LineState(OrderLine Line, LineStatus Status, Cancellation? Cancellation = null, int? Reserved = null)
{
    public bool IsLive => Status is not (LineStatus.Cancelled or LineStatus.Rejected);

    /// <summary>
    /// Units the warehouse could not reserve at confirmation (another order took the last ones, or there were none):
    /// they are fetched by supplier pickup. Null when the confirmation did not reserve stock for this line. Derived,
    /// so not stored with the order's state.
    /// </summary>
    [JsonIgnore]
    public int? ShortOfStock => Reserved is { } reserved ? Math.Max(0, Line.Quantity - reserved) : null;
}

/// <summary>The current stage's service-level deadline and how many times it has been missed.</summary>
public sealed record StageDeadline(Stage Stage, DateTimeOffset DueAt, int Misses)
{
    public bool Escalated => Misses > 0;
}
