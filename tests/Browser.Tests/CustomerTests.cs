using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Orders;
using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CustomerTests(ConsoleRun run)
{
    [Fact]
    public Task A_merchant_owner_searches_their_customers_and_sees_a_profile_but_never_another_merchants_customer() =>
        run.StepsAsync(nameof(A_merchant_owner_searches_their_customers_and_sees_a_profile_but_never_another_merchants_customer), async () =>
        {
            await run.Host.AddMerchantAsync("crm-mine");
            await run.Host.AddMerchantAsync("crm-theirs");
            await PlaceAsync("crm-mine", "CRM-1", "Greta Hoffmann", "+49 160 5550 101");
            await PlaceAsync("crm-mine", "CRM-2", "Greta Hoffmann", "+49 160 5550 101");
            await PlaceAsync("crm-mine", "CRM-3", "Jonas Weber", "+49 170 5550 202");
            await PlaceAsync("crm-theirs", "CRM-9", "Greta Hofer", "+49 160 5550 999");

            var page = await run.NewPageAsync();
            await page.SignInAsync("Merchant owner", merchantId: "crm-mine");
            await page.GetByRole(AriaRole.Link, new() { Name = "My customers", Exact = true }).ClickAsync();
            var customers = page.GetByTestId("customer");
            await customers.Filter(new() { HasText = "Jonas Weber" }).WaitForAsync();
            Assert.Equal(2, await customers.CountAsync());

            await page.TypeIntoAsync("customer-search", "hof");
            await page.PressAsync("Search");
            await page.Button("Show all").WaitForAsync();
            await customers.Filter(new() { HasText = "Greta Hoffmann" }).WaitForAsync();
            Assert.Equal(1, await customers.CountAsync());
            Assert.Equal(0, await page.Locator("text=Greta Hofer").CountAsync());
            var row = page.Locator("tr", new() { HasText = "Greta Hoffmann" });
            Assert.Contains("+491605550101", await row.InnerTextAsync(), StringComparison.Ordinal);
            await page.ScreenshotAsync("customer-search");

            await page.TypeIntoAsync("customer-search", "+49 160");
            await page.PressAsync("Search");
            await page.Locator("tr", new() { HasText = "+491605550101" }).WaitForAsync();
            Assert.Equal(1, await customers.CountAsync());

            await customers.Filter(new() { HasText = "Greta Hoffmann" }).ClickAsync();
            await page.GetByTestId("customer-name").Filter(new() { HasText = "Greta Hoffmann" }).WaitForAsync();
            await page.GetByTestId("customer-order").Filter(new() { HasText = "CRM-2" }).WaitForAsync();
            Assert.Equal(2, await page.GetByTestId("customer-order").CountAsync());
            Assert.Contains("2", await page.GetByTestId("record").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await page.Button("Erase personal data…").CountAsync());
            await page.ScreenshotAsync("customers");

            // The other merchant's base, asked for by URL, is refused in place.
            await page.OpenAsync("customers/crm-theirs");
            await page.GetByTestId("problem").WaitForAsync();
            Assert.Equal(0, await customers.CountAsync());
        });

    [Fact]
    public Task While_confirming_a_cash_order_from_a_customer_who_refuses_parcels_the_operator_sees_the_flag() =>
        run.StepsAsync(nameof(While_confirming_a_cash_order_from_a_customer_who_refuses_parcels_the_operator_sees_the_flag), async () =>
        {
            const string merchant = "crm-risk";
            await run.Host.AddMerchantAsync(merchant);
            foreach (var external in new[] { "RISK-1", "RISK-2" })
            {
                await RefuseAtTheDoorAsync(merchant, await PlaceAsync(merchant, external, "Paul Becker", "+49 171 5550 303"));
            }

            var next = await PlaceAsync(merchant, "RISK-3", "Paul Becker", "+49 171 5550 303");

            var page = await run.NewPageAsync();
            await page.SignInAsync("Call-centre operator", returnUrl: $"/orders/{merchant}/{next}");
            var flag = page.GetByTestId("refusal-flag");
            await flag.WaitForAsync();
            Assert.Contains("refused 2 of 2", await flag.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("3", (await page.GetByTestId("history-orders").InnerTextAsync()).Trim());
            Assert.Equal("2", (await page.GetByTestId("history-refused").InnerTextAsync()).Trim());
            Assert.Equal("100 %", (await page.GetByTestId("history-refusal-rate").InnerTextAsync()).Trim());
            await page.Button("Confirm order").WaitForAsync();
            await page.ScreenshotAsync("order-refusal-flag");
        });

    /// <summary>Stock arrives, the order is confirmed, packed and dispatched, and the customer refuses the parcel.</summary>
    private async Task RefuseAtTheDoorAsync(string merchantId, string orderId)
    {
        await OkAsync(await run.Host.As("warehouse").PostAsJsonAsync($"/api/merchants/{merchantId}/stock/SKU-1/receipts", new { quantity = 1 }));
        await OkAsync(await run.Host.As("operator").PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/confirm", new { }));
        await OkAsync(await run.Host.As("warehouse").PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/pack", new { }));
        await OkAsync(await run.Host.As("courier").PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/dispatch", new { courierId = "c-1" }));
        await OkAsync(await run.Host.As("courier").PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/delivery", new { result = "refused" }));
    }

    private static async Task OkAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    private async Task<string> PlaceAsync(string merchantId, string externalId, string name, string phone)
    {
        var json = JsonSerializer.Serialize(new
        {
            externalOrderId = externalId,
            currency = "EUR",
            payment = "cashOnDelivery",
            deliveryFee = 500,
            customer = new { name, phone, email = (string?)null, address = new { line1 = "Main street 1", city = "Berlin", postalCode = "10115", country = "DE" } },
            lines = new[] { new { sku = "SKU-1", name = "Shirt", quantity = 1, unitPrice = 2000, inWarehouse = true } },
        });
        (await run.Host.PostOrderAsync(merchantId, json)).EnsureSuccessStatusCode();
        return OrderIds.For(merchantId, externalId);
    }
}
