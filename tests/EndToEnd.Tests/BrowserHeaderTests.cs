using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Backoffice.Api.Http;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>The local host's browser security headers (issue 15, item 8): it once sent no CSP, nosniff, frame-ancestors or Referrer-Policy.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class BrowserHeaderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_response_carries_nosniff_a_referrer_policy_and_a_policy_that_forbids_framing()
    {
        await using var host = new BackofficeHost(azurite);
        var client = host.CreateClient();

        foreach (var path in new[] { "/api/health", "/api/merchants", "/no-such-file.js" })
        {
            using var response = await client.GetAsync(path);

            Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
            Assert.Equal("DENY", Single(response, "X-Frame-Options"));
            var policy = Single(response, "Content-Security-Policy");
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_console_page_allows_its_own_import_map_by_hash_and_no_other_inline_script()
    {
        await using var host = new BackofficeHost(azurite);
        var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var map = ImportMap().Match(html);
        Assert.True(map.Success, "the console page has no import map: " + html[..Math.Min(300, html.Length)]);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.Groups["content"].Value)));
        var policy = Single(response, "Content-Security-Policy");
        Assert.Contains($"'sha256-{hash}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(BrowserSecurityHeaders.PolicyFor(html), policy);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? Assert.Single(values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri}");

    [GeneratedRegex("<script type=\"importmap\">(?<content>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();
}
