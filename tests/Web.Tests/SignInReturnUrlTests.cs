using System.Net;
using Backoffice.Web.SignIn;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backoffice.Web.Tests;

/// <summary>The sign-in page sends people back only to the console's own pages (issue 15, item 5).</summary>
public sealed class SignInReturnUrlTests
{
    private const string Hostile = "/\\evil.example/x";

    [Theory]
    [InlineData("/", true)]
    [InlineData("/orders/demo-fashion/ORD-1?tab=events", true)]
    [InlineData("~/", true)]
    [InlineData("~/finance", true)]
    [InlineData("//evil.example/x", false)]
    [InlineData("/\\evil.example/x", false)]
    [InlineData("~//evil.example", false)]
    [InlineData("~/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("evil.example", false)]
    [InlineData("/\t/evil.example", false)]
    [InlineData("/\r\n/evil.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_local_paths_count_as_local_exactly_as_IsLocalUrl_decides(string? url, bool local) =>
        Assert.Equal(local, LocalReturnUrl.IsLocalUrl(url));

    [Fact]
    public void A_backslash_return_address_sends_the_Entra_sign_in_back_home()
    {
        using var ctx = new ConsoleTestContext();
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/signin?returnUrl=" + Uri.EscapeDataString(Hostile));

        var cut = ctx.Render<SignInPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=organisation-sign-in]"));
        cut.FindAll("fluent-button").Single(b => b.TextContent.Trim() == "Sign in with Microsoft Entra ID").Click();

        Assert.Equal("http://localhost/.auth/login/aad?post_login_redirect_uri=%2F", nav.Uri);
    }

    [Fact]
    public void A_backslash_return_address_sends_the_development_sign_in_back_home()
    {
        using var ctx = new ConsoleTestContext();
        ctx.Api.On("POST", "/api/dev/token", request =>
            request.Content!.ReadAsStringAsync().GetAwaiter().GetResult() == "{}"
                ? (HttpStatusCode.BadRequest, """{"title":"invalid","status":400,"errors":{"role":["Choose one of: operator."]}}""", "application/problem+json")
                : (HttpStatusCode.OK, """{"accessToken":"t","role":"operator","expiresAt":"2026-11-16T17:00:00Z"}""", "application/json"));
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/signin?returnUrl=" + Uri.EscapeDataString(Hostile));

        var cut = ctx.Render<SignInPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=development-sign-in]"));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/", nav.Uri));
    }

    [Fact]
    public void A_local_return_address_is_kept()
    {
        using var ctx = new ConsoleTestContext();
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/signin?returnUrl=" + Uri.EscapeDataString("/finance?week=2026-W47"));

        var cut = ctx.Render<SignInPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=organisation-sign-in]"));
        cut.FindAll("fluent-button").Single(b => b.TextContent.Trim() == "Sign in with Microsoft Entra ID").Click();

        Assert.Equal("http://localhost/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString("/finance?week=2026-W47"), nav.Uri);
    }
}
