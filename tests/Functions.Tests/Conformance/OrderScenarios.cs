using Backoffice.Core.Common;
using Backoffice.Core.Orders;

namespace Backoffice.Functions.Tests.Conformance;

/// <summary>A step of a scenario: an operator's command, or the clock moving on to a time (deadlines due by then fire).</summary>
internal abstract record ScenarioStep;

internal sealed record Issue(OrderCommand Command) : ScenarioStep;

internal sealed record ClockAt(DateTimeOffset At) : ScenarioStep;

internal sealed record OrderScenario(string Name, PlaceOrder Place, IReadOnlyList<ScenarioStep> Steps)
{
    public override string ToString() => Name;
}

/// <summary>
/// The end-to-end journeys both engines must agree on. Every time is given, so both engines decide with the same
/// clock and the event logs can be compared field by field, times and actors included.
/// </summary>
internal static class OrderScenarios
{
    public const string MerchantId = "conformance-shop";
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Operator = new("op-7", Roles.Operator, "api");
    public static readonly Actor Warehouse = new("wh-3", Roles.Warehouse, "api");
    public static readonly Actor Courier = new("courier-7", Roles.Courier, "api");

    public static IReadOnlyList<OrderScenario> All { get; } = [FullJourney(), DeadlineEscalationToTimeout(), CancellationMidWay()];

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

    public static DateTimeOffset At(double hours) => T0.AddHours(hours);

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
