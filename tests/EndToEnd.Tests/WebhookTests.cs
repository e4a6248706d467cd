using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_redelivered_webhook_gets_the_same_reference_and_creates_one_order()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = BackofficeHost.OrderJson("7001");

        var first = await host.PostOrderAsync("shop-one", json, id: "msg_1");
        var same = await host.PostOrderAsync("shop-one", json, id: "msg_1");
        var replayedUnderNewId = await host.PostOrderAsync("shop-one", json, id: "msg_2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayedUnderNewId.StatusCode);
        var ids = await Task.WhenAll(new[] { first, same, replayedUnderNewId }.Select(async r => (await BackofficeHost.JsonAsync(r)).GetProperty("orderId").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Single((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
        Assert.Equal(2, (await host.Service<OrderStore>().EventsAsync("shop-one", ids[0]!)).Count);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_order_create_it_once()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = BackofficeHost.OrderJson("7002");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.PostOrderAsync("shop-one", json)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Single((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("stale-timestamp")]
    [InlineData("future-timestamp")]
    [InlineData("tampered-body")]
    [InlineData("missing-signature")]
    [InlineData("duplicated-signature-header")]
    public async Task A_badly_signed_webhook_is_refused_with_401_and_stores_nothing(string defect)
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var body = Encoding.UTF8.GetBytes(BackofficeHost.OrderJson("7003"));
        var now = host.Clock.GetUtcNow();
        var timestamp = defect switch
        {
            "stale-timestamp" => now.AddMinutes(-6),
            "future-timestamp" => now.AddMinutes(6),
            _ => now,
        };
        var signature = WebhookSignatures.SignStandard(defect == "wrong-secret" ? WebhookSignatures.NewSecret() : BackofficeHost.Secret, "msg_x", timestamp.ToUnixTimeSeconds(), body);
        var sent = defect == "tampered-body" ? Encoding.UTF8.GetBytes(BackofficeHost.OrderJson("7003").Replace("1000", "1", StringComparison.Ordinal)) : body;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shop-one/orders") { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", "msg_x");
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (defect != "missing-signature")
        {
            request.Headers.Add("webhook-signature", signature);
        }

        if (defect == "duplicated-signature-header")
        {
            request.Headers.Add("webhook-signature", signature);
        }

        var response = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
        Assert.IsType<NoOrder>((await host.Service<OrderStore>().LoadAsync("shop-one", OrderIds.For("shop-one", "7003"))).State);
    }

    [Fact]
    public async Task During_rotation_both_secrets_are_accepted()
    {
        await using var host = new BackofficeHost(azurite);
        var next = WebhookSignatures.NewSecret();
        await host.AddMerchantAsync(secondSecret: next);

        Assert.Equal(HttpStatusCode.Created, (await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("7004"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("7005"), secret: next)).StatusCode);
    }

    [Fact]
    public async Task Rotating_a_secret_keeps_the_previous_one_valid_and_drops_the_one_before()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var supervisor = host.As(Roles.Supervisor);

        var first = (await BackofficeHost.JsonAsync(await supervisor.PostAsync("/api/merchants/shop-one/webhook-secrets", null))).GetProperty("secret").GetString()!;
        var second = (await BackofficeHost.JsonAsync(await supervisor.PostAsync("/api/merchants/shop-one/webhook-secrets", null))).GetProperty("secret").GetString()!;

        Assert.Equal(HttpStatusCode.Created, (await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("7006"), secret: second)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("7007"), secret: first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("7008"))).StatusCode);
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest, "$")]
    [InlineData("{\"externalOrderId\": 5}", HttpStatusCode.BadRequest, "$.externalOrderId")]
    [InlineData("{\"externalOrderId\": \"a\", \"externalOrderId\": \"b\"}", HttpStatusCode.BadRequest, null)]
    [InlineData("[]", HttpStatusCode.BadRequest, null)]
    [InlineData("{\"externalOrderId\": \"x\", \"currency\": \"USD\", \"payment\": \"cashOnDelivery\", \"customer\": {\"name\": \"A\", \"phone\": \"123\", \"address\": {\"line1\": \"a\", \"city\": \"b\", \"country\": \"DE\"}}, \"lines\": [{\"sku\": \"s\", \"name\": \"n\", \"quantity\": 0, \"unitPrice\": -1}]}", HttpStatusCode.UnprocessableEntity, "lines[0].quantity")]
    public async Task A_malformed_or_invalid_order_is_refused_with_field_paths_and_stores_nothing(string json, HttpStatusCode expected, string? field)
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();

        var response = await host.PostOrderAsync("shop-one", json);

        Assert.Equal(expected, response.StatusCode);
        var problem = await BackofficeHost.JsonAsync(response);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Empty((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
    }

    [Fact]
    public async Task Validation_reports_every_bad_field_at_once()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = "{\"externalOrderId\": \"x\", \"currency\": \"USD\", \"payment\": \"barter\", \"customer\": {\"name\": \"A\u202Eevil\", \"phone\": \"123\", \"address\": {\"line1\": \"a\", \"city\": \"b\", \"country\": \"Germany\"}}, \"lines\": [{\"sku\": \"s\", \"name\": \"n\", \"quantity\": 1, \"unitPrice\": 10, \"inWarehouse\": false}]}";

        var problem = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", json));
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "currency", "payment", "customer.name", "customer.phone", "customer.address.country", "lines[0].supplierId" }, errors);
    }

    [Fact]
    public async Task Oversized_bodies_unknown_merchants_and_wrong_media_types_are_refused()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();

        var huge = await host.PostOrderAsync("shop-one", "{\"pad\": \"" + new string('x', 1024 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await host.PostOrderAsync("no-such-shop", BackofficeHost.OrderJson("1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PostOrderAsync("Bad..Id", BackofficeHost.OrderJson("1"))).StatusCode);

        var body = Encoding.UTF8.GetBytes(BackofficeHost.OrderJson("7009"));
        var ts = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/shop-one/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        request.Headers.Add("webhook-id", "m");
        request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(BackofficeHost.Secret, "m", ts, body));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.CreateClient().SendAsync(request)).StatusCode);
        Assert.Empty((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
    }

    [Fact]
    public async Task A_shopify_order_is_accepted_with_its_hmac_and_mapped_to_minor_units()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = """
        {"id": 820982911946154508, "name": "#1001", "currency": "EUR", "financial_status": "pending",
         "payment_gateway_names": ["Cash on Delivery (COD)"], "email": "bob@example.com", "phone": "+4915199988877",
         "shipping_address": {"name": "Bob Norman", "address1": "Chestnut 1", "city": "Berlin", "zip": "10115", "country_code": "DE"},
         "line_items": [{"id": 1, "sku": "IPOD-1", "title": "IPod Nano", "quantity": 2, "price": "199.99"},
                        {"id": 2, "sku": "CASE-1", "title": "Case", "quantity": 1, "price": "9.50", "properties": [{"name": "_supplier", "value": "acme"}]}],
         "shipping_lines": [{"price": "4.90"}]}
        """;
        var body = Encoding.UTF8.GetBytes(json);

        var response = await Send(host, "/api/webhooks/shop-one/shopify", body, "X-Shopify-Hmac-Sha256", WebhookSignatures.SignBody(BackofficeHost.Secret, body));
        var bad = await Send(host, "/api/webhooks/shop-one/shopify", body, "X-Shopify-Hmac-Sha256", WebhookSignatures.SignBody("other", body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        var orderId = (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
        var order = (PlacedOrder)(await host.Service<OrderStore>().LoadAsync("shop-one", orderId)).State;
        Assert.Equal("820982911946154508", order.Draft.ExternalOrderId);
        Assert.Equal(PaymentMethod.CashOnDelivery, order.Draft.Payment);
        Assert.Equal([19999L, 950L], order.Lines.Select(l => l.Line.UnitPrice));
        Assert.Equal(490, order.Draft.DeliveryFee);
        Assert.False(order.Lines[1].Line.InWarehouse);
        Assert.Equal("acme", order.Lines[1].Line.SupplierId);
    }

    [Fact]
    public async Task A_woocommerce_order_is_accepted_with_its_signature()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = """
        {"id": 727, "currency": "EUR", "payment_method": "cod", "set_paid": false,
         "billing": {"first_name": "John", "last_name": "Doe", "address_1": "969 Market", "city": "Berlin", "postcode": "10115", "country": "DE", "email": "john@example.com", "phone": "+49 151 5555 1234"},
         "shipping": {"first_name": "John", "last_name": "Doe", "address_1": "969 Market", "city": "Berlin", "postcode": "10115", "country": "DE"},
         "line_items": [{"id": 315, "name": "Woo Single #1", "sku": "W-1", "quantity": 2, "price": 21.99}],
         "shipping_total": "10.00"}
        """;
        var body = Encoding.UTF8.GetBytes(json);

        var response = await Send(host, "/api/webhooks/shop-one/woocommerce", body, "X-WC-Webhook-Signature", WebhookSignatures.SignBody(BackofficeHost.Secret, body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var orderId = (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
        var order = (PlacedOrder)(await host.Service<OrderStore>().LoadAsync("shop-one", orderId)).State;
        Assert.Equal((2199L, 1000L, "+4915155551234"), (order.Lines[0].Line.UnitPrice, order.Draft.DeliveryFee, order.Draft.Customer.Phone));
    }

    private static Task<HttpResponseMessage> Send(BackofficeHost host, string path, byte[] body, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(header, value);
        return host.CreateClient().SendAsync(request);
    }
}
