using Backoffice.Core.Common;
using Backoffice.Testing;
using Xunit;
using static Backoffice.Customers.Tests.CustomerApi;

namespace Backoffice.Customers.Tests;

/// <summary>The confirmation queue tells an operator who to call before they open the order (issue 14, item 3).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkQueueRowTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";

    [Fact]
    public async Task A_work_queue_row_names_the_customer_phone_city_value_payment_refusal_risk_and_the_merchants_time_zone()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync(Shop);
        foreach (var external in new[] { "r1", "r2" })
        {
            await FinishAsync(host, Shop, await PlaceAsync(host, Shop, external), refused: true);
        }

        var cod = await PlaceAsync(host, Shop, "next-cod");
        var prepaid = await PlaceAsync(host, Shop, "next-prepaid", payment: "prepaid");

        var items = (await OkAsync(await host.As(Roles.Operator).GetAsync($"/api/work/confirmation?merchantId={Shop}"))).GetProperty("items").EnumerateArray().ToList();

        var risky = Assert.Single(items, i => i.GetProperty("orderId").GetString() == cod);
        Assert.Equal(
            ("Anna Schmidt", "+4915112345678", "Berlin", 2500L, "EUR", "cashOnDelivery", true, "Europe/Berlin"),
            (risky.GetProperty("customerName").GetString(), risky.GetProperty("phone").GetString(), risky.GetProperty("city").GetString(),
             risky.GetProperty("orderValue").GetInt64(), risky.GetProperty("currency").GetString(), risky.GetProperty("payment").GetString(),
             risky.GetProperty("highRefusalRisk").GetBoolean(), risky.GetProperty("timeZone").GetString()));
        var safe = Assert.Single(items, i => i.GetProperty("orderId").GetString() == prepaid);
        Assert.Equal(("prepaid", false), (safe.GetProperty("payment").GetString(), safe.GetProperty("highRefusalRisk").GetBoolean()));
    }

    [Fact]
    public async Task The_order_detail_names_the_merchants_time_zone()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync(Shop);
        var order = await PlaceAsync(host, Shop, "1001");

        var detail = await OkAsync(await host.As(Roles.Operator).GetAsync($"/api/orders/{Shop}/{order}"));

        Assert.Equal("Europe/Berlin", detail.GetProperty("timeZone").GetString());
    }
}
