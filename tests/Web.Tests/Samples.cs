using System.Text.Json;

namespace Backoffice.Web.Tests;

/// <summary>API answers shaped like the real ones (api/Orders/OrderViews.cs), small enough to read in a test.</summary>
internal static class Samples
{
    public const string Reasons = """
        {"Confirmation":[{"reason":"customerChangedMind","defaultDepartment":"customer"},{"reason":"other","defaultDepartment":"callCentre"}],
         "SupplierPickup":[{"reason":"supplierOutOfStock","defaultDepartment":"purchasing"}],
         "Packing":[{"reason":"itemNotFound","defaultDepartment":"warehouse"}],
         "Delivery":[{"reason":"customerRefused","defaultDepartment":"customer"}]}
        """;

    public static string Order(
        string stage = "confirmation", int version = 2, string[]? actions = null, bool timeline = true, long cashCollected = 0, long cashHandedOver = 0,
        string? displayName = null, string? note = null)
    {
        var allowed = JsonSerializer.Serialize(actions ?? ["confirm", "cancel", "cancel-lines"]);
        var storefront = (displayName is null ? string.Empty : ",\"displayName\":" + JsonSerializer.Serialize(displayName))
            + (note is null ? string.Empty : ",\"note\":" + JsonSerializer.Serialize(note));
        var events = timeline
            ? ""","timeline":[{"sequence":1,"type":"OrderPlaced","at":"2026-11-16T08:00:00+00:00","userId":"storefront:shop-one","role":"storefront","channel":"webhook:own","details":{"type":"OrderPlaced","draft":{"source":"own"}}},{"sequence":2,"type":"StageEntered","at":"2026-11-16T08:00:00+00:00","userId":"system","role":"system","channel":"workflow","details":{"type":"StageEntered","stage":"confirmation"}}]"""
            : string.Empty;
        return $$$"""
            {"merchantId":"shop-one","orderId":"ORD-TEST1","externalOrderId":"EXT-1","source":"own","stage":"{{{stage}}}","version":{{{version}}},
             "deadline":{"stage":"{{{stage}}}","dueAt":"2026-11-16T10:00:00+00:00","misses":0,"escalated":false,"overdue":false},
             "customer":{"name":"Anna Schmidt","phone":"+4915112345678","email":"anna@example.com","address":{"line1":"Main street 1","city":"Berlin","postalCode":"10115","country":"DE"}},
             "payment":"cashOnDelivery","currency":"EUR","deliveryFee":500,"orderedValue":3000,"liveValue":3000,"deliveredValue":0,"cashCollected":{{{cashCollected}}},"cashHandedOver":{{{cashHandedOver}}},
             "outForDelivery":false,"deliveryAttempts":0,"maxDeliveryAttempts":3,"placedAt":"2026-11-16T08:00:00+00:00","updatedAt":"2026-11-16T08:00:00+00:00",
             "lines":[{"lineId":"1","sku":"SKU-1","name":"Blue shirt","quantity":1,"unitPrice":1500,"total":1500,"inWarehouse":true,"status":"active"},
                      {"lineId":"2","sku":"SKU-2","name":"Red scarf","quantity":1,"unitPrice":1000,"total":1000,"inWarehouse":true,"status":"active"}],
             "allowedActions":{{{allowed}}}{{{events}}}{{{storefront}}}}
            """;
    }
}
