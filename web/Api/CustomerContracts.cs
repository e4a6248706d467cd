namespace Backoffice.Web.Api;

// A merchant's customer base as the API shows it (api/Customers/CustomerViews.cs). Enums stay strings, as for orders.

/// <summary>A customer's record with the merchant; the refusal rate counts only parcels that reached the door.</summary>
public sealed record CustomerStats(int Orders, int Delivered, int Refused, int Cancelled, int RefusalRateBasisPoints, long LifetimeValue, string Currency);

/// <summary>A customer in a list or search result.</summary>
public sealed record CustomerSummary(
    string CustomerId, string Name, string? Phone, string? Email, IReadOnlyList<string> Tags, CustomerStats Stats, DateTimeOffset LastOrderAt,
    bool HighRefusalRisk, bool Erased);

public sealed record CustomerOrder(
    string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string Stage, string Outcome, string Payment, long OrderedValue, long DeliveredValue,
    string Currency);

/// <summary>One entry of the call-centre contact log.</summary>
public sealed record CustomerCall(string CallId, string? OrderId, string Outcome, string? Note, DateTimeOffset At, string UserId, string Role);

public sealed record CustomerProfile(
    string CustomerId,
    string Name,
    string? Phone,
    string? Email,
    Address? Address,
    IReadOnlyList<string> Tags,
    CustomerStats Stats,
    bool HighRefusalRisk,
    DateTimeOffset FirstOrderAt,
    DateTimeOffset LastOrderAt,
    string? LastOrderId,
    bool Erased,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<CustomerOrder> RecentOrders,
    IReadOnlyList<CustomerCall> RecentCalls);

/// <summary>
/// What the operator sees while confirming an order: the customer's history and whether this cash-on-delivery order is
/// flagged because the customer refuses parcels. <see cref="Customer"/> is null when the order has no usable contact.
/// </summary>
public sealed record ConfirmationBrief(string OrderId, string Payment, bool FirstOrder, bool Flagged, string? FlagReason, CustomerProfile? Customer);

/// <summary>Search by the start of a phone number or of a name (exactly one of the two).</summary>
public sealed record CustomerSearchRequest(string? Phone, string? Name, int? PageSize, string? ContinuationToken);

public sealed record CustomerErased(string CustomerId, bool Erased);
