using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backoffice.Web.Api;

// The API's order shapes as the console reads them. Enums travel as camelCase strings and are kept as strings
// here, so a value the API adds later shows up as text instead of breaking the page.

public sealed record PageOf<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>A work-queue row: the deadline, who to call (customer, phone, city), the order's live value and payment, the refusal-risk flag, and the merchant's IANA time zone.</summary>
public sealed record WorkItem(
    string MerchantId, string OrderId, string Stage, DateTimeOffset DueAt, int Misses, bool Escalated, bool Overdue,
    string? TimeZone = null, string? CustomerName = null, string? Phone = null, string? City = null, long? OrderValue = null, string? Currency = null,
    string? Payment = null, bool HighRefusalRisk = false);

public sealed record MerchantOrder(string MerchantId, string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string Stage, DateTimeOffset UpdatedAt);

public sealed record Deadline(string Stage, DateTimeOffset DueAt, int Misses, bool Escalated, bool Overdue);

public sealed record CancellationInfo(string Stage, string Reason, string Department, string? Note, DateTimeOffset At, string By);

public sealed record OrderLine(
    string LineId, string Sku, string Name, int Quantity, long UnitPrice, long Total, string? SupplierId, bool InWarehouse,
    string Status, CancellationInfo? Cancellation)
{
    public bool IsLive => Status is not ("cancelled" or "rejected");
}

public sealed record Address(string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country);

public sealed record CustomerInfo(string Name, string Phone, string? Email, Address Address);

public sealed record TimelineEntry(int Sequence, string Type, DateTimeOffset At, string UserId, string Role, string Channel, JsonElement Details);

public sealed record Order(
    string MerchantId,
    string OrderId,
    string ExternalOrderId,
    string Source,
    string Stage,
    int Version,
    Deadline? Deadline,
    CustomerInfo Customer,
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
    CancellationInfo? Cancellation,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<TimelineEntry>? Timeline,
    string? TimeZone = null)
{
    public bool Allows(string action) => AllowedActions.Contains(action, StringComparer.Ordinal);

    public long CashOutstanding => CashCollected - CashHandedOver;
}

/// <summary>A cancellation reason a person may pick in a stage, and the department it is charged to unless they say otherwise.</summary>
public sealed record ReasonOption([property: JsonPropertyName("reason")] string Value, string DefaultDepartment);
