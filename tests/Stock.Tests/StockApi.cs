using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Stock.Tests;

/// <summary>HTTP helpers over the real host: stock entries and the order commands that move stock.</summary>
internal static class StockApi
{
    public static async Task<string> PlaceAsync(BackofficeHost host, string merchantId, string externalId, params (string Sku, int Qty, long Price, bool InWarehouse)[] lines)
    {
        var response = await host.PostOrderAsync(merchantId, BackofficeHost.OrderJson(externalId, lines: lines));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return OrderIds.For(merchantId, externalId);
    }

    public static async Task ReceiveAsync(BackofficeHost host, string merchantId, string sku, int quantity)
    {
        var response = await host.As(Roles.Warehouse).PostAsJsonAsync($"/api/merchants/{merchantId}/stock/{sku}/receipts", new { quantity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> CommandAsync(BackofficeHost host, string role, string merchantId, string orderId, string command, object body) =>
        await host.As(role).PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/{command}", body);

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await BackofficeHost.JsonAsync(response);
    }

    public static async Task<JsonElement> BalanceAsync(BackofficeHost host, string merchantId, string sku) =>
        await OkAsync(await host.As(Roles.Warehouse).GetAsync($"/api/merchants/{merchantId}/stock/{sku}"));

    public static async Task<string> StageAsync(BackofficeHost host, string merchantId, string orderId) =>
        (await OkAsync(await host.As(Roles.Supervisor).GetAsync($"/api/orders/{merchantId}/{orderId}"))).GetProperty("stage").GetString()!;

    public static (int OnHand, int Reserved, int Available) Level(JsonElement balance) =>
        (balance.GetProperty("onHand").GetInt32(), balance.GetProperty("reserved").GetInt32(), balance.GetProperty("available").GetInt32());
}
