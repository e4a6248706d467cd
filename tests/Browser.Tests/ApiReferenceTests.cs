using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

/// <summary>
/// Issue 14, item 4: the browsable API reference (/api/docs) renders in Chromium under the host's content security
/// policy — its inline start-up script once left the page blank — and shows the request examples of the document.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ApiReferenceTests(ConsoleRun run)
{
    /// <summary>The reference is one large script that then fetches and renders the whole document: more than a console page.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Loading = new() { Timeout = 30_000 };

    [Fact]
    public Task The_api_reference_renders_under_the_policy_and_shows_the_examples_of_a_command() =>
        run.StepsAsync(nameof(The_api_reference_renders_under_the_policy_and_shows_the_examples_of_a_command), async () =>
        {
            var page = await run.NewPageAsync(width: 1400, height: 1000);
            var violations = new List<string>();
            await page.ExposeFunctionAsync("reportCspViolation", (string text) => violations.Add(text));
            await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));");

            var document = await page.GotoAsync("/api/docs/");
            Assert.Contains("'nonce-", await document!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fulfilment back-office API" })).ToBeVisibleAsync(Loading);

            await page.GetByRole(AriaRole.Link, new() { Name = "post /api/orders/{merchantId}/{orderId}/confirm" }).First.ClickAsync();
            var example = page.GetByText("Confirm every line as ordered").First;
            await Assertions.Expect(example).ToBeAttachedAsync(new() { Timeout = Loading.Timeout });
            await example.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleRun.ScreenshotFolder, "api-reference.png") });

            // Scalar tries eval once (its request client's scripting) and renders everything without it: the policy keeps
            // refusing eval on this page too rather than being loosened for a developer tool.
            Assert.DoesNotContain(violations, v => v != "script-src eval");
        });
}
