using Backoffice.Core.Common;
using Backoffice.Core.Orders;

namespace Backoffice.Functions.Tests.Conformance;

/// <summary>A step of a scenario: an operator's command, or the clock moving on to a time (deadlines due by then fire).</summary>
internal abstract record ScenarioStep;

/// <summary>An operator's command; <paramref name="Refused"/> names the rejection code both engines must answer with, if any.</summary>
internal sealed record Issue(OrderCommand Command, string? Refused = null) : ScenarioStep;

internal sealed record ClockAt(DateTimeOffset At) : ScenarioStep;

/// <summary>A journey both engines run; <paramref name="Settles"/>: it ends cancelled, or delivered with the cash handed over.</summary>
internal sealed record OrderScenario(string Name, PlaceOrder Place, IReadOnlyList<ScenarioStep> Steps, bool Settles = true)
{
    public override string ToString() => Name;
}

/// <summary>
/// The end-to-end journeys both engines must agree on: one table, so a scenario added here runs on both (the
/// conformance suite, the loop's own tests and the activity surface test all iterate <see cref="All"/>). Every time is
/// given, so both engines decide with the same clock and the event logs can be compared field by field, times and
/// actors included.
/// </summary>
internal static class OrderScenarios
{
    public const string MerchantId = "conformance-shop";
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Operator = new("op-7", Roles.Operator, "api");
    public static readonly Actor Warehouse = new("wh-3", Roles.Warehouse, "api");
    public static readonly Actor Courier = new("courier-7", Roles.Courier, "api");

    /// <summary>Cash due for every line of <see cref="Place"/> plus the delivery fee.</summary>
    public const long FullValue = (2 * 1000) + 2500 + 4000 + 1500 + 500;

    public static IReadOnlyList<OrderScenario> All { get; } =
    [
        FullJourney(), DeadlineEscalationToTimeout(), CancellationMidWay(), CancelLinesAtEachStage(), CustomerAbsentThenDelivered(),
        RefusedDelivery(), CommandsRefusedForTheirStage(),
    ];

    public static OrderScenario Named(string name) => All.Single(s => s.Name == name);

    /// <summary>
    /// Placed → confirmed dropping a line → a supplier line fails at pickup → packed → delivered with one line rejected,
    /// cash collected → cash handed over.
    /// </summary>
    public static OrderScenario FullJourney() => new(
        "full-journey",
        Place("ext-full-1"),
        [
            new Issue(new ConfirmOrder([new LineDrop("2", CancellationReason.CustomerChangedMind)], Operator, At(0.5))),
            new ClockAt(At(10)),
            new Issue(new RecordPickup(["3"], [new LineDrop("4", CancellationReason.SupplierOutOfStock)], Warehouse, At(20))),
            new Issue(new RecordPacking([], Warehouse, At(30))),
            new Issue(new DispatchToCourier("courier-7", Courier, At(31))),
            new Issue(new RecordDelivery(DeliveryResult.AcceptedSome, [new LineDrop("3", CancellationReason.RejectedOnInspection)], 2 * 1000 + 500, null, Courier, At(40))),
            new Issue(new HandOverCash(2500, Courier, At(44))),
        ]);

    /// <summary>Nobody confirms: the confirmation deadline is missed three times and the order ends as a timeout.</summary>
    public static OrderScenario DeadlineEscalationToTimeout() => new(
        "deadline-escalation-to-timeout",
        Place("ext-late-1"),
        [
            new ClockAt(At(2.25)),
            new ClockAt(At(4.5)),
            new ClockAt(At(6.75)),
        ]);

    /// <summary>Confirmed, picked up, escalated in packing, then cancelled there by the customer.</summary>
    public static OrderScenario CancellationMidWay() => new(
        "cancellation-mid-way",
        Place("ext-cancel-1"),
        [
            new Issue(new ConfirmOrder([], Operator, At(1))),
            new Issue(new RecordPickup(["3", "4"], [], Warehouse, At(5))),
            new ClockAt(At(30)),
            new Issue(new CancelOrder(CancellationReason.CustomerChangedMind, null, "Called back: no longer wanted.", Operator, At(31))),
        ]);

