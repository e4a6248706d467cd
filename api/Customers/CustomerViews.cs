using Backoffice.Core.Customers;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Customers;

public sealed record CustomerStatsView(int Orders, int Delivered, int Refused, int Cancelled, int RefusalRateBasisPoints, long LifetimeValue, string Currency)
{
    public static CustomerStatsView From(CustomerProfile p) =>
        new(p.Stats.Orders, p.Stats.Delivered, p.Stats.Refused, p.Stats.Cancelled, p.Stats.RefusalRateBasisPoints, p.Stats.LifetimeValue, p.Currency);
}

/// <summary>A customer in a list: who, how to reach them, their record, and whether they are a refusal risk.</summary>
public sealed record CustomerListItem(
    string CustomerId, string Name, string? Phone, string? Email, IReadOnlyList<string> Tags, CustomerStatsView Stats, DateTimeOffset LastOrderAt,
    bool HighRefusalRisk, bool Erased)
{
    public static CustomerListItem From(CustomerProfile p, RefusalRisk risk) =>
        new(p.CustomerId, p.Name, p.Phone, p.Email, p.Tags, CustomerStatsView.From(p), p.LastOrderAt, risk.IsHigh(p.Stats), p.Erased);
}

public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? ContinuationToken);

public sealed record CustomerOrderView(
    string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, Stage Stage, OrderOutcome Outcome, PaymentMethod Payment, long OrderedValue,
    long DeliveredValue, string Currency)
{
    public static CustomerOrderView From(OrderFacts f) =>
        new(f.OrderId, f.ExternalOrderId, f.PlacedAt, f.Stage, f.Outcome, f.Payment, f.OrderedValue, f.DeliveredValue, f.Currency);
}

public sealed record CallView(string CallId, string? OrderId, CallOutcome Outcome, string? Note, DateTimeOffset At, string UserId, string Role)
{
    public static CallView From(CallAttempt c) => new(c.CallId, c.OrderId, c.Outcome, c.Note, c.At, c.By.UserId, c.By.Role);
}

/// <summary>The profile: contact data, record, tags, the latest orders and the latest calls.</summary>
public sealed record CustomerProfileView(
    string CustomerId,
    string Name,
    string? Phone,
    string? Email,
    Address? Address,
    IReadOnlyList<string> Tags,
    CustomerStatsView Stats,
    bool HighRefusalRisk,
    DateTimeOffset FirstOrderAt,
    DateTimeOffset LastOrderAt,
    string? LastOrderId,
    bool Erased,
    DateTimeOffset? ErasedAt,
    IReadOnlyList<CustomerOrderView> RecentOrders,
    IReadOnlyList<CallView> RecentCalls)
{
    public static CustomerProfileView From(CustomerProfile p, RefusalRisk risk, IReadOnlyList<OrderFacts> orders, IReadOnlyList<CallAttempt> calls) => new(
        p.CustomerId, p.Name, p.Phone, p.Email, p.Address, p.Tags, CustomerStatsView.From(p), risk.IsHigh(p.Stats), p.FirstOrderAt, p.LastOrderAt,
        p.LastOrderId, p.Erased, p.ErasedAt, orders.Select(CustomerOrderView.From).ToArray(), calls.Select(CallView.From).ToArray());
}

/// <summary>
/// What the operator sees when confirming an order: the customer's history and whether this order is flagged (cash on
/// delivery from a customer who refuses parcels). <see cref="Customer"/> is null when the order has no usable contact.
/// </summary>
public sealed record ConfirmationBrief(string OrderId, PaymentMethod Payment, bool FirstOrder, bool Flagged, string? FlagReason, CustomerProfileView? Customer);

public sealed record ErasureView(string CustomerId, bool Erased);
