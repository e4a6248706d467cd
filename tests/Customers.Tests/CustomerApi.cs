using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Customers.Tests;

/// <summary>HTTP helpers: orders from a given person through the signed webhook, and the commands that end them.</summary>
internal static class CustomerApi
{
    public static async Task<string> PlaceAsync(
        BackofficeHost host, string merchantId, string externalId, string name = "Anna Schmidt", string phone = "+49 151 1234 5678",
        string? email = "anna@example.com", string payment = "cashOnDelivery")
    {
        var json = JsonSerializer.Serialize(new
        {
            externalOrderId = externalId,
            currency = "EUR",
            payment,
            deliveryFee = 500,
            customer = new { name, phone, email, address = new { line1 = "Main street 1", city = "Berlin", postalCode = "10115", country = "DE" } },
            lines = new[] { new { sku = "SKU-1", name = "Shirt", quantity = 1, unitPrice = 2000, inWarehouse = true } },
        });
        var response = await host.PostOrderAsync(merchantId, json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return OrderIds.For(merchantId, externalId);
    }

    /// <summary>Confirm (stock received first, so the order goes to packing), pack, dispatch, and the door outcome.</summary>
    public static async Task FinishAsync(BackofficeHost host, string merchantId, string orderId, bool refused)
    {
        await OkAsync(await host.As(Roles.Warehouse).PostAsJsonAsync($"/api/merchants/{merchantId}/stock/SKU-1/receipts", new { quantity = 1 }));
        await OkAsync(await host.As(Roles.Operator).PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/confirm", new { }));
        await OkAsync(await host.As(Roles.Warehouse).PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/pack", new { }));
        await OkAsync(await host.As(Roles.Courier).PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/dispatch", new { courierId = "c-1" }));
        object delivery = refused ? new { result = "refused" } : new { result = "acceptedAll", cashCollected = 2500 };
        await OkAsync(await host.As(Roles.Courier).PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/delivery", delivery));
    }

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await BackofficeHost.JsonAsync(response);
    }

    public static async Task<JsonElement> BriefAsync(BackofficeHost host, string merchantId, string orderId) =>
        await OkAsync(await host.As(Roles.Operator).GetAsync($"/api/merchants/{merchantId}/customers/by-order/{orderId}"));

    public static async Task<JsonElement[]> SearchAsync(BackofficeHost host, string role, string merchantId, object query) =>
        (await OkAsync(await host.As(role, role == Roles.Merchant ? merchantId : null).PostAsJsonAsync($"/api/merchants/{merchantId}/customers/search", query)))
            .GetProperty("items").EnumerateArray().ToArray();
}
