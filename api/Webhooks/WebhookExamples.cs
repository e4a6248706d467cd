using System.Text.Json;
using Backoffice.Api.OpenApi;

namespace Backoffice.Api.Webhooks;

/// <summary>
/// Example bodies of the three order formats (docs/webhooks.md): the same order — a hoodie from the warehouse and boots
/// fetched from a supplier, cash on delivery, with the shop's order name and the customer's note — as each storefront
/// sends it. ApiDocumentTests sign and send each one to a real host, which must accept it.
/// </summary>
internal static class WebhookExamples
{
    public static readonly BodyExample[] Own =
    [
        new("cash-on-delivery", "Two lines, one of them fetched from a supplier; cash on delivery",
            new OwnOrderPayload(
                "1047", "EUR", "cashOnDelivery", 490,
                new OwnCustomer("Anna Schmidt", "+49 151 1234 5678", "anna@example.com", new OwnAddress("Main street 1", null, "Berlin", null, "10115", "DE")),
                [
                    new OwnLine("HOODIE-M-GRAPHITE", "Hoodie - M / Graphite", 1, 4990, null, true),
                    new OwnLine("BOOTS-42", "Boots 42", 1, 8900, "supplier-north", false),
                ],
                "#1047",
                "Please call an hour before delivery.")),
    ];

    public static readonly BodyExample[] Shopify =
    [
        new("orders-create", "orders/create with a variant, a supplier line (property _supplier) and a customer note",
            new ShopifyOrder(
                5_891_623_452_817, "#1047", "EUR", "pending", ["Cash on Delivery (COD)"], "anna@example.com", "+49 151 1234 5678",
                new ShopifyCustomer("Anna", "Schmidt", "anna@example.com", null),
                new ShopifyAddress("Anna Schmidt", "Main street 1", null, "Berlin", null, "10115", "DE", "+49 151 1234 5678"),
                [
                    new ShopifyLine(13_602_154_209_425, "HOODIE-M-GRAPHITE", "Hoodie", "Hoodie - M / Graphite", 1, "49.90", [], "M / Graphite"),
                    new ShopifyLine(13_602_154_209_426, "BOOTS-42", "Boots", "Boots - 42", 1, "89.00", [new ShopifyProperty("_supplier", Json("supplier-north"))], "42"),
                ],
                [new ShopifyShippingLine("4.90")],
                null,
                "Please call an hour before delivery.")),
    ];

    public static readonly BodyExample[] WooCommerce =
    [
        new("order-created", "order.created with a variation (its attributes as visible meta) and a supplier line (meta _supplier)",
            new WooOrder(
                7271, Json("1047"), "Please call an hour before delivery.", "EUR", "cod", false,
                new WooAddress("Anna", "Schmidt", "Main street 1", null, "Berlin", null, "10115", "DE", "anna@example.com", "+49 151 1234 5678"),
                new WooAddress("Anna", "Schmidt", "Main street 1", null, "Berlin", null, "10115", "DE", null, null),
                [
                    new WooLine(315, "Hoodie", "HOODIE-M-GRAPHITE", 1, Json(49.90m), [new WooMeta("pa_size", Json("m"), Json("M")), new WooMeta("pa_color", Json("graphite"), Json("Graphite"))], 4711),
                    new WooLine(316, "Boots 42", "BOOTS-42", 1, Json("89.00"), [new WooMeta("_supplier", Json("supplier-north"), Json("supplier-north"))]),
                ],
                Json("4.90"))),
    ];

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
