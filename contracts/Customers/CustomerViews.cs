using Backoffice.Contracts.Orders;

namespace Backoffice.Contracts.Customers;

/// <summary>A customer's record with the merchant; the refusal rate counts only parcels that reached the door.</summary>
public sealed record CustomerStatsView(int Orders, int Delivered, int Refused, int Cancelled, int RefusalRateBasisPoints, long LifetimeValue, string Currency);

/// <summary>A customer in a list: who, how to reach them, their record, and whether they are a refusal risk.</summary>
public sealed record CustomerListItem(
    string CustomerId, string Name, string? Phone, string? Email, IReadOnlyList<string> Tags, CustomerStatsView Stats, DateTimeOffset LastOrderAt,
    bool HighRefusalRisk, bool Erased);

public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? ContinuationToken);

/// <summary>One of the customer's orders: where it stands (<see cref="Stage"/>) and how it ended (<see cref="Outcome"/>).</summary>
public sealed record CustomerOrderView(
    string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string Stage, string Outcome, string Payment, long OrderedValue, long DeliveredValue,
    string Currency);

/// <summary>One entry of the call-centre contact log.</summary>
public sealed record CallView(string CallId, string? OrderId, string Outcome, string? Note, DateTimeOffset At, string UserId, string Role);

/// <summary>The profile: contact data, record, tags, the latest orders and the latest calls.</summary>
public sealed record CustomerProfileView(
    string CustomerId,
    string Name,
    string? Phone,
    string? Email,
    AddressView? Address,
    IReadOnlyList<string> Tags,
    CustomerStatsView Stats,
    bool HighRefusalRisk,
    DateTimeOffset FirstOrderAt,
    DateTimeOffset LastOrderAt,
    string? LastOrderId,
    bool Erased,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<CustomerOrderView> RecentOrders,
    IReadOnlyList<CallView> RecentCalls);

/// <summary>
/// What the operator sees when confirming an order: the customer's history and whether this order is flagged (cash on
/// delivery from a customer who refuses parcels). <see cref="Customer"/> is absent when the order has no usable contact.
/// </summary>
public sealed record ConfirmationBrief(string OrderId, string Payment, bool FirstOrder, bool Flagged, string? FlagReason, CustomerProfileView? Customer);

public sealed record ErasureView(string CustomerId, bool Erased);
