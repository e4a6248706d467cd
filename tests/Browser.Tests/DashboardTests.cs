using Backoffice.Core.Orders;
using Backoffice.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class DashboardTests(ConsoleRun run)
{
    [Fact]
    public Task The_KPI_dashboard_draws_its_charts_for_a_supervisor() =>
        run.StepsAsync(nameof(The_KPI_dashboard_draws_its_charts_for_a_supervisor), async () =>
        {
            await run.Host.AddMerchantAsync("kpi-shop");
            for (var i = 1; i <= 3; i++)
            {
                (await run.Host.PostOrderAsync("kpi-shop", BackofficeHost.OrderJson($"KPI-{i}"))).EnsureSuccessStatusCode();
            }

            // The roll-up normally runs on a schedule; run it now so the figures include these orders.
            var rollup = await run.Host.As("supervisor").PostAsync("/api/kpi/rollup", null);
            Assert.True(rollup.IsSuccessStatusCode, $"KPI roll-up: {(int)rollup.StatusCode}");

            var page = await run.NewPageAsync();
            await page.SignInAsync("Supervisor", returnUrl: "/kpi");
            await page.ChooseAsync("Merchant or currency", "kpi-shop");
            // The host's clock may have been moved on by another test: ask for the days around its today.
            var today = DateOnly.FromDateTime(run.Host.Clock.GetUtcNow().UtcDateTime);
            await page.TypeIntoAsync("kpi-from", today.AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.TypeIntoAsync("kpi-to", today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.PressAsync("Show");
            await page.GetByTestId("kpi-tiles").Or(page.GetByTestId("problem")).WaitForAsync();
            Assert.Equal(0, await page.GetByTestId("problem").CountAsync());
            Assert.Contains("Gross orders", await page.GetByTestId("kpi-tiles").InnerTextAsync(), StringComparison.Ordinal);
            await page.Locator(".rz-chart svg").First.WaitForAsync();
            await page.ScreenshotAsync("kpi-dashboard");
        });

    [Fact]
    public Task The_work_queue_and_the_order_fit_a_phone() =>
        run.StepsAsync(nameof(The_work_queue_and_the_order_fit_a_phone), async () =>
        {
            await run.Host.AddMerchantAsync("phone-shop");
            (await run.Host.PostOrderAsync("phone-shop", BackofficeHost.OrderJson("PHONE-1"))).EnsureSuccessStatusCode();
            var orderId = OrderIds.For("phone-shop", "PHONE-1");

            var page = await run.NewPageAsync(width: 390, height: 844);
            await page.SignInAsync("Call-centre operator", returnUrl: "/work/confirmation?merchant=phone-shop");
            await page.GetByTestId("work-order").Filter(new() { HasText = orderId }).WaitForAsync();
            await page.ScreenshotAsync("work-queue-phone");
            Assert.False(await HasSidewaysScrollAsync(page));

            await page.GetByTestId("work-order").Filter(new() { HasText = orderId }).ClickAsync();
            await page.Button("Confirm order").WaitForAsync();
            await page.ScreenshotAsync("order-detail-phone");
            Assert.False(await HasSidewaysScrollAsync(page));
        });

    /// <summary>The page itself never scrolls sideways on a phone; wide grids scroll inside their own box.</summary>
    private static Task<bool> HasSidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
}
