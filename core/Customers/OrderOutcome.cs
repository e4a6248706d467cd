using Backoffice.Core.Orders;

namespace Backoffice.Core.Customers;

/// <summary>How an order ended for the customer base.</summary>
public enum OrderOutcome
{
    Open,
    Delivered,

    /// <summary>The parcel reached the door and was not bought out: refused, or the customer was never there.</summary>
    Refused,

    /// <summary>Lost before it reached the door (call centre, purchasing, warehouse).</summary>
    Cancelled,
}

/// <summary>The facts of one order that a customer profile counts.</summary>
public sealed record OrderFacts(
    string OrderId,
    string ExternalOrderId,
    DateTimeOffset PlacedAt,
    Stage Stage,
    OrderOutcome Outcome,
    PaymentMethod Payment,
    long OrderedValue,
    long DeliveredValue,
    string Currency,
    int Version)
{
    public static OrderFacts Of(PlacedOrder order) => new(
        order.OrderId,
        order.Draft.ExternalOrderId,
        order.PlacedAt,
        order.Stage,
        Classify(order),
        order.Draft.Payment,
        order.OrderedValue,
        order.DeliveredValue,
        order.Draft.Currency,
        order.Version);

    public static OrderOutcome Classify(PlacedOrder order) => order switch
    {
        { Stage: Stage.Delivered } => OrderOutcome.Delivered,
        { Stage: Stage.Cancelled, Cancellation: { Stage: Stage.Delivery, Reason: CancellationReason.CustomerRefused or CancellationReason.CustomerAbsent } }
            => OrderOutcome.Refused,
        { Stage: Stage.Cancelled } => OrderOutcome.Cancelled,
        _ => OrderOutcome.Open,
    };
}
