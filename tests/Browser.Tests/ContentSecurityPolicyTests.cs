using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

/// <summary>The console runs in Chromium under the host's content security policy (issue 15, item 8), with no violation reported.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ContentSecurityPolicyTests(ConsoleRun run)
{
    [Fact]
    public Task The_console_signs_in_and_shows_a_work_queue_under_the_policy_without_a_violation() =>
        run.StepsAsync(nameof(The_console_signs_in_and_shows_a_work_queue_under_the_policy_without_a_violation), async () =>
        {
            var page = await run.NewPageAsync();
            var messages = new List<string>();
            page.Console += (_, message) => messages.Add(message.Text);
            var violations = new List<string>();
            await page.ExposeFunctionAsync("reportCspViolation", (string text) => violations.Add(text));
            await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI));");

            var document = await page.GotoAsync("/signin");
            var policy = await document!.HeaderValueAsync("content-security-policy");
            Assert.NotNull(policy);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("'sha256-", policy, StringComparison.Ordinal);

            await page.SignInAsync("Supervisor", returnUrl: "/work/Confirmation");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading).First).ToBeVisibleAsync();

            Assert.Empty(violations);
            Assert.DoesNotContain(messages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal));
        });
}
