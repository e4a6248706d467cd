using System.Globalization;
using System.Text;
using System.Text.Json;
using Backoffice.Api.Webhooks;

namespace Backoffice.LoadGenerator;

internal enum WebhookKind
{
    Own,
    Shopify,
    WooCommerce,
}

/// <summary>A webhook ready to send: the path, the raw body and the signature headers of its format.</summary>
internal sealed record SignedWebhook(string MerchantId, string ExternalOrderId, WebhookKind Kind, string Path, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>A merchant as the load generator knows it: id, currency and the webhook secret the API issued.</summary>
internal sealed record BenchMerchant(string MerchantId, string Currency, string Secret);

/// <summary>
/// Storefronts: order number <c>n</c> of a run becomes a webhook in one of the three formats (round robin), with one to
/// three lines, some fetched from a supplier, cash on delivery or prepaid — the same bytes for the same (seed, n).
/// </summary>
internal static class Storefront
{
    public static SignedWebhook Order(BenchMerchant merchant, long number, int seed, DateTimeOffset now)
    {
        var random = new Random(unchecked((seed * 7919) + (int)number));
        var kind = (WebhookKind)(number % 3);
        var lineCount = random.Next(1, 4);
        var lines = Enumerable.Range(1, lineCount).Select(i => new BenchLine(
            $"SKU-{random.Next(1, 200):D3}", $"Article {i}", random.Next(1, 4), random.Next(5, 200) * 100L, random.NextDouble() < 0.2 ? "supplier-" + random.Next(1, 5) : null)).ToArray();
        var cod = random.NextDouble() < 0.7;
        var phone = "+49151" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var name = "Customer " + random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture);
        string external;
        string path;
        string json;
        switch (kind)
        {
            case WebhookKind.Own:
                external = $"B-{seed}-{number}";
                path = $"/api/webhooks/{merchant.MerchantId}/orders";
                json = JsonSerializer.Serialize(new
                {
                    externalOrderId = external,
                    currency = merchant.Currency,
                    payment = cod ? "cashOnDelivery" : "prepaid",
                    deliveryFee = 490,
                    customer = new { name, phone, email = "c@example.com", address = new { line1 = "Main street 1", city = "Berlin", postalCode = "10115", country = "DE" } },
                    lines = lines.Select(l => new { sku = l.Sku, name = l.Name, quantity = l.Quantity, unitPrice = l.UnitPrice, inWarehouse = l.Supplier is null, supplierId = l.Supplier }),
                });
                break;
            case WebhookKind.Shopify:
                external = (1_000_000_000L + number).ToString(CultureInfo.InvariantCulture);
                path = $"/api/webhooks/{merchant.MerchantId}/shopify";
                json = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["id"] = 1_000_000_000L + number,
                    ["name"] = "#" + number.ToString(CultureInfo.InvariantCulture),
                    ["currency"] = merchant.Currency,
                    ["financial_status"] = cod ? "pending" : "paid",
                    ["payment_gateway_names"] = cod ? new[] { "Cash on Delivery (COD)" } : new[] { "shopify_payments" },
                    ["email"] = "c@example.com",
                    ["phone"] = phone,
                    ["shipping_address"] = new Dictionary<string, string> { ["name"] = name, ["address1"] = "Main street 1", ["city"] = "Berlin", ["zip"] = "10115", ["country_code"] = "DE" },
                    ["line_items"] = lines.Select((l, i) => new Dictionary<string, object?>
                    {
                        ["id"] = i + 1,
                        ["sku"] = l.Sku,
                        ["title"] = l.Name,
                        ["quantity"] = l.Quantity,
                        ["price"] = Major(l.UnitPrice),
                        ["properties"] = l.Supplier is null ? Array.Empty<object>() : new object[] { new Dictionary<string, string> { ["name"] = "_supplier", ["value"] = l.Supplier } },
                    }).ToArray(),
                    ["shipping_lines"] = new[] { new Dictionary<string, string> { ["price"] = "4.90" } },
                });
                break;
            default:
                external = (2_000_000_000L + number).ToString(CultureInfo.InvariantCulture);
                path = $"/api/webhooks/{merchant.MerchantId}/woocommerce";
                var address = new Dictionary<string, string>
                {
                    ["first_name"] = name, ["last_name"] = "Woo", ["address_1"] = "Main street 1", ["city"] = "Berlin", ["postcode"] = "10115", ["country"] = "DE",
                    ["email"] = "c@example.com", ["phone"] = phone,
                };
                json = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["id"] = 2_000_000_000L + number,
                    ["currency"] = merchant.Currency,
                    ["payment_method"] = cod ? "cod" : "stripe",
                    ["set_paid"] = !cod,
                    ["billing"] = address,
                    ["shipping"] = address,
                    ["line_items"] = lines.Select((l, i) => new Dictionary<string, object?>
                    {
                        ["id"] = i + 1,
                        ["name"] = l.Name,
                        ["sku"] = l.Sku,
                        ["quantity"] = l.Quantity,
                        ["price"] = Major(l.UnitPrice),
                        ["meta_data"] = l.Supplier is null ? Array.Empty<object>() : new object[] { new Dictionary<string, string> { ["key"] = "_supplier", ["value"] = l.Supplier } },
                    }).ToArray(),
                    ["shipping_total"] = "4.90",
                });
                break;
        }

        return Sign(merchant, external, kind, path, Encoding.UTF8.GetBytes(json), now);
    }

    private static SignedWebhook Sign(BenchMerchant merchant, string external, WebhookKind kind, string path, byte[] body, DateTimeOffset now)
    {
        List<KeyValuePair<string, string>> headers = kind switch
        {
            WebhookKind.Own => Standard(merchant.Secret, body, now),
            WebhookKind.Shopify => [new("X-Shopify-Hmac-Sha256", WebhookSignatures.SignBody(merchant.Secret, body)), new("X-Shopify-Topic", "orders/create")],
            _ => [new("X-WC-Webhook-Signature", WebhookSignatures.SignBody(merchant.Secret, body)), new("X-WC-Webhook-Topic", "order.created")],
        };
        return new SignedWebhook(merchant.MerchantId, external, kind, path, body, headers);
    }

    private static List<KeyValuePair<string, string>> Standard(string secret, byte[] body, DateTimeOffset now)
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = now.ToUnixTimeSeconds();
        return
        [
            new("webhook-id", id),
            new("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
            new("webhook-signature", WebhookSignatures.SignStandard(secret, id, timestamp, body)),
        ];
    }

    private static string Major(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private sealed record BenchLine(string Sku, string Name, int Quantity, long UnitPrice, string? Supplier);
}
