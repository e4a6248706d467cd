using Backoffice.Api.Orders;
using Backoffice.Contracts;
using Backoffice.Contracts.Customers;
using Backoffice.Core.Customers;

namespace Backoffice.Api.Customers;

/// <summary>A merchant's customer as the contract shows it: in a list, as a profile, with their orders and calls.</summary>
internal static class CustomerViews
{
    public static CustomerStatsView Stats(CustomerProfile p) =>
        new(p.Stats.Orders, p.Stats.Delivered, p.Stats.Refused, p.Stats.Cancelled, p.Stats.RefusalRateBasisPoints, p.Stats.LifetimeValue, p.Currency);

    public static CustomerListItem ListItem(CustomerProfile p, RefusalRisk risk) =>
        new(p.CustomerId, p.Name, p.Phone, p.Email, p.Tags, Stats(p), p.LastOrderAt, risk.IsHigh(p.Stats), p.Erased);

    public static CustomerOrderView Order(OrderFacts f) =>
        new(f.OrderId, f.ExternalOrderId, f.PlacedAt, WireJson.Name(f.Stage), WireJson.Name(f.Outcome), WireJson.Name(f.Payment), f.OrderedValue, f.DeliveredValue, f.Currency);

    public static CallView Call(CallAttempt c) => new(c.CallId, c.OrderId, WireJson.Name(c.Outcome), c.Note, c.At, c.By.UserId, c.By.Role);

    public static CustomerProfileView Profile(CustomerProfile p, RefusalRisk risk, IReadOnlyList<OrderFacts> orders, IReadOnlyList<CallAttempt> calls) => new(
        p.CustomerId, p.Name, p.Phone, p.Email, p.Address is null ? null : OrderViews.Address(p.Address), p.Tags, Stats(p), risk.IsHigh(p.Stats), p.FirstOrderAt,
        p.LastOrderAt, p.LastOrderId, p.Erased, p.ErasedAt, orders.Select(Order).ToArray(), calls.Select(Call).ToArray());
}
