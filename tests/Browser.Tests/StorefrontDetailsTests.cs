using System.Text.Json;
using System.Text.Json.Nodes;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Browser.Tests;

/// <summary>
/// Issue 14, item 2: what the storefront said about the order — its own name for it ("#1047") and the customer's note —
/// shows in the work queue and on the order, and a supervisor finds the order by that name.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class StorefrontDetailsTests(ConsoleRun run)
{
    [Fact]
    public Task The_shops_name_and_the_customers_note_show_in_the_queue_and_on_the_order_and_the_name_finds_it() =>
        run.StepsAsync(nameof(The_shops_name_and_the_customers_note_show_in_the_queue_and_on_the_order_and_the_name_finds_it), async () =>
        {
            await run.Host.AddMerchantAsync("note-shop");
            var json = JsonNode.Parse(BackofficeHost.OrderJson("NOTE-1"))!.AsObject();
            json["displayName"] = "#1047";
            json["note"] = "Please call an hour before delivery. The doorbell is broken: knock.";
            (await run.Host.PostOrderAsync("note-shop", json.ToJsonString())).EnsureSuccessStatusCode();
            var orderId = OrderIds.For("note-shop", "NOTE-1");

            var page = await run.NewPageAsync();
            await page.SignInAsync("Call-centre operator", returnUrl: "/work/confirmation?merchant=note-shop");
            var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("work-order").Filter(new() { HasText = orderId }) });
            Assert.Equal("#1047", (await row.GetByTestId("work-display-name").InnerTextAsync()).Trim());

            await page.OpenAsync($"orders/note-shop/{orderId}");
            await page.GetByTestId("customer-note").WaitForAsync();
            Assert.Contains("#1047", await page.GetByTestId("display-name").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("The doorbell is broken", await page.GetByTestId("customer-note").InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync("order-storefront-note");

            await page.SignInAsync("Supervisor", returnUrl: "/merchants/note-shop/orders");
            await page.TypeIntoAsync("order-find", "1047");
            await page.PressAsync("Find");
            await page.GetByTestId("merchant-order-name").Filter(new() { HasText = "#1047" }).WaitForAsync();
            Assert.Equal(1, await page.GetByTestId("merchant-order").CountAsync());
        });
}
