using System.Text;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Testing;
using static Backoffice.Hardening.Tests.HostileRequests;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// One hostile request and the refusals that are right for it. <see cref="Raw"/> cases go over a plain socket; when
/// Kestrel itself rejects the bytes (a malformed header) it answers a bare 400 before any application code runs, so
/// <see cref="ServerMayRefuse"/> allows that answer without a ProblemDetails body.
/// </summary>
internal sealed record HostileCase(
    string Name, string Area, int[] Expected, Func<HardeningWorld, HttpRequestMessage>? Request = null, Func<HardeningWorld, RawRequest>? Raw = null,
    bool ServerMayRefuse = false);

/// <summary>The hostile-input catalogue: every case must end in a 4xx ProblemDetails and leave storage exactly as it was.</summary>
internal static class HostileCatalogue
{
    private const string Webhook = "own-format webhook";
    private const string ShopifyArea = "Shopify webhook";
    private const string WooArea = "WooCommerce webhook";
    private const string Commands = "operator command";
    private const string MerchantArea = "merchant PUT";
    private const string Queries = "query parameters";
    private const string Socket = "raw socket";
    private const string TrafficArea = "traffic webhook";
    private const string FinanceArea = "finance";
    private const string StockArea = "stock";
    private const string CustomerArea = "customers";
    private const string KpiArea = "KPI queries";
    private const string Ledger = "/api/finance/merchants/" + HardeningWorld.Own + "/ledger/adjustments";
    private const string Settlements = "/api/finance/merchants/" + HardeningWorld.Own + "/settlements";
    private const string Stock = "/api/merchants/" + HardeningWorld.Own + "/stock";
    private const string Customers = "/api/merchants/" + HardeningWorld.Own + "/customers";
    private const string Kpi = "/api/kpi/merchants/" + HardeningWorld.Own + "/indicators";

    private const string OwnLine = """{"sku":"S","name":"N","quantity":1,"unitPrice":1}""";
    private const string HugeOwnLine = """{"sku":"S","name":"N","quantity":10000,"unitPrice":1000000000000}""";
    private const string ShopifyLine = """{"id":1,"sku":"S","title":"N","quantity":1,"price":"1.00"}""";
    private const string OData = "shop' or PartitionKey ne '";
    private const int TwoMiB = 2 * 1024 * 1024;

