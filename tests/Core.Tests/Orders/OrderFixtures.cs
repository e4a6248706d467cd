using Xunit;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;

namespace Backoffice.Core.Tests.Orders;

/// <summary>Builds orders in every state by running real commands through the decider.</summary>
internal static class OrderFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Operator = new("op-1", Roles.Operator, "api");

    public static OrderDraft Draft(PaymentMethod payment = PaymentMethod.CashOnDelivery) => new(
        "ext-1",
        new Customer("Anna", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
        [
            new OrderLine("1", "A", "Shirt", 2, 1000, null, true),
            new OrderLine("2", "B", "Shoes", 1, 5000, "sup-1", false),
            new OrderLine("3", "C", "Hat", 1, 700, null, true),
        ],
        500,
        "EUR",
        payment,
        "own");

    public static PlaceOrder Place(PaymentMethod payment = PaymentMethod.CashOnDelivery, DeadlinePolicy? policy = null) =>
        new("shop", "ORD-TEST00000001", Draft(payment), policy ?? DeadlinePolicy.Default, Operator, T0);

    public static OrderState Run(OrderState state, params OrderCommand[] commands)
    {
        foreach (var command in commands)
        {
            var decision = OrderDecider.Decide(state, command);
            Assert.True(decision.IsAccepted, $"{command.GetType().Name} was rejected: {decision.Rejection?.Message}");
            state = decision.Events.Aggregate(state, OrderDecider.Evolve);
        }

        return state;
    }

    public static DateTimeOffset At(double hours) => T0.AddHours(hours);

    public static PlacedOrder InConfirmation(PaymentMethod payment = PaymentMethod.CashOnDelivery) =>
        (PlacedOrder)Run(OrderDecider.Initial, Place(payment));

    public static PlacedOrder InSupplierPickup() => (PlacedOrder)Run(InConfirmation(), new ConfirmOrder([], Operator, At(1)));

    public static PlacedOrder InPacking() => (PlacedOrder)Run(InSupplierPickup(), new RecordPickup(["2"], [], Operator, At(2)));

    public static PlacedOrder AwaitingDispatch() => (PlacedOrder)Run(InPacking(), new RecordPacking([], Operator, At(3)));

    public static PlacedOrder OutForDelivery() => (PlacedOrder)Run(AwaitingDispatch(), new DispatchToCourier("courier-1", Operator, At(4)));

    public static PlacedOrder DeliveredWithCash() =>
        (PlacedOrder)Run(OutForDelivery(), new RecordDelivery(DeliveryResult.AcceptedAll, [], 8200, null, Operator, At(5)));

    public static PlacedOrder DeliveredSettled() => (PlacedOrder)Run(DeliveredWithCash(), new HandOverCash(8200, Operator, At(6)));

    /// <summary>Out with a courier, the customer absent, then three missed delivery deadlines: cancelled by timeout.</summary>
    public static PlacedOrder TimedOutWithCourier()
    {
        var order = (PlacedOrder)Run(OutForDelivery(), new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, null, Operator, At(5)));
        for (var i = 0; i < order.Policy.MaxDeadlineMisses; i++)
        {
            order = (PlacedOrder)Run(order, new ReachDeadline(order.Deadline!.Stage, order.Deadline.DueAt, Operator, order.Deadline.DueAt.AddMinutes(1)));
        }

        return order;
    }

    public static PlacedOrder Cancelled() =>
        (PlacedOrder)Run(InConfirmation(), new CancelOrder(CancellationReason.Fraud, null, null, Operator, At(1)));
}
