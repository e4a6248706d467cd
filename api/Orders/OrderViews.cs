using System.Security.Claims;
using System.Text.Json;
using Backoffice.Api.Auth;
using Backoffice.Contracts;
using Backoffice.Contracts.Orders;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Api.Orders;

/// <summary>The order as the contract shows it (<see cref="OrderView"/>), from the domain's state and, for the detail read, its events.</summary>
public static class OrderViews
{
    public static OrderView From(PlacedOrder o, DateTimeOffset now, ClaimsPrincipal? user, IReadOnlyList<StoredEvent>? events = null) => new(
        o.MerchantId,
        o.OrderId,
        o.Draft.ExternalOrderId,
        o.Draft.Source,
        WireJson.Name(o.Stage),
        o.Version,
        o.Deadline is { } d ? new DeadlineView(WireJson.Name(d.Stage), d.DueAt, d.Misses, d.Escalated, d.DueAt < now) : null,
        Customer(o.Draft.Customer),
        WireJson.Name(o.Draft.Payment),
        o.Draft.Currency,
        o.Draft.DeliveryFee,
        o.OrderedValue,
        o.Stage == Stage.Cancelled ? 0 : o.LiveValue,
        o.DeliveredValue,
        o.CashCollected,
        o.CashHandedOver,
        o.CourierId,
        o.OutForDelivery,
        o.DeliveryAttempts,
        o.Policy.MaxDeliveryAttempts,
        Cancellation(o.Cancellation),
        o.PlacedAt,
        o.UpdatedAt,
        o.Lines.Select(l => new LineView(l.Line.LineId, l.Line.Sku, l.Line.Name, l.Line.Quantity, l.Line.UnitPrice, l.Line.Total,
            l.Line.SupplierId, l.Line.InWarehouse, WireJson.Name(l.Status), Cancellation(l.Cancellation), l.Reserved, l.ShortOfStock)).ToArray(),
        user is null ? [] : AllowedActions.Of(o, user),
        events?.Select(Timeline).ToArray(),
        o.Draft.DisplayName,
        o.Draft.Note);

    public static CustomerView Customer(Customer c) => new(c.Name, c.Phone, c.Email, Address(c.Address));

    public static AddressView Address(Address a) => new(a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country);

    private static CancellationView? Cancellation(Cancellation? c) =>
        c is null ? null : new CancellationView(WireJson.Name(c.Stage), WireJson.Name(c.Reason), WireJson.Name(c.Department), c.Note, c.At, c.By);

    /// <summary>The event as the API writes any body (its <c>type</c> discriminator included), kept as JSON in the contract.</summary>
    private static TimelineEntry Timeline(StoredEvent e) =>
        new(e.Sequence, e.Event.Name, e.Event.At, e.Event.By.UserId, e.Event.By.Role, e.Event.By.Channel, JsonSerializer.SerializeToElement(e.Event, WireJson.Options));
}

/// <summary>Which commands make sense for this order now and for this person, so a console shows only those.</summary>
public static class AllowedActions
{
    public static readonly IReadOnlyDictionary<string, string> PolicyOf = new Dictionary<string, string>
    {
        [OrderActionNames.Confirm] = Policies.Confirm,
        [OrderActionNames.Cancel] = Policies.Cancel,
        [OrderActionNames.CancelLines] = Policies.Cancel,
        [OrderActionNames.Pickup] = Policies.Pickup,
        [OrderActionNames.Pack] = Policies.Pack,
        [OrderActionNames.Dispatch] = Policies.Deliver,
        [OrderActionNames.Delivery] = Policies.Deliver,
        [OrderActionNames.CashHandover] = Policies.HandOverCash,
    };

    public static IReadOnlyList<string> Of(PlacedOrder o, ClaimsPrincipal user)
    {
        var byState = new List<string>();
        if (!o.Stage.IsTerminal())
        {
            byState.Add(OrderActionNames.Cancel);
            byState.Add(OrderActionNames.CancelLines);
        }

        switch (o.Stage)
        {
            case Stage.Confirmation: byState.Add(OrderActionNames.Confirm); break;
            case Stage.SupplierPickup: byState.Add(OrderActionNames.Pickup); break;
            case Stage.Packing: byState.Add(OrderActionNames.Pack); break;
            case Stage.Delivery: byState.Add(o.OutForDelivery ? OrderActionNames.Delivery : OrderActionNames.Dispatch); break;
            case Stage.Delivered when o.CashOutstanding > 0: byState.Add(OrderActionNames.CashHandover); break;
        }

        return byState.Where(a => Policies.RolesByPolicy[PolicyOf[a]].Any(user.IsInRole)).ToArray();
    }
}
