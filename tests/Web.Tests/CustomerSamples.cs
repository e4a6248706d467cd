namespace Backoffice.Web.Tests;

/// <summary>Customer answers shaped like the API's (api/Customers/CustomerViews.cs).</summary>
internal static class CustomerSamples
{
    public const string Anna = """
        {"customerId":"CUS-ANNA","name":"Anna Schmidt","phone":"+4915112345678","email":"anna@example.com","tags":["vip"],
         "stats":{"orders":3,"delivered":1,"refused":2,"cancelled":0,"refusalRateBasisPoints":6666,"lifetimeValue":2500,"currency":"EUR"},
         "lastOrderAt":"2026-11-16T08:00:00+00:00","highRefusalRisk":true,"erased":false}
        """;

    public const string John = """
        {"customerId":"CUS-JOHN","name":"John Miller","phone":"+12125550100","tags":[],
         "stats":{"orders":1,"delivered":1,"refused":0,"cancelled":0,"refusalRateBasisPoints":0,"lifetimeValue":1200,"currency":"EUR"},
         "lastOrderAt":"2026-11-10T08:00:00+00:00","highRefusalRisk":false,"erased":false}
        """;

    public static string Page(string? continuationToken = null, params string[] items) =>
        $$"""{"items":[{{string.Join(',', items)}}]{{(continuationToken is null ? string.Empty : $",\"continuationToken\":\"{continuationToken}\"")}}}""";

    public static string Profile(bool erased = false, bool highRisk = true, int orders = 3, int delivered = 1, int refused = 2, int rateBasisPoints = 6666) => $$"""
        {"customerId":"CUS-ANNA","name":"{{(erased ? "Erased customer" : "Anna Schmidt")}}","phone":{{(erased ? "null" : "\"+4915112345678\"")}},
         "email":{{(erased ? "null" : "\"anna@example.com\"")}},
         "address":{{(erased ? "null" : """{"line1":"Main street 1","city":"Berlin","postalCode":"10115","country":"DE"}""")}},
         "tags":["vip"],
         "stats":{"orders":{{orders}},"delivered":{{delivered}},"refused":{{refused}},"cancelled":0,"refusalRateBasisPoints":{{rateBasisPoints}},"lifetimeValue":2500,"currency":"EUR"},
         "highRefusalRisk":{{(highRisk ? "true" : "false")}},"firstOrderAt":"2026-10-01T08:00:00+00:00","lastOrderAt":"2026-11-16T08:00:00+00:00","lastOrderId":"ORD-TEST1",
         "erased":{{(erased ? "true" : "false")}}{{(erased ? ",\"erasedAt\":\"2026-11-16T09:00:00+00:00\"" : string.Empty)}},
         "recentOrders":[
           {"orderId":"ORD-TEST1","externalOrderId":"EXT-1","placedAt":"2026-11-16T08:00:00+00:00","stage":"confirmation","outcome":"open","payment":"cashOnDelivery","orderedValue":3000,"deliveredValue":0,"currency":"EUR"},
           {"orderId":"ORD-OLD1","externalOrderId":"EXT-0","placedAt":"2026-10-01T08:00:00+00:00","stage":"delivered","outcome":"delivered","payment":"cashOnDelivery","orderedValue":2500,"deliveredValue":2500,"currency":"EUR"}],
         "recentCalls":[
           {"callId":"c1","orderId":"ORD-OLD1","outcome":"noAnswer","note":"Try after six","at":"2026-10-01T09:00:00+00:00","userId":"op-7","role":"operator"}]}
        """;

    public static string Brief(bool flagged, string payment = "cashOnDelivery", bool firstOrder = false, bool customer = true) => $$"""
        {"orderId":"ORD-TEST1","payment":"{{payment}}","firstOrder":{{(firstOrder ? "true" : "false")}},"flagged":{{(flagged ? "true" : "false")}}
         {{(flagged ? ",\"flagReason\":\"Cash on delivery, and the customer refused 2 of 3 parcels that reached the door (66.7 %).\"" : string.Empty)}}
         {{(customer ? ",\"customer\":" + Profile() : string.Empty)}}}
        """;
}
