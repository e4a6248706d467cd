using Xunit;

namespace Backoffice.Browser.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SupervisorTests(ConsoleRun run)
{
    [Fact]
    public Task A_supervisor_creates_a_merchant_and_sees_each_new_webhook_secret_once() =>
        run.StepsAsync(nameof(A_supervisor_creates_a_merchant_and_sees_each_new_webhook_secret_once), async () =>
        {
            var page = await run.NewPageAsync();
            await page.SignInAsync("Supervisor", returnUrl: "/merchants/new");
            await page.TypeIntoAsync("merchant-id", "console-made");
            await page.TypeIntoAsync("merchant-name", "Made in the console");
            await page.TypeIntoAsync("merchant-zone", "Europe/Paris");
            await page.TypeIntoAsync("hours-confirmation", "1.5");
            await page.TypeIntoAsync("tariff-value", "2.5");
            await page.PressAsync("Create merchant");

            var secret = page.GetByTestId("secret");
            await secret.WaitForAsync();
            var first = (await secret.InnerTextAsync()).Trim();
            Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
            await page.ScreenshotAsync("merchant-created");

            await page.PressAsync("Rotate webhook secret");
            await page.GetByTestId("secret").Filter(new() { HasNotText = first }).WaitForAsync();
            var second = (await page.GetByTestId("secret").InnerTextAsync()).Trim();
            Assert.NotEqual(first, second);

            // Shown once: coming back to the merchant shows its settings, never a secret.
            await page.Locator("nav a", new() { HasText = "Merchants" }).ClickAsync();
            var listed = page.Locator("a", new() { HasText = "Made in the console" });
            await listed.WaitForAsync();
            await page.ScreenshotAsync("merchants");
            await listed.ClickAsync();
            await page.Locator("#merchant-name").WaitForAsync();
            Assert.Equal(0, await page.GetByTestId("secret").CountAsync());

            var stored = await run.Host.As("supervisor").GetStringAsync("/api/merchants/console-made");
            Assert.Contains("\"timeZone\":\"Europe/Paris\"", stored, StringComparison.Ordinal);
            Assert.Contains("\"deliveredValueBasisPoints\":250", stored, StringComparison.Ordinal);
        });
}
