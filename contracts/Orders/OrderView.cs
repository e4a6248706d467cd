using System.Text.Json;

namespace Backoffice.Contracts.Orders;

/// <summary>
/// An order as the API shows it: where it stands, whom to deliver to, the money, its lines, what the caller may do
/// next and (on the detail read) its whole history. Money is in minor units of <see cref="Currency"/>; times are UTC,
/// shown in the merchant's <see cref="TimeZone"/>. <see cref="Stage"/>, <see cref="Payment"/>: the values of the
/// schema, camelCase. <see cref="DisplayName"/> and <see cref="Note"/> are the shop's name for the order ("#1047")
/// and what the customer wrote, when the storefront sent them.
/// </summary>
public sealed record OrderView(
    string MerchantId,
    string OrderId,
    string ExternalOrderId,
    string Source,
    string Stage,
    int Version,
    DeadlineView? Deadline,
    CustomerView Customer,
    string Payment,
    string Currency,
    long DeliveryFee,
    long OrderedValue,
    long LiveValue,
    long DeliveredValue,
    long CashCollected,
    long CashHandedOver,
    string? CourierId,
    bool OutForDelivery,
    int DeliveryAttempts,
    int MaxDeliveryAttempts,
    CancellationView? Cancellation,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<LineView> Lines,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<TimelineEntry>? Timeline,
    string? DisplayName = null,
    string? Note = null,
    string? TimeZone = null);

/// <summary>The running stage's deadline: when it is due, how often it was missed, whether it is escalated or overdue now.</summary>
public sealed record DeadlineView(string Stage, DateTimeOffset DueAt, int Misses, bool Escalated, bool Overdue);

/// <summary>A line: what, how many, at what price, from the warehouse or a supplier, and where it stands (or why it was lost).</summary>
/// <param name="ReservedFromStock">Units the warehouse set aside for the line when the order was confirmed; null before that.</param>
/// <param name="ShortOfStock">
/// Units stock could not cover at confirmation (another order took the last ones, or there were none), fetched by
/// supplier pickup instead; 0 when stock covered the line, null when the confirmation reserved nothing for it.
/// </param>
public sealed record LineView(
    string LineId, string Sku, string Name, int Quantity, long UnitPrice, long Total, string? SupplierId, bool InWarehouse,
    string Status, CancellationView? Cancellation, int? ReservedFromStock = null, int? ShortOfStock = null);

/// <summary>Why an order or a line was lost: in which stage, the reason, the department charged, a note, when and by whom.</summary>
public sealed record CancellationView(string Stage, string Reason, string Department, string? Note, DateTimeOffset At, string By);

/// <summary>Whom the order goes to.</summary>
public sealed record CustomerView(string Name, string Phone, string? Email, AddressView Address);

public sealed record AddressView(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

/// <summary>
/// One event of the order's history: its sequence number, type, time and who did it (user, role, channel).
/// <see cref="Details"/> is the event itself, with a <c>type</c> discriminator (the schema lists every kind).
/// </summary>
public sealed record TimelineEntry(int Sequence, string Type, DateTimeOffset At, string UserId, string Role, string Channel, JsonElement Details);