    public static IReadOnlyList<HostileCase> All { get; } =
    [
        // Own format: JSON shape and types.
        new("own: malformed JSON", Webhook, [400], w => Own(w, OwnTemplate[..^10])),
        new("own: JSON null instead of an object", Webhook, [400], w => Own(w, "null")),
        new("own: JSON array instead of an object", Webhook, [400], w => Own(w, "[]")),
        new("own: duplicated property", Webhook, [400], w => Own(w, Edit(OwnTemplate, "\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"currency\":\"USD\""))),
        new("own: quantity as a string", Webhook, [400], w => Own(w, Edit(OwnTemplate, "\"quantity\":1", "\"quantity\":\"1\""))),
        new("own: lines as an object", Webhook, [400], w => Own(w, Edit(OwnTemplate, "\"lines\":[", "\"lines\":{\"x\":[").Replace("}]}", "}]}}", StringComparison.Ordinal))),
        new("own: nesting deeper than 32", Webhook, [400], w => Own(w, Padded(OwnTemplate, 1)[..^1] + ",\"deep\":" + new string('[', 64) + new string(']', 64) + "}")),

        // Own format: numbers.
        new("own: quantity 1e30", Webhook, [400], w => Own(w, Edit(OwnTemplate, "\"quantity\":1", "\"quantity\":1e30"))),
        new("own: quantity long.MaxValue", Webhook, [422], w => Own(w, Edit(OwnTemplate, "\"quantity\":1", "\"quantity\":9223372036854775807"))),
        new("own: fractional quantity 1.5", Webhook, [400], w => Own(w, Edit(OwnTemplate, "\"quantity\":1", "\"quantity\":1.5"))),
        new("own: zero quantity", Webhook, [422], w => Own(w, Edit(OwnTemplate, "\"quantity\":1", "\"quantity\":0"))),
        new("own: negative unit price", Webhook, [422], w => Own(w, Edit(OwnTemplate, "\"unitPrice\":1000", "\"unitPrice\":-1000"))),
        new("own: unit price above 10^12", Webhook, [422], w => Own(w, Edit(OwnTemplate, "\"unitPrice\":1000", "\"unitPrice\":1000000000000000"))),
        new("own: negative delivery fee", Webhook, [422], w => Own(w, Edit(OwnTemplate, "\"deliveryFee\":500", "\"deliveryFee\":-500"))),
        new("own: 10,000 lines", Webhook, [422], w => Own(w, ManyLines(OwnTemplate, "lines", OwnLine, 10_000))),
        new("own: 100 lines × 10,000 units × 10^12 (each amount valid, the total 10^18)", Webhook, [422], w => Own(w, ManyLines(OwnTemplate, "lines", HugeOwnLine, 100))),
        new("own: two lines at the unit-price cap (total above 10^12)", Webhook, [422], w => Own(w, ManyLines(OwnTemplate, "lines", """{"sku":"S","name":"N","quantity":1,"unitPrice":1000000000000}""", 2))),
        new("own: 2 MiB body", Webhook, [413], w => Own(w, Padded(OwnTemplate, TwoMiB))),
        new("own: 2 MiB body sent chunked", Webhook, [413], w => Own(w, Padded(OwnTemplate, TwoMiB), chunked: true)),

        // Own format: Unicode tricks.
        new("own: bidi override in the customer name", Webhook, [422], w => Own(w, Edit(OwnTemplate, "Anna Schmidt", "Anna \u202Etdimhcs"))),
        new("own: bidi isolate in the SKU", Webhook, [422], w => Own(w, Edit(OwnTemplate, "SKU-1", "SKU\u2066-1"))),
        new("own: zero-width no-break space in the external id", Webhook, [422], w => Own(w, Edit(OwnTemplate, "H-1", "H\uFEFF-1"))),
        new("own: zero-width direction mark in the external id", Webhook, [422], w => Own(w, Edit(OwnTemplate, "H-1", "H\u200F-1"))),
        new("own: zero-width space in the external id", Webhook, [422], w => Own(w, Edit(OwnTemplate, "H-1", "H\u200B-1"))),
        new("own: unpaired surrogate escape in the name", Webhook, [400, 422], w => Own(w, Edit(OwnTemplate, "Anna Schmidt", "Anna \\ud800 Schmidt"))),
        new("own: lone low surrogate escape in the SKU", Webhook, [400, 422], w => Own(w, Edit(OwnTemplate, "SKU-1", "SKU-\\udc00"))),
        new("own: control character in the city", Webhook, [422], w => Own(w, Edit(OwnTemplate, "Berlin", "Ber\\u0007lin"))),
        new("own: homoglyph merchant id (Cyrillic o)", Webhook, [404], w => Own(w, OwnTemplate, merchantId: "own-sh%D0%BEp")),
        new("own: merchant id in full-width letters", Webhook, [404], w => Own(w, OwnTemplate, merchantId: "%EF%BD%8F%EF%BD%97%EF%BD%8E-shop")),

        // Own format: signatures and timestamps.
        new("own: no signature headers", Webhook, [401], w => Own(w, OwnTemplate, sign: (_, _, _) => { })),
        new("own: webhook-id header twice", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, t) =>
        {
            StandardHeaders(r, t, StandardSignature(t, b));
            r.Headers.Add("webhook-id", "msg_other");
        })),
        new("own: garbled signature", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, _, t) => StandardHeaders(r, t, "v1,@@not*base64@@"))),
        new("own: signature under an unknown scheme", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, t) => StandardHeaders(r, t, "v2," + StandardSignature(t, b)[3..]))),
        new("own: signature truncated", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, t) => StandardHeaders(r, t, StandardSignature(t, b)[..20]))),
        new("own: signed with another merchant's secret", Webhook, [401], w => Own(w, OwnTemplate, secret: HardeningWorld.OtherSecret)),
        new("own: replay signed 301 s ago (outside the tolerance)", Webhook, [401], w => Own(w, OwnTemplate, age: TimeSpan.FromSeconds(301))),
        new("own: replay signed a day ago", Webhook, [401], w => Own(w, OwnTemplate, age: TimeSpan.FromDays(1))),
        new("own: timestamp 301 s in the future", Webhook, [401], w => Own(w, OwnTemplate, age: TimeSpan.FromSeconds(-301))),
        new("own: timestamp not a number", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, t) =>
        {
            r.Headers.Add("webhook-id", "msg_hostile");
            r.Headers.Add("webhook-timestamp", "1.7e9");
            r.Headers.Add("webhook-signature", StandardSignature(t, b));
        })),
        new("own: negative timestamp", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, _) => StandardHeaders(r, -5, StandardSignature(-5, b)))),
        new("own: timestamp beyond year 9999", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, _) => StandardHeaders(r, 999_999_999_999, StandardSignature(999_999_999_999, b)))),
        new("own: webhook-id longer than 200 characters", Webhook, [401], w => Own(w, OwnTemplate, sign: (r, b, t) =>
        {
            var id = new string('m', 201);
            r.Headers.Add("webhook-id", id);
            r.Headers.Add("webhook-timestamp", t.ToString(System.Globalization.CultureInfo.InvariantCulture));
            r.Headers.Add("webhook-signature", StandardSignature(t, b, id));
        })),

        // Own format: media types and paths.
        new("own: text/plain", Webhook, [415], w => Own(w, OwnTemplate, contentType: "text/plain")),
        new("own: form-urlencoded", Webhook, [415], w => Own(w, OwnTemplate, contentType: "application/x-www-form-urlencoded")),
        new("own: no content type", Webhook, [415], w => Own(w, OwnTemplate, contentType: string.Empty)),
        new("own: path traversal in the merchant id", Webhook, [404], w => Own(w, OwnTemplate, merchantId: "%2e%2e%2f%2e%2e%2fown-shop")),
        new("own: OData filter in the merchant id", Webhook, [404], w => Own(w, OwnTemplate, merchantId: Uri.EscapeDataString(OData))),

        // Shopify.
        new("shopify: no HMAC header", ShopifyArea, [401], _ => Shopify(ShopifyTemplate, signature: _ => [])),
        new("shopify: HMAC header twice", ShopifyArea, [401], _ => Shopify(ShopifyTemplate, signature: b => [WebhookSignatures.SignBody(BackofficeHost.Secret, b), WebhookSignatures.SignBody(BackofficeHost.Secret, b)])),
        new("shopify: garbled HMAC", ShopifyArea, [401], _ => Shopify(ShopifyTemplate, signature: _ => ["%%%not-base64%%%"])),
        new("shopify: HMAC of another body", ShopifyArea, [401], _ => Shopify(ShopifyTemplate, signature: _ => [WebhookSignatures.SignBody(BackofficeHost.Secret, Encoding.UTF8.GetBytes("{}"))])),
        new("shopify: HMAC with the victim's secret", ShopifyArea, [401], _ => Shopify(ShopifyTemplate, signature: b => [WebhookSignatures.SignBody(HardeningWorld.OtherSecret, b)])),
        new("shopify: negative price", ShopifyArea, [422], _ => Shopify(Edit(ShopifyTemplate, "\"199.99\"", "\"-199.99\""))),
        new("shopify: price with more decimals than EUR has", ShopifyArea, [422], _ => Shopify(Edit(ShopifyTemplate, "\"199.99\"", "\"199.999\""))),
        new("shopify: price in exponent notation", ShopifyArea, [422], _ => Shopify(Edit(ShopifyTemplate, "\"199.99\"", "\"1e3\""))),
        new("shopify: price beyond decimal range", ShopifyArea, [422], _ => Shopify(Edit(ShopifyTemplate, "\"199.99\"", "\"" + new string('9', 40) + "\""))),
        new("shopify: negative order id", ShopifyArea, [422], _ => Shopify(Edit(ShopifyTemplate, "\"id\":4001", "\"id\":-4001"))),
        new("shopify: order id as a string", ShopifyArea, [400], _ => Shopify(Edit(ShopifyTemplate, "\"id\":4001", "\"id\":\"4001\""))),
        new("shopify: fractional quantity", ShopifyArea, [400], _ => Shopify(Edit(ShopifyTemplate, "\"quantity\":2", "\"quantity\":2.5"))),
        new("shopify: 10,000 line items", ShopifyArea, [422], _ => Shopify(ManyLines(ShopifyTemplate, "line_items", ShopifyLine, 10_000))),
        new("shopify: 100 line items × 10,000 units × 10^10.00 (total above 10^12 minor units)", ShopifyArea, [422], _ => Shopify(ManyLines(ShopifyTemplate, "line_items", """{"id":1,"sku":"S","title":"N","quantity":10000,"price":"10000000000.00"}""", 100))),
        new("shopify: 2 MiB body", ShopifyArea, [413], _ => Shopify(Padded(ShopifyTemplate, TwoMiB))),
        new("shopify: text/plain", ShopifyArea, [415], _ => Shopify(ShopifyTemplate, contentType: "text/plain")),
        new("shopify: bidi override in the shipping name", ShopifyArea, [422], _ => Shopify(Edit(ShopifyTemplate, "Bob Norman", "Bob \u202ENorman"))),

        // WooCommerce.
        new("woocommerce: no signature header", WooArea, [401], _ => Woo(WooTemplate, signature: _ => [])),
        new("woocommerce: signature header twice", WooArea, [401], _ => Woo(WooTemplate, signature: b => [WebhookSignatures.SignBody(BackofficeHost.Secret, b), "x"])),
        new("woocommerce: negative price", WooArea, [422], _ => Woo(Edit(WooTemplate, "\"price\":21.99", "\"price\":-21.99"))),
        new("woocommerce: price as an object", WooArea, [422], _ => Woo(Edit(WooTemplate, "\"price\":21.99", "\"price\":{\"amount\":21.99}"))),
        new("woocommerce: fractional quantity", WooArea, [400], _ => Woo(Edit(WooTemplate, "\"quantity\":2", "\"quantity\":1.5"))),
        new("woocommerce: shipping total beyond 10^12 minor units", WooArea, [422], _ => Woo(Edit(WooTemplate, "\"10.00\"", "\"99999999999999999999\""))),
        new("woocommerce: line total above 10^12 minor units", WooArea, [422], _ => Woo(Edit(Edit(WooTemplate, "\"quantity\":2", "\"quantity\":10000"), "\"price\":21.99", "\"price\":10000000000"))),
        new("woocommerce: 2 MiB body sent chunked", WooArea, [413], _ => Woo(Padded(WooTemplate, TwoMiB), chunked: true)),
        new("woocommerce: zero-width no-break space in the SKU", WooArea, [422], _ => Woo(Edit(WooTemplate, "W-1", "W\uFEFF-1"))),

        // Traffic webhook (Standard Webhooks, like our own order format).
        new("traffic: negative visits", TrafficArea, [422], w => Traffic(w, Edit(TrafficTemplate, "1200", "-1"))),
        new("traffic: fractional visits", TrafficArea, [400], w => Traffic(w, Edit(TrafficTemplate, "1200", "1.5"))),
        new("traffic: visits 1e30", TrafficArea, [400], w => Traffic(w, Edit(TrafficTemplate, "1200", "1e30"))),
        new("traffic: visits as a string", TrafficArea, [400], w => Traffic(w, Edit(TrafficTemplate, "1200", "\"1200\""))),
        new("traffic: a day in the future", TrafficArea, [422], w => Traffic(w, Edit(TrafficTemplate, "2026-11-15", "2027-01-01"))),
        new("traffic: path traversal as the date", TrafficArea, [422], w => Traffic(w, Edit(TrafficTemplate, "2026-11-15", "../../2026-11-15"))),
        new("traffic: OData filter as the date", TrafficArea, [422], w => Traffic(w, Edit(TrafficTemplate, "2026-11-15", OData))),
        new("traffic: no signature headers", TrafficArea, [401], w => Traffic(w, TrafficTemplate, sign: (_, _, _) => { })),
        new("traffic: replay signed 301 s ago", TrafficArea, [401], w => Traffic(w, TrafficTemplate, age: TimeSpan.FromSeconds(301))),
        new("traffic: 2 MiB body", TrafficArea, [413], w => Traffic(w, Padded(TrafficTemplate, TwoMiB))),
        new("traffic: text/plain", TrafficArea, [415], w => Traffic(w, TrafficTemplate, contentType: "text/plain")),

        // Operator commands (a supervisor on own-shop's order in Confirmation).
        new("command: malformed JSON", Commands, [400], w => Command(w, "confirm", "{\"droppedLines\": [")),
        new("command: 10,000 dropped lines", Commands, [422], w => Command(w, "confirm", "{\"droppedLines\":[" + string.Join(',', Enumerable.Repeat("{\"lineId\":\"1\",\"reason\":\"customerChangedMind\"}", 10_000)) + "]}")),
        new("command: reason as an integer", Commands, [400], w => Command(w, "cancel", "{\"reason\":3}")),
        new("command: unknown reason", Commands, [422], w => Command(w, "cancel", "{\"reason\":\"bribery\"}")),
        new("command: unknown property", Commands, [422], w => Command(w, "confirm", "{\"droppedLine\":[]}")),
        new("command: unknown property inside a line", Commands, [422], w => Command(w, "confirm", "{\"droppedLines\":[{\"lineId\":\"1\",\"reason\":\"customerChangedMind\",\"refund\":true}]}")),
        new("command: reason Other without a note", Commands, [422], w => Command(w, "cancel", "{\"reason\":\"other\"}")),
        new("command: bidi override in the note", Commands, [422], w => Command(w, "cancel", "{\"reason\":\"other\",\"note\":\"ok \u202Eevil\"}")),
        new("command: negative cash collected", Commands, [422], w => Command(w, "delivery", "{\"result\":\"acceptedAll\",\"cashCollected\":-100}")),
        new("command: cash collected 1e20", Commands, [400], w => Command(w, "delivery", "{\"result\":\"acceptedAll\",\"cashCollected\":1e20}")),
        new("command: fractional cash handed over", Commands, [400], w => Command(w, "cash-handover", "{\"amount\":10.5}")),
        new("command: negative cash handed over", Commands, [422], w => Command(w, "cash-handover", "{\"amount\":-100}")),
        new("command: line id longer than 10 characters", Commands, [422], w => Command(w, "pickup", "{\"pickedUp\":[\"12345678901\"]}")),
        new("command: control characters in the courier id", Commands, [422], w => Command(w, "dispatch", "{\"courierId\":\"c1\\r\\nX-Injected: 1\"}")),
        new("command: garbled If-Match", Commands, [422], w => Command(w, "confirm", "{}", ifMatch: "\"seven\"")),
        new("command: 2 MiB body", Commands, [413], w => Command(w, "confirm", Padded("{}", TwoMiB))),
        new("command: text/plain", Commands, [415], w => Command(w, "confirm", "{}", contentType: "text/plain")),
        new("command: path traversal in the order id", Commands, [404], w => Command(w, "confirm", "{}", orderPath: $"{HardeningWorld.Own}/%2e%2e%2f%2e%2e%2fmerchants")),
        new("command: OData filter in the order id", Commands, [404], w => Command(w, "confirm", "{}", orderPath: $"{HardeningWorld.Own}/{Uri.EscapeDataString("ORD-' or ''='")}")),
        new("command: homoglyph merchant id", Commands, [404], w => Command(w, "confirm", "{}", orderPath: $"own-sh%D0%BEp/{w.OwnOrderId}")),

        // Merchant PUT (a supervisor).
        new("merchant: homoglyph id", MerchantArea, [400], w => PutMerchant(w, MerchantTemplate, "own-sh%D0%BEp")),
        new("merchant: OData filter as the id", MerchantArea, [400], w => PutMerchant(w, MerchantTemplate, Uri.EscapeDataString(OData))),
        new("merchant: path traversal as the id", MerchantArea, [400, 404], w => PutMerchant(w, MerchantTemplate, "%2e%2e%2fown-shop")),
        new("merchant: currency as a number", MerchantArea, [400], w => PutMerchant(w, Edit(MerchantTemplate, "\"EUR\"", "978"))),
        new("merchant: time zone path traversal", MerchantArea, [422], w => PutMerchant(w, Edit(MerchantTemplate, "Europe/Berlin", "../../../../etc/passwd"))),
        new("merchant: javascript status URL", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"statusUrl\":\"javascript:alert(1)\"}")),
        new("merchant: tariff above 100 %", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"tariff\":{\"deliveredValueBasisPoints\":10001}}")),
        new("merchant: negative fixed fee", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"tariff\":{\"fixedPerDeliveredOrder\":-1}}")),
        new("merchant: deadline hours 1e400", MerchantArea, [400, 422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"deadlines\":{\"confirmationHours\":1e400}}")),
        new("merchant: zero delivery attempts", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"deadlines\":{\"maxDeliveryAttempts\":0}}")),
        new("merchant: bidi override in the name", MerchantArea, [422], w => PutMerchant(w, Edit(MerchantTemplate, "Own shop", "Own \u202Epohs"))),
        new("merchant: 2 MiB body", MerchantArea, [413], w => PutMerchant(w, Padded(MerchantTemplate, TwoMiB))),
        new("merchant: text/plain", MerchantArea, [415], w => PutMerchant(w, MerchantTemplate, contentType: "text/plain")),
        new("merchant: unknown property", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"colour\":\"red\"}")),
        new("merchant: deadlines in the old TimeSpan shape", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"deadlines\":{\"confirmation\":\"02:00:00\"}}")),
        new("merchant: new merchant without a tariff", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate, "tariff-less-shop")),
        new("merchant: new merchant with half a tariff", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"tariff\":{\"fixedPerDeliveredOrder\":150}}", "half-tariff-shop")),
        new("merchant: path and body name different merchants", MerchantArea, [422], w => PutMerchant(w, MerchantTemplate[..^1] + ",\"merchantId\":\"victim-shop\"}")),

        // Finance (as finance staff): ledger adjustments, runs, statements and their files.
        new("finance: fractional adjustment amount", FinanceArea, [400], w => Send(w, HttpMethod.Post, Ledger, "{\"kind\":\"correction\",\"amount\":1.5,\"reason\":\"x\"}", Roles.Finance)),
        new("finance: adjustment amount 1e30", FinanceArea, [400], w => Send(w, HttpMethod.Post, Ledger, "{\"kind\":\"correction\",\"amount\":1e30,\"reason\":\"x\"}", Roles.Finance)),
        new("finance: adjustment without a reason", FinanceArea, [422], w => Send(w, HttpMethod.Post, Ledger, "{\"kind\":\"correction\",\"amount\":100}", Roles.Finance)),
        new("finance: adjustment of an unknown kind", FinanceArea, [400, 422], w => Send(w, HttpMethod.Post, Ledger, "{\"kind\":\"gift\",\"amount\":100,\"reason\":\"x\"}", Roles.Finance)),
        new("finance: bidi override in the adjustment reason", FinanceArea, [422], w => Send(w, HttpMethod.Post, Ledger, "{\"kind\":\"correction\",\"amount\":100,\"reason\":\"ok \u202Eevil\"}", Roles.Finance)),
        new("finance: settlement run for week 00", FinanceArea, [400, 422], w => Send(w, HttpMethod.Post, "/api/finance/settlement-runs", "{\"week\":\"2026-W00\"}", Roles.Finance)),
        new("finance: settlement run with an OData merchant", FinanceArea, [400, 404, 422], w => Send(w, HttpMethod.Post, "/api/finance/settlement-runs", "{\"week\":\"2026-W47\",\"merchantId\":\"" + OData + "\"}", Roles.Finance)),
        new("finance: payment with a date that is not a date", FinanceArea, [400], w => Send(w, HttpMethod.Post, Settlements + "/2026-W47/payment", "{\"bankReference\":\"B-1\",\"paidOn\":\"yesterday\"}", Roles.Finance)),
        new("finance: week 2026-W99", FinanceArea, [400, 404], w => Get(w, Settlements + "/2026-W99", Roles.Finance)),
        new("finance: path traversal as the week", FinanceArea, [400, 404], w => Get(w, Settlements + "/%2e%2e%2f%2e%2e%2f2026-W47", Roles.Finance)),
        new("finance: file format exe", FinanceArea, [400, 404], w => Get(w, Settlements + "/2026-W47/files/exe", Roles.Finance)),
        new("finance: invoice month 2026-13", FinanceArea, [400, 404], w => Get(w, "/api/finance/merchants/" + HardeningWorld.Own + "/invoices/2026-13", Roles.Finance)),

        // Stock (as warehouse staff).
        new("stock: negative receipt", StockArea, [422], w => Send(w, HttpMethod.Post, Stock + "/SKU-1/receipts", "{\"quantity\":-5}", Roles.Warehouse)),
        new("stock: fractional receipt", StockArea, [400], w => Send(w, HttpMethod.Post, Stock + "/SKU-1/receipts", "{\"quantity\":1.5}", Roles.Warehouse)),
        new("stock: receipt 1e30", StockArea, [400], w => Send(w, HttpMethod.Post, Stock + "/SKU-1/receipts", "{\"quantity\":1e30}", Roles.Warehouse)),
        new("stock: negative count", StockArea, [422], w => Send(w, HttpMethod.Post, Stock + "/SKU-1/counts", "{\"counted\":-1}", Roles.Warehouse)),
        new("stock: OData filter as the SKU matches nothing", StockArea, [404], w => Get(w, Stock + "/" + Uri.EscapeDataString(OData), Roles.Warehouse)),
        new("stock: zero-width joiner in the SKU", StockArea, [400, 404, 422], w => Send(w, HttpMethod.Post, Stock + "/SKU%E2%80%8D-1/receipts", "{\"quantity\":1}", Roles.Warehouse)),
        new("own: zero-width space in the SKU", Webhook, [422], w => Own(w, Edit(OwnTemplate, "SKU-1", "SKU\u200B-1"))),
        new("own: soft hyphen in the external id", Webhook, [422], w => Own(w, Edit(OwnTemplate, "H-1", "H\u00AD-1"))),
        new("stock: bidi isolate in the SKU", StockArea, [400, 404, 422], w => Send(w, HttpMethod.Post, Stock + "/SKU%E2%81%A6-1/receipts", "{\"quantity\":1}", Roles.Warehouse)),
        new("stock: return of 10,000 lines", StockArea, [400, 404, 422], w => Send(w, HttpMethod.Post, Stock + "/returns",
            "{\"orderId\":\"" + w.OwnOrderId + "\",\"lines\":[" + string.Join(',', Enumerable.Repeat("{\"lineId\":\"1\",\"quantity\":1}", 10_000)) + "]}", Roles.Warehouse)),
        new("stock: availability page size 100000", StockArea, [400], w => Get(w, "/api/merchants/" + HardeningWorld.Own + "/availability?pageSize=100000", Roles.Merchant, HardeningWorld.Own)),
        new("stock: changedSince that is not a time", StockArea, [400], w => Get(w, "/api/merchants/" + HardeningWorld.Own + "/availability?changedSince=yesterday", Roles.Merchant, HardeningWorld.Own)),

        // Customers (as the merchant owner or an operator).
        new("customers: OData filter as the phone prefix", CustomerArea, [400, 422], w => Send(w, HttpMethod.Post, Customers + "/search", "{\"phone\":\"" + OData + "\"}", Roles.Operator)),
        new("customers: search page size 100000", CustomerArea, [400, 422], w => Send(w, HttpMethod.Post, Customers + "/search", "{\"name\":\"a\",\"pageSize\":100000}", Roles.Operator)),
        new("customers: 10,000 tags", CustomerArea, [400, 404, 422], w => Send(w, HttpMethod.Put, Customers + "/C-1/tags",
            "{\"tags\":[" + string.Join(',', Enumerable.Repeat("\"vip\"", 10_000)) + "]}", Roles.Merchant, HardeningWorld.Own)),
        new("customers: OData filter as the customer id", CustomerArea, [400, 404], w => Get(w, Customers + "/" + Uri.EscapeDataString(OData), Roles.Merchant, HardeningWorld.Own)),
        new("customers: call outcome unknown", CustomerArea, [400, 404], w => Send(w, HttpMethod.Post, Customers + "/C-1/calls", "{\"outcome\":\"bribed\"}", Roles.Operator)),

        // KPI queries.
        new("kpi: unknown period", KpiArea, [400], w => Get(w, Kpi + "?period=fortnight", Roles.Merchant, HardeningWorld.Own)),
        new("kpi: month 13", KpiArea, [400], w => Get(w, Kpi + "?from=2026-13-01&to=2026-12-31", Roles.Merchant, HardeningWorld.Own)),
        new("kpi: range ending before it starts", KpiArea, [400, 422], w => Get(w, Kpi + "?from=2026-11-30&to=2026-11-01", Roles.Merchant, HardeningWorld.Own)),
        new("kpi: unknown view", KpiArea, [400], w => Get(w, Kpi + "?view=" + Uri.EscapeDataString(OData), Roles.Merchant, HardeningWorld.Own)),
        new("kpi: OData filter as the currency", KpiArea, [400, 404], w => Get(w, "/api/kpi/totals/" + Uri.EscapeDataString(OData) + "/indicators", Roles.Supervisor)),

        // Query parameters.
        new("query: OData filter as the work-queue merchantId", Queries, [400], w => Get(w, "/api/work/Confirmation?merchantId=" + Uri.EscapeDataString(OData))),
        new("query: path traversal as the stage", Queries, [400, 404], w => Get(w, "/api/work/%2e%2e%2forders")),
        new("query: numeric stage", Queries, [400], w => Get(w, "/api/work/4")),
        new("query: terminal stage", Queries, [400], w => Get(w, "/api/work/Delivered")),
        new("query: page size 100000", Queries, [400], w => Get(w, "/api/work/Confirmation?pageSize=100000")),
        new("query: negative page size", Queries, [400], w => Get(w, "/api/work/Confirmation?pageSize=-1")),
        new("query: page size not a number", Queries, [400], w => Get(w, "/api/work/Confirmation?pageSize=ten")),
        new("query: OData filter as the merchant of the order list", Queries, [400, 403, 404], w => Get(w, $"/api/merchants/{Uri.EscapeDataString(OData)}/orders")),

        // Raw socket: bytes HttpClient refuses to send.
        new("raw: LF smuggles a second signature header", Socket, [400, 401], Raw: w => RawOwn(w, (sig, id, ts) => [$"webhook-id: {id}", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}\nwebhook-signature: {sig}"]), ServerMayRefuse: true),
        new("raw: signature header line sent twice", Socket, [401], Raw: w => RawOwn(w, (sig, id, ts) => [$"webhook-id: {id}", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}", $"webhook-signature: {sig}"])),
        new("raw: CR inside a header value", Socket, [400], Raw: w => RawOwn(w, (sig, id, ts) => [$"webhook-id: {id}\rX-Injected: 1", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}"]), ServerMayRefuse: true),
        new("raw: obsolete line folding in the signature", Socket, [400], Raw: w => RawOwn(w, (sig, id, ts) => [$"webhook-id: {id}", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}", $" {sig}"]), ServerMayRefuse: true),
        new("raw: NUL inside a header value", Socket, [400], Raw: w => RawOwn(w, (sig, id, ts) => [$"webhook-id: {id}\0", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}"]), ServerMayRefuse: true),
        new("raw: non-ASCII bytes in the webhook id", Socket, [400, 401], Raw: w => RawOwn(w, (sig, _, ts) => ["webhook-id: m\u00e9sg", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}"]), ServerMayRefuse: true),
        new("raw: header name with a space before the colon", Socket, [400], Raw: w => RawOwn(w, (sig, id, ts) => [$"webhook-id : {id}", $"webhook-timestamp: {ts}", $"webhook-signature: {sig}"]), ServerMayRefuse: true),
    ];

    public static IReadOnlyDictionary<string, HostileCase> ByName { get; } = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static void StandardHeaders(HttpRequestMessage request, long timestamp, string signature)
    {
        request.Headers.Add("webhook-id", "msg_hostile");
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
    }

    /// <summary>A correctly signed own-format order whose headers are written by <paramref name="headers"/> (signature, id, timestamp).</summary>
    private static RawRequest RawOwn(HardeningWorld world, Func<string, string, string, string[]> headers)
    {
        var body = Encoding.UTF8.GetBytes(Edit(OwnTemplate, "H-1", "RAW-1"));
        var ts = world.Host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = StandardSignature(ts, body, "msg_raw");
        string[] lines = ["Content-Type: application/json", .. headers(signature, "msg_raw", ts.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return RawHttp.Request("POST", $"/api/webhooks/{HardeningWorld.Own}/orders", world.BaseAddress, lines, body);
    }
}
