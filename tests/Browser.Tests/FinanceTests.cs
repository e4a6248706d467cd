using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FinanceTests(ConsoleRun run)
{
    [Fact]
    public Task Finance_settles_a_week_approves_the_statement_and_records_the_bank_transfer() =>
        run.StepsAsync(nameof(Finance_settles_a_week_approves_the_statement_and_records_the_bank_transfer), async () =>
        {
            const string merchant = "fin-shop";
            await run.Host.AddMerchantAsync(merchant);
            (await run.Host.PostOrderAsync(merchant, BackofficeHost.OrderJson("FIN-1"))).EnsureSuccessStatusCode();
            var orderId = OrderIds.For(merchant, "FIN-1");
            await DeliverWithCashAsync(run.Host.As("supervisor"), merchant, orderId);

            // The week of the delivery ends; finance settles it on demand instead of waiting for Monday night's job.
            var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            var local = TimeZoneInfo.ConvertTime(run.Host.Clock.GetUtcNow(), berlin).DateTime;
            var week = string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(local):D4}-W{ISOWeek.GetWeekOfYear(local):D2}");
            run.Host.Clock.Advance(TimeSpan.FromDays(8));

            var page = await run.NewPageAsync();
            await page.SignInAsync("Finance", returnUrl: "/finance");
            await page.TypeIntoAsync("week", week);
            await page.PressAsync("Run this week now");
            await page.GetByTestId("run-summary").WaitForAsync();
            var row = page.Locator("tr", new() { HasText = merchant });
            await row.GetByTestId("settlement-state").Filter(new() { HasText = "Draft" }).WaitForAsync();
            Assert.Contains("€15.00", await row.InnerTextAsync(), StringComparison.Ordinal);

            await AssertFitsAsync(page);
            await page.PressAsync($"Approve {merchant}");
            await row.GetByTestId("settlement-state").Filter(new() { HasText = "Approved" }).WaitForAsync();
            await AssertFitsAsync(page);
            await page.PressAsync($"Mark {merchant} paid");
            await page.TypeIntoAsync("bank-reference", "BANK-REF-42");
            await page.PressAsync("Record payment");
            await row.GetByTestId("settlement-state").Filter(new() { HasText = "Paid" }).WaitForAsync();
            Assert.Contains("BANK-REF-42", await row.InnerTextAsync(), StringComparison.Ordinal);
            await AssertFitsAsync(page);
            await page.ScreenshotAsync("finance-settlements");
        });

    /// <summary>At 1280 px the settlements grid shows its Files and Actions columns without scrolling sideways.</summary>
    private static async Task AssertFitsAsync(Microsoft.Playwright.IPage page)
    {
        var widths = await page.Locator(".grid-wrap[aria-label=Settlements]").EvaluateAsync<int[]>("g => [g.scrollWidth, g.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The settlements grid is {widths[0]} px wide in a {widths[1]} px box: Files and Actions are cut off.");
    }

    /// <summary>Drives the order to delivered and cash handed over through the API, whatever stages the stock sends it through.</summary>
    private static async Task DeliverWithCashAsync(HttpClient staff, string merchant, string orderId)
    {
        for (var step = 0; step < 10; step++)
        {
            var order = await staff.GetFromJsonAsync<JsonElement>($"/api/orders/{merchant}/{orderId}");
            var actions = order.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ToHashSet();
            var live = order.GetProperty("liveValue").GetInt64();
            (string Action, object Body)? next = order.GetProperty("stage").GetString() switch
            {
                "confirmation" => ("confirm", new { droppedLines = Array.Empty<object>() }),
                "supplierPickup" => ("pickup", new
                {
                    pickedUp = order.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("status").GetString() == "awaitingPickup").Select(l => l.GetProperty("lineId").GetString()).ToArray(),
                    failed = Array.Empty<object>(),
                }),
                "packing" => ("pack", new { failedLines = Array.Empty<object>() }),
                "delivery" when actions.Contains("dispatch") => ("dispatch", new { courierId = "courier-1" }),
                "delivery" => ("delivery", new { result = "acceptedAll", cashCollected = live }),
                "delivered" when actions.Contains("cash-handover") => ("cash-handover", new { amount = order.GetProperty("cashCollected").GetInt64() - order.GetProperty("cashHandedOver").GetInt64() }),
                _ => null,
            };
            if (next is not { } command)
            {
                Assert.Equal("delivered", order.GetProperty("stage").GetString());
                return;
            }

            var response = await staff.PostAsJsonAsync($"/api/orders/{merchant}/{orderId}/{command.Action}", command.Body);
            Assert.True(response.IsSuccessStatusCode, $"{command.Action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
