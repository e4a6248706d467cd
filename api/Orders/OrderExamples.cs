using Backoffice.Api.OpenApi;
using Backoffice.Contracts;
using Backoffice.Contracts.Orders;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Orders;

/// <summary>
/// Example bodies of the order commands, as an operator's console sends them. Every one carries the version the person
/// saw (<c>expectedVersion</c>, or an <c>If-Match</c> header instead).
/// </summary>
internal static class OrderExamples
{
    public static readonly BodyExample[] Confirm =
    [
        new("as-ordered", "Confirm every line as ordered", new ConfirmRequest([], 3)),
        new("without-a-line", "Confirm, dropping a line the customer no longer wants",
            new ConfirmRequest([new LineDropRequest("2", WireJson.Name(CancellationReason.CustomerChangedMind), null, null)], 3)),
    ];

    public static readonly BodyExample[] Cancel =
    [
        new("customer-changed-mind", "The customer cancels on the phone (charged to the customer by default)",
            new CancelRequest(WireJson.Name(CancellationReason.CustomerChangedMind), null, null, 3)),
        new("other-with-note", "Another reason: a note is required, and the department is named",
            new CancelRequest(WireJson.Name(CancellationReason.Other), WireJson.Name(Department.Merchant), "The shop asked us to stop this order.", 3)),
    ];

    public static readonly BodyExample[] CancelLines =
    [
        new("one-line", "Cancel one line; the rest of the order goes on",
            new CancelLinesRequest([new LineDropRequest("2", WireJson.Name(CancellationReason.CustomerChangedMind), null, null)], 4)),
    ];

    public static readonly BodyExample[] Pickup =
    [
        new("all-collected", "Every supplier line collected", new PickupRequest(["2"], [], 5)),
        new("supplier-out-of-stock", "One line collected, the supplier had none of the other",
            new PickupRequest(["2"], [new LineDropRequest("3", WireJson.Name(CancellationReason.SupplierOutOfStock), null, "Supplier restocks in two weeks.")], 5)),
    ];

    public static readonly BodyExample[] Pack =
    [
        new("packed", "Everything packed", new PackRequest([], 6)),
        new("item-damaged", "Packed without a damaged item",
            new PackRequest([new LineDropRequest("1", WireJson.Name(CancellationReason.ItemDamaged), null, "Box crushed on the shelf.")], 6)),
    ];

    public static readonly BodyExample[] Dispatch =
    [
        new("to-courier", "Hand the parcel to a courier", new DispatchRequest("courier-17", 7)),
    ];

    public static readonly BodyExample[] Delivery =
    [
        new("accepted-all", "Delivered; the courier collected the cash", new DeliveryRequest(WireJson.Name(DeliveryResult.AcceptedAll), [], 3490, null, 8)),
        new("accepted-some", "The customer kept one line and refused the other at the door",
            new DeliveryRequest(WireJson.Name(DeliveryResult.AcceptedSome), [new LineDropRequest("2", WireJson.Name(CancellationReason.RejectedOnInspection), null, "Wrong size.")], 2490, null, 8)),
        new("customer-absent", "Nobody at home: another attempt follows while attempts remain",
            new DeliveryRequest(WireJson.Name(DeliveryResult.CustomerAbsent), [], null, "Rang twice, left a card.", 8)),
    ];

    public static readonly BodyExample[] CashHandover =
    [
        new("all-cash", "The courier hands over everything collected for the order", new CashHandoverRequest(3490, 9)),
    ];
}
