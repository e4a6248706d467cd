using System.Security.Claims;
using Backoffice.Api.Auth;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Api.Orders;

public sealed record DeadlineView(Stage Stage, DateTimeOffset DueAt, int Misses, bool Escalated, bool Overdue);

/// <param name="ReservedFromStock">Units the warehouse set aside for the line when the order was confirmed; null before that.</param>
/// <param name="ShortOfStock">
/// Units stock could not cover at confirmation (another order took the last ones, or there were none), fetched by
/// supplier pickup instead; 0 when stock covered the line, null when the confirmation reserved nothing for it.
/// </param>
public sealed record LineView(
    string LineId, string Sku, string Name, int Quantity, long UnitPrice, long Total, string? SupplierId, bool InWarehouse,
    LineStatus Status, Cancellation? Cancellation, int? ReservedFromStock = null, int? ShortOfStock = null);

public sealed record TimelineEntry(int Sequence, string Type, DateTimeOffset At, string UserId, string Role, string Channel, OrderEvent Details);

public sealed record OrderView(
    string MerchantId,
    string OrderId,
    string ExternalOrderId,
    string Source,
    Stage Stage,
    int Version,
    DeadlineView? Deadline,
    Customer Customer,
    PaymentMethod Payment,
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
    Cancellation? Cancellation,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<LineView> Lines,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<TimelineEntry>? Timeline,
    string? DisplayName = null,
    string? Note = null,
    string? TimeZone = null)
{
    public static OrderView From(PlacedOrder o, DateTimeOffset now, ClaimsPrincipal? user, IReadOnlyList<StoredEvent>? events = null) => new(
        o.MerchantId,
        o.OrderId,
        o.Draft.ExternalOrderId,
        o.Draft.Source,
        o.Stage,
        o.Version,
        o.Deadline is { } d ? new DeadlineView(d.Stage, d.DueAt, d.Misses, d.Escalated, d.DueAt < now) : null,
        o.Draft.Customer,
        o.Draft.Payment,
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
        o.Cancellation,
        o.PlacedAt,
        o.UpdatedAt,
        o.Lines.Select(l => new LineView(l.Line.LineId, l.Line.Sku, l.Line.Name, l.Line.Quantity, l.Line.UnitPrice, l.Line.Total,
            l.Line.SupplierId, l.Line.InWarehouse, l.Status, l.Cancellation, l.Reserved, l.ShortOfStock)).ToArray(),
        user is null ? [] : OrderActions.Allowed(o, user),
        events?.Select(e => new TimelineEntry(e.Sequence, e.Event.Name, e.Event.At, e.Event.By.UserId, e.Event.By.Role, e.Event.By.Channel, e.Event)).ToArray(),
        o.Draft.DisplayName,
        o.Draft.Note);
}

/// <summary>
/// The ProblemDetails of a refused (409) or stale (412) command: the RFC 9457 fields, the refusal's <c>code</c> (409
/// only), and the order as it is now, so a client shows it without reading it again.
/// </summary>
public sealed record OrderCommandProblem(string Type, string Title, int Status, string? Detail, string? Code, OrderView? Order);

/// <summary>Which commands make sense for this order now and for this person, so a console shows only those.</summary>
public static class OrderActions
{
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";
    public const string CancelLines = "cancel-lines";
    public const string Pickup = "pickup";
    public const string Pack = "pack";
    public const string Dispatch = "dispatch";
    public const string Delivery = "delivery";
    public const string CashHandover = "cash-handover";

    public static readonly IReadOnlyDictionary<string, string> PolicyOf = new Dictionary<string, string>
    {
        [Confirm] = Policies.Confirm,
        [Cancel] = Policies.Cancel,
        [CancelLines] = Policies.Cancel,
        [Pickup] = Policies.Pickup,
        [Pack] = Policies.Pack,
        [Dispatch] = Policies.Deliver,
        [Delivery] = Policies.Deliver,
        [CashHandover] = Policies.HandOverCash,
    };

    public static IReadOnlyList<string> Allowed(PlacedOrder o, ClaimsPrincipal user)
    {
        var byState = new List<string>();
        if (!o.Stage.IsTerminal())
        {
            byState.Add(Cancel);
            byState.Add(CancelLines);
        }

        switch (o.Stage)
        {
            case Stage.Confirmation: byState.Add(Confirm); break;
            case Stage.SupplierPickup: byState.Add(Pickup); break;
            case Stage.Packing: byState.Add(Pack); break;
            case Stage.Delivery: byState.Add(o.OutForDelivery ? Delivery : Dispatch); break;
            case Stage.Delivered when o.CashOutstanding > 0: byState.Add(CashHandover); break;
        }

        return byState.Where(a => Policies.RolesByPolicy[PolicyOf[a]].Any(user.IsInRole)).ToArray();
    }
}
