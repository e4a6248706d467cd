using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

/// <summary>The console in Russian and English, with the merchant's times (issue 14, items 3 and 6).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LanguageTests(ConsoleRun run)
{
    [Fact]
    public Task A_Russian_browser_gets_the_console_in_Russian_in_the_merchants_time_zone_and_can_switch_to_English() =>
        run.StepsAsync(nameof(A_Russian_browser_gets_the_console_in_Russian_in_the_merchants_time_zone_and_can_switch_to_English), async () =>
    {
        const string merchant = "moscow-shop";
        var shop = new Merchant(merchant, "Moscow shop", "RUB", "Europe/Moscow", DeadlinePolicy.Default, Tariff.Default, StatusUrl: null);
        await run.Host.Service<MerchantStore>().CreateAsync(shop, new WebhookSecrets([BackofficeHost.Secret], BackofficeHost.Secret));
        (await run.Host.PostOrderAsync(merchant, BackofficeHost.OrderJson("RU-1", currency: "RUB", lines: [("SKU-R", 1, 123456, true)]))).EnsureSuccessStatusCode();
        var orderId = OrderIds.For(merchant, "RU-1");

        // A browser whose language is Russian, with nothing chosen yet: the console starts in Russian.
        var page = await run.NewPageAsync(locale: "ru-RU");
        await page.GotoAsync($"work/confirmation?merchant={merchant}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Вход", Exact = true }).WaitForAsync();
        await page.ScreenshotAsync("sign-in-ru");
        await page.ChooseAsync("Роль", "Оператор колл-центра");
        await page.PressAsync("Вход");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Очередь подтверждения" }).WaitForAsync();
        var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("work-order").Filter(new() { HasText = orderId }) });
        await row.WaitForAsync();

        Assert.Equal("Время: Europe/Moscow (UTC+03:00)", (await page.GetByTestId("time-zones").InnerTextAsync()).Trim());
        Assert.Equal("Anna Schmidt", (await row.GetByTestId("work-customer").InnerTextAsync()).Trim());
        Assert.Equal("Berlin", (await row.GetByTestId("work-city").InnerTextAsync()).Trim());
        // The live value: the line (1 234,56 ₽) plus the delivery fee (5,00 ₽).
        Assert.Equal("1\u00A0239,56 ₽", (await row.GetByTestId("work-value").InnerTextAsync()).Trim());
        Assert.Equal("Наложенный платёж", (await row.GetByTestId("work-payment").InnerTextAsync()).Trim());
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$", (await row.GetByTestId("work-due").InnerTextAsync()).Trim());
        await page.ScreenshotAsync("work-queue-ru");

        await row.GetByTestId("work-order").ClickAsync();
        await page.GetByTestId("timeline").WaitForAsync();
        Assert.Equal("Время: Europe/Moscow (UTC+03:00)", (await page.GetByTestId("time-zone").InnerTextAsync()).Trim());
        Assert.Equal(
            TimeZoneInfo.ConvertTime(run.Host.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("dd.MM.yyyy"),
            (await page.GetByTestId("placed-at").InnerTextAsync()).Trim()[..10]);
        await page.Button("Подтвердить заказ").WaitForAsync();
        await page.ScreenshotAsync("order-detail-ru");

        // The picker in the header switches to English; the choice outlives the reload and wins over the browser's language.
        await page.Locator("fluent-dropdown:has(#language), #language").First.ClickAsync();
        await page.Locator("fluent-option").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*English\\s*$") }).ClickAsync();
        await page.GetByTestId("time-zone").Filter(new() { HasText = "Times in Europe/Moscow (UTC+03:00)" }).WaitForAsync();
        await page.Button("Confirm order").WaitForAsync();
        Assert.Equal("en", await page.EvaluateAsync<string>("() => localStorage.getItem('backoffice.language')"));
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
    });
}