    /// <summary>
    /// A line cancelled in each stage: confirmation, supplier pickup, packing; in delivery the last live line goes,
    /// which cancels the order.
    /// </summary>
    public static OrderScenario CancelLinesAtEachStage() => new(
        "cancel-lines-at-each-stage",
        Place("ext-lines-1"),
        [
            new Issue(new CancelLines([new LineDrop("2", CancellationReason.CustomerChangedMind)], Operator, At(0.5))),
            new Issue(new ConfirmOrder([], Operator, At(1))),
            new Issue(new CancelLines([new LineDrop("4", CancellationReason.SupplierBlockedShipment, Note: "Supplier on hold")], Operator, At(2))),
            new Issue(new RecordPickup(["3"], [], Warehouse, At(3))),
            new Issue(new CancelLines([new LineDrop("3", CancellationReason.ItemNotFound, Department.Warehouse)], Warehouse, At(4))),
            new Issue(new RecordPacking([], Warehouse, At(5))),
            new Issue(new CancelLines([new LineDrop("1", CancellationReason.CustomerChangedMind)], Operator, At(6))),
        ]);

    /// <summary>Out for delivery, nobody home (the delivery stage starts again), dispatched again, delivered in full, cash handed over.</summary>
    public static OrderScenario CustomerAbsentThenDelivered() => new(
        "customer-absent-then-delivered",
        Place("ext-absent-1"),
        [
            .. ToDelivery(),
            new Issue(new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, "Nobody home", Courier, At(8))),
            new Issue(new DispatchToCourier("courier-7", Courier, At(20))),
            new Issue(new RecordDelivery(DeliveryResult.AcceptedAll, [], FullValue, null, Courier, At(22))),
            new Issue(new HandOverCash(FullValue, Courier, At(23))),
        ]);

    /// <summary>The customer refuses the parcel at the door: the order is cancelled in delivery, charged to the customer.</summary>
    public static OrderScenario RefusedDelivery() => new(
        "refused-delivery",
        Place("ext-refused-1"),
        [
            .. ToDelivery(),
            new Issue(new RecordDelivery(DeliveryResult.Refused, [], null, "Refused at the door", Courier, At(8))),
        ]);

    /// <summary>Commands the stage forbids (or a reason it does not allow) are refused with the same code by both engines and change nothing.</summary>
    public static OrderScenario CommandsRefusedForTheirStage() => new(
        "commands-refused-for-their-stage",
        Place("ext-refused-cmd-1"),
        [
            new Issue(new HandOverCash(100, Courier, At(0.25)), Rejection.StageForbids),
            new Issue(new RecordPacking([], Warehouse, At(0.5)), Rejection.StageForbids),
            new Issue(new ConfirmOrder([], Operator, At(1))),
            new Issue(new RecordDelivery(DeliveryResult.AcceptedAll, [], FullValue, null, Courier, At(2)), Rejection.StageForbids),
            new Issue(new CancelOrder(CancellationReason.ItemNotFound, null, null, Operator, At(3)), Rejection.ReasonNotAllowed),
            new Issue(new CancelOrder(CancellationReason.GoodsDefective, null, "Whole batch defective", Operator, At(4))),
        ]);

    public static DateTimeOffset At(double hours) => T0.AddHours(hours);

    /// <summary>Confirmed in full, both supplier lines picked up, packed, out for delivery by At(7).</summary>
    private static ScenarioStep[] ToDelivery() =>
    [
        new Issue(new ConfirmOrder([], Operator, At(1))),
        new Issue(new RecordPickup(["3", "4"], [], Warehouse, At(4))),
        new Issue(new RecordPacking([], Warehouse, At(6))),
        new Issue(new DispatchToCourier("courier-7", Courier, At(7))),
    ];

    private static PlaceOrder Place(string externalId) => new(
        MerchantId,
        OrderIds.For(MerchantId, externalId),
        new OrderDraft(
            externalId,
            new Customer("Anna Schmidt", "+4915112345678", "anna@example.com", new Address("Main street 1", null, "Berlin", null, "10115", "DE")),
            [
                new OrderLine("1", "SKU-A", "Shirt", 2, 1000, null, InWarehouse: true),
                new OrderLine("2", "SKU-B", "Scarf", 1, 2500, null, InWarehouse: true),
                new OrderLine("3", "SKU-C", "Boots", 1, 4000, "supplier-1", InWarehouse: false),
                new OrderLine("4", "SKU-D", "Belt", 1, 1500, "supplier-1", InWarehouse: false),
            ],
            DeliveryFee: 500,
            Currency: "EUR",
            PaymentMethod.CashOnDelivery,
            Source: "own"),
        DeadlinePolicy.Default,
        new Actor($"storefront:{MerchantId}", "storefront", "webhook:own"),
        T0);
}
