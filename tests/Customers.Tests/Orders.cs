using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Xunit;

namespace Backoffice.Customers.Tests;

/// <summary>Orders in the states the customer base cares about, made by running real commands through the decider.</summary>
internal static class Orders
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Operator = new("op-1", Roles.Operator, "test");

    public static PlacedOrder Placed(
        string merchantId, string externalId, string phone = "+49 151 1234 5678", string? email = "anna@example.com", string name = "Anna Schmidt",
        PaymentMethod payment = PaymentMethod.CashOnDelivery, DateTimeOffset? at = null)
    {
        var draft = new OrderDraft(
            externalId,
            new Customer(name, phone, email, new Address("Main street 1", null, "Berlin", null, "10115", "DE")),
            [new OrderLine("1", "SKU-1", "Shirt", 2, 1500, null, true)],
            500,
            "EUR",
            payment,
            "own");
        return (PlacedOrder)Run(OrderDecider.Initial, new PlaceOrder(merchantId, OrderIds.For(merchantId, externalId), draft, DeadlinePolicy.Default, Operator, at ?? T0));
    }

    public static PlacedOrder Delivered(PlacedOrder order) =>
        (PlacedOrder)Run(OutForDelivery(order), new RecordDelivery(DeliveryResult.AcceptedAll, [], order.Draft.Payment == PaymentMethod.CashOnDelivery ? order.LiveValue : 0, null, Operator, T0.AddHours(5)));

    public static PlacedOrder Refused(PlacedOrder order) =>
        (PlacedOrder)Run(OutForDelivery(order), new RecordDelivery(DeliveryResult.Refused, [], null, null, Operator, T0.AddHours(5)));

    public static PlacedOrder Cancelled(PlacedOrder order) =>
        (PlacedOrder)Run(order, new CancelOrder(CancellationReason.Fraud, null, null, Operator, T0.AddHours(1)));

    public static PlacedOrder Confirmed(PlacedOrder order) => (PlacedOrder)Run(order, new ConfirmOrder([], Operator, T0.AddHours(1), [new LineReservation("1", 2)]));

    private static OrderState OutForDelivery(PlacedOrder order) =>
        Run(Run(Confirmed(order), new RecordPacking([], Operator, T0.AddHours(2))), new DispatchToCourier("c-1", Operator, T0.AddHours(3)));

    private static OrderState Run(OrderState state, OrderCommand command)
    {
        var decision = OrderDecider.Decide(state, command);
        Assert.True(decision.IsAccepted, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, OrderDecider.Evolve);
    }
}
