namespace Backoffice.Contracts.Orders;

/// <summary>
/// One row of a work queue: the deadline, and what an operator needs before picking up the phone (customer, phone,
/// city, the order's live value and payment, the refusal-risk flag), the shop's name for the order, and the
/// merchant's IANA time zone, in which every time is shown.
/// </summary>
public sealed record WorkItemView(
    string MerchantId,
    string OrderId,
    string Stage,
    DateTimeOffset DueAt,
    int Misses,
    bool Escalated,
    bool Overdue,
    string TimeZone,
    string? CustomerName,
    string? Phone,
    string? City,
    long? OrderValue,
    string? Currency,
    string? Payment,
    bool HighRefusalRisk,
    string? DisplayName = null);

/// <summary>An order in a merchant's list, newest first. <see cref="Stage"/> is the stage's name as the list records it ("SupplierPickup").</summary>
public sealed record MerchantOrderView(
    string MerchantId, string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string Stage, DateTimeOffset UpdatedAt, string? DisplayName = null);

/// <summary>A cancellation reason a person may pick in a stage, and the department it is charged to unless they say otherwise.</summary>
public sealed record ReasonView(string Reason, string DefaultDepartment);
