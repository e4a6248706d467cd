using System.Net.Http.Json;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ConcurrentChangeTests(ConsoleRun run)
{
    [Fact]
    public Task When_someone_else_acts_first_the_console_says_so_and_shows_the_order_as_it_is_now() =>
        run.StepsAsync(nameof(When_someone_else_acts_first_the_console_says_so_and_shows_the_order_as_it_is_now), async () =>
        {
            await run.Host.AddMerchantAsync("race-shop");
            (await run.Host.PostOrderAsync("race-shop", BackofficeHost.OrderJson("RACE-1"))).EnsureSuccessStatusCode();
            var orderId = OrderIds.For("race-shop", "RACE-1");

            var page = await run.NewPageAsync();
            await page.SignInAsync("Call-centre operator", returnUrl: $"/orders/race-shop/{orderId}");
            await page.ExpectStageAsync("Confirmation");

            // A colleague confirms the same order while this page still shows it unconfirmed.
            var other = await run.Host.As("supervisor").PostAsJsonAsync($"/api/orders/race-shop/{orderId}/confirm", new { droppedLines = Array.Empty<object>() });
            other.EnsureSuccessStatusCode();

            await page.PressAsync("Confirm order");
            var notice = page.GetByTestId("notice");
            await notice.WaitForAsync();
            Assert.Contains("Someone else changed this order", await notice.InnerTextAsync(), StringComparison.Ordinal);
            // Confirmed by the colleague: on to supplier pickup or packing (depending on stock), and no second confirm offered.
            await page.Locator("header [data-testid=stage]").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("Supplier pickup|Packing") }).WaitForAsync();
            Assert.Equal(0, await page.Button("Confirm order").CountAsync());
            await page.ScreenshotAsync("order-conflict");
        });
}
