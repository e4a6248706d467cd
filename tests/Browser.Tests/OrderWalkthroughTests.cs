using System.Net.Http.Json;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class OrderWalkthroughTests(ConsoleRun run)
{
    [Fact]
    public Task An_order_from_a_webhook_is_confirmed_picked_up_packed_and_delivered_with_cash_in_the_browser() =>
        run.StepsAsync(nameof(An_order_from_a_webhook_is_confirmed_picked_up_packed_and_delivered_with_cash_in_the_browser), async () =>
    {
        const string merchant = "walk-shop";
        await run.Host.AddMerchantAsync(merchant);
        var webhook = await run.Host.PostOrderAsync(merchant, BackofficeHost.OrderJson("WALK-1", lines: [("SKU-A", 2, 1250, true), ("SKU-B", 1, 3000, false)]));
        webhook.EnsureSuccessStatusCode();
        var orderId = OrderIds.For(merchant, "WALK-1");

        // The call-centre operator finds it in the confirmation queue and confirms it.
        var page = await run.NewPageAsync();
        await page.GotoAsync($"work/confirmation?merchant={merchant}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await page.ScreenshotAsync("sign-in");
        await page.SignInAsync("Call-centre operator", returnUrl: $"/work/confirmation?merchant={merchant}");
        var link = page.GetByTestId("work-order").Filter(new() { HasText = orderId });
        await link.WaitForAsync();
        Assert.Matches(@"^Times in Europe/Berlin \(UTC\+0[12]:00\)$", (await page.GetByTestId("time-zones").InnerTextAsync()).Trim());
        await page.ScreenshotAsync("work-queue");
        await link.ClickAsync();
        await page.ExpectStageAsync("Confirmation");
        await page.GetByTestId("timeline").WaitForAsync();
        Assert.Matches(@"^Times in Europe/Berlin \(UTC\+0[12]:00\)$", (await page.GetByTestId("time-zone").InnerTextAsync()).Trim());
        await page.ScreenshotAsync("order-detail");
        await page.PressAsync("Confirm order");
        await page.ExpectNoticeAsync("Order confirmed.");
        await page.ExpectStageAsync("Supplier pickup");

        // The warehouse records the supplier pickup and packs the parcel.
        var warehouse = page;
        await warehouse.SignInAsync("Warehouse / purchasing", returnUrl: $"/orders/{merchant}/{orderId}");
        await warehouse.ExpectStageAsync("Supplier pickup");
        await warehouse.PressAsync("Record pickup");
        await warehouse.ExpectNoticeAsync("Pickup recorded.");
        await warehouse.ExpectStageAsync("Packing");
        await warehouse.PressAsync("Record packing");
        await warehouse.ExpectNoticeAsync("Packing recorded.");
        await warehouse.ExpectStageAsync("Delivery");

        // The courier takes it out, delivers it, collects the cash and hands it over.
        var courier = page;
        await courier.SignInAsync("Courier", returnUrl: $"/work/delivery?merchant={merchant}");
        await courier.GetByTestId("work-order").Filter(new() { HasText = orderId }).ClickAsync();
        await courier.TypeIntoAsync("courier", "courier-7");
        await courier.PressAsync("Out for delivery");
        await courier.ExpectNoticeAsync("Out for delivery.");
        await courier.PressAsync("Record delivery");
        await courier.ExpectNoticeAsync("Delivery recorded.");
        await courier.ExpectStageAsync("Delivered");
        await courier.PressAsync("Record cash handover");
        await courier.ExpectNoticeAsync("Cash handover recorded.");
        await courier.ScreenshotAsync("order-delivered");

        Assert.Equal("€60.00", (await courier.GetByTestId("cash-handed-over").InnerTextAsync()).Trim());
        var stored = await run.Host.As("supervisor").GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/orders/{merchant}/{orderId}");
        Assert.Equal("delivered", stored.GetProperty("stage").GetString());
        Assert.Equal(6000, stored.GetProperty("cashHandedOver").GetInt64());
    });
}
