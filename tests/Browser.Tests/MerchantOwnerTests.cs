using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class MerchantOwnerTests(ConsoleRun run)
{
    [Fact]
    public Task A_merchant_owner_sees_their_own_orders_and_is_refused_another_merchants_order_opened_by_url() =>
        run.StepsAsync(nameof(A_merchant_owner_sees_their_own_orders_and_is_refused_another_merchants_order_opened_by_url), async () =>
        {
            await run.Host.AddMerchantAsync("owner-mine");
            await run.Host.AddMerchantAsync("owner-theirs");
            (await run.Host.PostOrderAsync("owner-mine", BackofficeHost.OrderJson("MINE-1"))).EnsureSuccessStatusCode();
            (await run.Host.PostOrderAsync("owner-theirs", BackofficeHost.OrderJson("THEIRS-1"))).EnsureSuccessStatusCode();
            var theirs = OrderIds.For("owner-theirs", "THEIRS-1");

            var page = await run.NewPageAsync();
            await page.SignInAsync("Merchant owner", merchantId: "owner-mine");
            await page.GetByTestId("merchant-order").Filter(new() { HasText = "MINE-1" }).WaitForAsync();
            await page.ScreenshotAsync("merchant-orders");
            Assert.Equal(0, await page.GetByTestId("merchant-order").Filter(new() { HasText = "THEIRS-1" }).CountAsync());

            await page.GotoAsync($"orders/owner-theirs/{theirs}");
            var refusal = page.GetByTestId("problem");
            await refusal.WaitForAsync();
            Assert.Contains("not yours to see", await refusal.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.GetByTestId("timeline").CountAsync());
            Assert.Equal(0, await page.Locator("text=Anna Schmidt").CountAsync());

            await page.OpenAsync("merchants/owner-theirs/orders");
            await page.GetByTestId("problem").WaitForAsync();
            Assert.Equal(0, await page.GetByTestId("merchant-order").CountAsync());
        });
}
