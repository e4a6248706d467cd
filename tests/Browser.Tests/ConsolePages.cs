using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Backoffice.Browser.Tests;

/// <summary>How a person works the console, as Playwright steps: sign in, pick from a Fluent dropdown, type, press.</summary>
internal static class ConsolePages
{
    /// <summary>
    /// Signs in through the Development sign-in page. On a page where the console already runs, the current person signs
    /// out first and everything stays inside the app (no reload), as when people hand over a shared workstation.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string roleTitle, string? merchantId = null, string? returnUrl = null)
    {
        var who = page.GetByTestId("who");
        if (IsRunning(page) && await who.CountAsync() > 0)
        {
            await page.PressAsync("Sign out");
            await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true }).WaitForAsync();
        }

        await page.OpenAsync(returnUrl is null ? "signin" : $"signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.ChooseAsync("Role", roleTitle);
        if (merchantId is not null)
        {
            await page.TypeIntoAsync("merchant", merchantId);
        }

        await page.PressAsync("Sign in");
        await who.WaitForAsync();
    }

    /// <summary>Goes to a console address: a page load the first time, then the app's own navigation (Blazor.navigateTo).</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        if (IsRunning(page))
        {
            await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/" + path.TrimStart('/'));
        }
        else
        {
            await page.GotoAsync(path);
        }
    }

    private static bool IsRunning(IPage page) => page.Url.StartsWith("http", StringComparison.Ordinal);

    /// <summary>
    /// Opens a Fluent dropdown by its label and picks an option by its text. Fluent's web components declare their roles
    /// through ElementInternals, which the browser's accessibility tree honours but Playwright's role selectors do not
    /// see, so options and buttons are found by element and exact text.
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string label, string optionText)
    {
        var dropdown = page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        await dropdown.ClickAsync();
        var listbox = page.Locator("fluent-dropdown").Filter(new() { Has = dropdown });
        await listbox.Locator("fluent-option").Filter(new() { HasTextRegex = Exactly(optionText) }).ClickAsync();
    }

    /// <summary>Types into a Fluent text input (its native input lives in the component's shadow root) by the component's id.</summary>
    public static async Task TypeIntoAsync(this IPage page, string id, string text)
    {
        var input = page.Locator($"#{id} input");
        await input.FillAsync(text);
    }

    public static Task PressAsync(this IPage page, string buttonText) => page.Button(buttonText).ClickAsync();

    public static ILocator Button(this IPage page, string text) => page.Locator("fluent-button, fluent-anchor-button").Filter(new() { HasTextRegex = Exactly(text) });

    private static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text) + "\\s*$");

    public static async Task ExpectNoticeAsync(this IPage page, string text)
    {
        await page.GetByTestId("notice").Filter(new() { HasText = text }).WaitForAsync();
    }

    public static async Task ExpectStageAsync(this IPage page, string stageTitle)
    {
        await page.Locator("header [data-testid=stage]").Filter(new() { HasTextRegex = Exactly(stageTitle) }).WaitForAsync();
    }

    /// <summary>Saves a screenshot of the whole page into docs/screenshots (shown in the README).</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => document.querySelectorAll('.grid-wrap').forEach(g => g.scrollLeft = 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleRun.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
