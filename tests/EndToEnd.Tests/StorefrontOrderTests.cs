using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>What a storefront says about an order — its own name, the customer's note, the variant, the phone as typed — is kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorefrontOrderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_shopify_order_keeps_its_name_note_and_variants_and_is_found_by_its_name()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = """
        {"id": 5551047, "name": "#1047", "note": "Call an hour before delivery", "currency": "EUR", "financial_status": "pending",
         "payment_gateway_names": ["Cash on Delivery (COD)"], "phone": "0171 1234567",
         "billing_address": {"country_code": "DE"},
         "shipping_address": {"name": "Bob Norman", "address1": "Chestnut 1", "city": "Berlin", "zip": "10115", "country_code": "DE"},
         "line_items": [{"id": 1, "sku": "HOOD-M-GR", "title": "Hoodie", "variant_title": "M / Graphite", "name": "Hoodie - M / Graphite", "quantity": 1, "price": "49.00"},
                        {"id": 2, "sku": "CAP-L", "title": "Cap", "variant_title": "L", "quantity": 1, "price": "15.00"},
                        {"id": 3, "sku": "SOCK", "title": "Socks", "variant_title": "Default Title", "quantity": 1, "price": "5.00"}]}
        """;

        var orderId = await AcceptedAsync(await SendAsync(host, "shopify", json));

        var view = await GetAsync(host.As(Roles.Operator), $"/api/orders/shop-one/{orderId}");
        Assert.Equal(("#1047", "Call an hour before delivery"), (view.GetProperty("displayName").GetString(), view.GetProperty("note").GetString()));
        Assert.Equal(["Hoodie - M / Graphite", "Cap - L", "Socks"], view.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal("+491711234567", view.GetProperty("customer").GetProperty("phone").GetString());

        var queue = await GetAsync(host.As(Roles.Operator), "/api/work/confirmation?merchantId=shop-one");
        Assert.Equal("#1047", Assert.Single(queue.GetProperty("items").EnumerateArray()).GetProperty("displayName").GetString());

        foreach (var typed in new[] { "#1047", "1047", " #1047 " })
        {
            var found = await GetAsync(host.As(Roles.Merchant, "shop-one"), $"/api/merchants/shop-one/orders?displayName={Uri.EscapeDataString(typed)}");
            var item = Assert.Single(found.GetProperty("items").EnumerateArray());
            Assert.Equal((orderId, "#1047"), (item.GetProperty("orderId").GetString(), item.GetProperty("displayName").GetString()));
        }

        var none = await GetAsync(host.As(Roles.Merchant, "shop-one"), "/api/merchants/shop-one/orders?displayName=%231048");
        Assert.Empty(none.GetProperty("items").EnumerateArray());
        var listed = Assert.Single((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
        Assert.Equal((orderId, "#1047"), (listed.OrderId, listed.DisplayName));
    }

    [Fact]
    public async Task A_woocommerce_order_keeps_its_number_note_and_variation_attributes()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = """
        {"id": 727, "number": "1047", "customer_note": "Leave at the neighbour's", "currency": "EUR", "payment_method": "cod", "set_paid": false,
         "billing": {"first_name": "Aigerim", "last_name": "Sarsen", "address_1": "Abay 10", "city": "Almaty", "country": "KZ", "phone": "8 701 123 45 67"},
         "shipping": {"first_name": "Aigerim", "last_name": "Sarsen", "address_1": "Abay 10", "city": "Almaty", "country": "KZ"},
         "line_items": [{"id": 315, "name": "Hoodie", "sku": "HOOD-M-GR", "quantity": 1, "price": 49, "variation_id": 901,
                         "meta_data": [{"key": "pa_size", "value": "m", "display_value": "M"}, {"key": "pa_color", "value": "graphite", "display_value": "Graphite"}, {"key": "_reduced_stock", "value": "1"}]},
                        {"id": 316, "name": "Cap - L", "sku": "CAP-L", "quantity": 1, "price": "15.00", "variation_id": 902, "meta_data": [{"key": "size", "value": "L"}]}],
         "shipping_total": "0"}
        """;

        var orderId = await AcceptedAsync(await SendAsync(host, "woocommerce", json));

        var order = (PlacedOrder)(await host.Service<OrderStore>().LoadAsync("shop-one", orderId)).State;
        Assert.Equal(("#1047", "Leave at the neighbour's", "+77011234567"), (order.Draft.DisplayName, order.Draft.Note, order.Draft.Customer.Phone));
        Assert.Equal(["Hoodie - M / Graphite", "Cap - L"], order.Lines.Select(l => l.Line.Name));
    }

    [Fact]
    public async Task A_customer_note_written_on_several_lines_is_kept_with_its_line_breaks_and_other_control_characters_are_still_refused()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        string Order(string id, string note) => JsonSerializer.Serialize(new
        {
            externalOrderId = id, note, currency = "EUR", payment = "prepaid",
            customer = new { name = "Anna", phone = "+49 151 1234 5678", address = new { line1 = "Main 1", city = "Berlin", country = "DE" } },
            lines = new[] { new { sku = "S", name = "Shirt", quantity = 1, unitPrice = 1000 } },
        });

        var orderId = await AcceptedAsync(await host.PostOrderAsync("shop-one", Order("ml-1", "Позвонить за час\r\nДомофон 12\tкв. 5")));
        var bell = await host.PostOrderAsync("shop-one", Order("ml-2", "Ring\u0007twice"));

        var order = (PlacedOrder)(await host.Service<OrderStore>().LoadAsync("shop-one", orderId)).State;
        Assert.Equal("Позвонить за час\nДомофон 12\tкв. 5", order.Draft.Note);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bell.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(bell)).GetProperty("errors").TryGetProperty("note", out _));
    }

    [Fact]
    public async Task Our_own_format_keeps_an_optional_display_name_and_note()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var with = JsonSerializer.Serialize(new
        {
            externalOrderId = "own-1", displayName = "SO-2026-0042", note = "Ring twice", currency = "EUR", payment = "prepaid",
            customer = new { name = "Anna", phone = "+49 151 1234 5678", address = new { line1 = "Main 1", city = "Berlin", country = "DE" } },
            lines = new[] { new { sku = "S", name = "Shirt", quantity = 1, unitPrice = 1000 } },
        });

        var withId = await AcceptedAsync(await host.PostOrderAsync("shop-one", with));
        var withoutId = await AcceptedAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("own-2")));

        var kept = await GetAsync(host.As(Roles.Operator), $"/api/orders/shop-one/{withId}");
        Assert.Equal(("SO-2026-0042", "Ring twice"), (kept.GetProperty("displayName").GetString(), kept.GetProperty("note").GetString()));
        var plain = await GetAsync(host.As(Roles.Operator), $"/api/orders/shop-one/{withoutId}");
        Assert.False(plain.TryGetProperty("displayName", out var none) && none.ValueKind != JsonValueKind.Null, plain.ToString());
        var found = await GetAsync(host.As(Roles.Operator), "/api/merchants/shop-one/orders?displayName=so-2026-0042");
        Assert.Equal(withId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("orderId").GetString());
    }

    [Theory]
    [InlineData("woocommerce", """{"id": 9, "currency": "EUR", "payment_method": "cod", "billing": {"first_name": "I", "last_name": "P", "address_1": "Lenina 1", "city": "Perm", "country": "RU", "phone": "8 912 345-67"}, "line_items": [{"id": 1, "name": "N", "sku": "S", "quantity": 1, "price": "1.00"}]}""", "billing.phone")]
    [InlineData("shopify", """{"id": 9, "currency": "EUR", "phone": "0171 12", "shipping_address": {"name": "B", "address1": "A 1", "city": "Berlin", "country_code": "DE"}, "line_items": [{"id": 1, "sku": "S", "title": "T", "quantity": 1, "price": "1.00"}]}""", "phone")]
    [InlineData("shopify", """{"id": 9, "currency": "EUR", "shipping_address": {"name": "B", "address1": "A 1", "city": "Berlin", "country_code": "DE", "phone": "12"}, "line_items": [{"id": 1, "sku": "S", "title": "T", "quantity": 1, "price": "1.00"}]}""", "shipping_address.phone")]
    public async Task A_phone_that_is_not_valid_for_the_orders_country_is_a_422_with_its_field_path(string format, string json, string field)
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();

        var response = await SendAsync(host, format, json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await BackofficeHost.JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.Contains("valid phone number", messages[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 50, null)).Items);
    }

    [Fact]
    public async Task A_russian_stores_woocommerce_order_with_a_national_phone_is_accepted_in_E164()
    {
        await using var host = new BackofficeHost(azurite);
        var created = await host.As(Roles.Supervisor).PutAsJsonAsync("/api/merchants/shop-ru",
            new { name = "Магазин", currency = "RUB", timeZone = "Europe/Moscow", region = "ru", tariff = new { fixedPerDeliveredOrder = 0, deliveredValueBasisPoints = 0, cashHandledBasisPoints = 0 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await BackofficeHost.JsonAsync(created)).GetProperty("webhookSecret").GetString()!;
        Assert.Equal("RU", (await GetAsync(host.As(Roles.Supervisor), "/api/merchants/shop-ru")).GetProperty("region").GetString());

        // The trial's order: billing country RU, phone as buyers in this market type it.
        var json = """
        {"id": 3101, "number": "3101", "currency": "RUB", "payment_method": "cod", "set_paid": false,
         "billing": {"first_name": "Ирина", "last_name": "Петрова", "address_1": "ул. Ленина, 1", "city": "Пермь", "country": "RU", "phone": "8 912 345-67-89"},
         "line_items": [{"id": 1, "name": "Платье", "sku": "DRESS-1", "quantity": 1, "price": "2490.00"}]}
        """;
        var orderId = await AcceptedAsync(await SendAsync(host, "woocommerce", json, "shop-ru", secret));

        var order = (PlacedOrder)(await host.Service<OrderStore>().LoadAsync("shop-ru", orderId)).State;
        Assert.Equal("+79123456789", order.Draft.Customer.Phone);
    }

    [Fact]
    public async Task A_merchant_region_must_be_a_dialling_region()
    {
        await using var host = new BackofficeHost(azurite);

        var refused = await host.As(Roles.Supervisor).PutAsJsonAsync("/api/merchants/shop-xx", new { name = "X", currency = "EUR", region = "XX" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(refused)).GetProperty("errors").TryGetProperty("region", out _));
    }

    private static async Task<string> AcceptedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await BackofficeHost.JsonAsync(response);
    }

    private static Task<HttpResponseMessage> SendAsync(BackofficeHost host, string format, string json, string merchantId = "shop-one", string secret = BackofficeHost.Secret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{merchantId}/{format}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(format == "shopify" ? "X-Shopify-Hmac-Sha256" : "X-WC-Webhook-Signature", WebhookSignatures.SignBody(secret, body));
        return host.CreateClient().SendAsync(request);
    }
}
