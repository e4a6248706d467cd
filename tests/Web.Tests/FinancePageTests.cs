using System.Net;
using Backoffice.Web.Finance;
using Backoffice.Web.Session;
using Backoffice.Web.Shared;
using Bunit;
using Microsoft.FluentUI.AspNetCore.Components;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class FinancePageTests
{
    // The test clock is Monday 2026-11-16: the page opens on the last full week and month.
    private const string Week = "2026-W46";

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.Supervisor)]
    public async Task Finance_staff_may_approve_a_draft_and_record_the_payment_of_an_approved_statement(string role)
    {
        using var ctx = new ConsoleTestContext(role);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/finance/settlements", HttpStatusCode.OK,
            $"[{Document("shop-one", Week, "Draft")},{Document("shop-two", Week, "Approved")},{Document("shop-three", Week, "Paid", paid: true)}]");

        var cut = ctx.Render<FinancePage>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=settlement-state]").Count));
        Assert.Equal(["Approve shop-one", "Mark shop-two paid"], ActionButtons(cut));
        Assert.Contains("Run this week now", ButtonTexts(cut));
        Assert.Contains("Invoice this month now", ButtonTexts(cut));
        Assert.Contains("24/11/2026 · BANK-42", cut.Find("[data-testid=paid]").TextContent, StringComparison.Ordinal);
        Assert.Equal("?week=" + Week, ctx.Api.Requests.Single(r => r.Path == "/api/finance/settlements").Query);
    }

    [Fact]
    public async Task A_merchant_owner_reads_their_own_statements_and_is_offered_no_finance_action()
    {
        using var ctx = new ConsoleTestContext(Roles.Merchant, "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/finance/merchants/shop-one/settlements", HttpStatusCode.OK,
            $"[{Document("shop-one", Week, "Draft")},{Document("shop-one", "2026-W45", "Approved")}]");

        var cut = ctx.Render<FinancePage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=settlement-state]").Count));
        Assert.Empty(ActionButtons(cut));
        Assert.DoesNotContain("Run this week now", ButtonTexts(cut));
        Assert.DoesNotContain("Invoice this month now", ButtonTexts(cut));
        Assert.Equal($"?from={Week}&to={Week}", ctx.Api.Requests.Single(r => r.Path == "/api/finance/merchants/shop-one/settlements").Query);
        Assert.DoesNotContain(ctx.Api.Requests, r => r.Path == "/api/finance/settlements");
    }

    [Fact]
    public async Task Settlements_filtered_by_merchant_ask_for_that_merchants_statements_of_the_week_or_of_every_week()
    {
        using var ctx = new ConsoleTestContext(Roles.Finance);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, """[{"merchantId":"shop-one","name":"Shop one"}]""");
        ctx.Api.On("GET", "/api/finance/settlements", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/finance/merchants/shop-one/settlements", HttpStatusCode.OK,
            $"[{Document("shop-one", "2026-W45", "Paid", paid: true)},{Document("shop-one", Week, "Draft")}]");
        var cut = ctx.Render<FinancePage>();
        cut.WaitForAssertion(() => Assert.Contains($"No settlements for {Week} yet.", cut.Markup, StringComparison.Ordinal));

        await cut.InvokeAsync(() => cut.FindComponents<MerchantFilter>()[0].Instance.ValueChanged.InvokeAsync("shop-one"));
        cut.Find("form[aria-label=Settlements]").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=settlement-state]").Count));
        Assert.Equal($"?from={Week}&to={Week}", ctx.Api.Requests.Last(r => r.Path.StartsWith("/api/finance/merchants/", StringComparison.Ordinal)).Query);

        await SetTextAsync(cut, "week", "");
        cut.Find("form[aria-label=Settlements]").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, ctx.Api.Requests.Count(r => r.Path == "/api/finance/merchants/shop-one/settlements")));
        Assert.Equal(string.Empty, ctx.Api.Requests.Last(r => r.Path == "/api/finance/merchants/shop-one/settlements").Query);
        Assert.Equal([Week, "2026-W45"], cut.FindAll("[data-testid=settlement-week]").Select(w => w.TextContent));
    }

    [Fact]
    public async Task Invoices_filtered_by_month_ask_for_that_month_only()
    {
        using var ctx = new ConsoleTestContext(Roles.Merchant, "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/finance/merchants/shop-one/settlements", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/finance/merchants/shop-one/invoices", HttpStatusCode.OK, $"[{Document("shop-one", "2026-10", "Issued", kind: "invoice")}]");
        var cut = ctx.Render<FinancePage>();
        cut.WaitForAssertion(() => Assert.Contains("No settlements", cut.Markup, StringComparison.Ordinal));

        await SetTextAsync(cut, "invoice-month", " 2026-10 ");
        cut.Find("form[aria-label=Invoices]").Submit();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("table.invoices-grid tbody tr")));
        Assert.Equal("?from=2026-10&to=2026-10", ctx.Api.Requests.Single(r => r.Path == "/api/finance/merchants/shop-one/invoices").Query);
    }

    [Fact]
    public async Task A_failed_invoice_download_is_reported_on_the_invoices_tab_not_on_the_settlements_tab()
    {
        using var ctx = new ConsoleTestContext(Roles.Merchant, "shop-one");
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/finance/merchants/shop-one/settlements", HttpStatusCode.OK, "[]");
        ctx.Api.On("GET", "/api/finance/merchants/shop-one/invoices", HttpStatusCode.OK, $"[{Document("shop-one", "2026-10", "Issued", kind: "invoice")}]");
        ctx.Api.OnProblem("GET", "/api/finance/merchants/shop-one/invoices/2026-10/files/pdf", HttpStatusCode.NotFound,
            """{"title":"The invoice's report is not ready.","status":404}""");
        var cut = ctx.Render<FinancePage>();
        cut.WaitForAssertion(() => Assert.Contains("No settlements", cut.Markup, StringComparison.Ordinal));
        cut.Find("form[aria-label=Invoices]").Submit();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("table.invoices-grid tbody tr")));

        cut.Find("table.invoices-grid button[aria-label^='Download PDF']").Click();

        cut.WaitForAssertion(() => Assert.Contains("not ready", cut.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=problem]"));
        var inOrder = cut.FindAll("form[aria-label], [data-testid=problem]").Select(e => e.GetAttribute("aria-label") ?? "problem").ToList();
        Assert.Equal(["Settlements", "Invoices", "problem"], inOrder);
    }

    private static string Document(string merchant, string period, string state, bool paid = false, string kind = "settlement")
    {
        var collection = kind == "invoice" ? "invoices" : "settlements";
        var files = $"/api/finance/merchants/{merchant}/{collection}/{period}/files/";
        var payment = paid ? ""","paidBy":"fin-1","paidAt":"2026-11-24T10:00:00+00:00","bankReference":"BANK-42","paidOn":"2026-11-24" """ : string.Empty;
        return $$"""
            {"kind":"{{kind}}","merchantId":"{{merchant}}","period":"{{period}}","currency":"EUR","timeZone":"Europe/Berlin",
             "periodStart":"2026-11-09T00:00:00+01:00","periodEnd":"2026-11-16T00:00:00+01:00","state":"{{state}}","createdAt":"2026-11-16T02:00:00+00:00",
             "totals":{"orders":1,"cashCollected":1500,"fees":100,"netToTransfer":1400,"total":100,"due":100}{{payment}},
             "files":{"csv":"{{files}}csv","xlsx":"{{files}}xlsx","pdf":"{{files}}pdf"} }
            """;
    }

    private static async Task SetTextAsync(IRenderedComponent<FinancePage> cut, string id, string text) =>
        await cut.InvokeAsync(() => cut.FindComponents<FluentTextInput>().Single(i => i.Instance.Id == id).Instance.ValueChanged.InvokeAsync(text));

    private static List<string> ButtonTexts(IRenderedComponent<FinancePage> cut) => cut.FindAll("fluent-button").Select(b => b.TextContent.Trim()).ToList();

    /// <summary>The buttons in the settlements' Actions column, as a screen reader reads them (merchant included).</summary>
    private static List<string> ActionButtons(IRenderedComponent<FinancePage> cut) =>
        cut.FindAll("table.settlements-grid fluent-button").Select(b => string.Join(' ', b.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
}

public sealed class SignInPageTests
{
    [Fact]
    public void Where_the_host_issues_development_tokens_the_role_picker_is_shown()
    {
        using var ctx = new ConsoleTestContext();
        ctx.Api.OnProblem("POST", "/api/dev/token", HttpStatusCode.BadRequest,
            """{"title":"One or more fields are invalid.","status":400,"errors":{"role":["Choose one of: operator, warehouse."]}}""");

        var cut = ctx.Render<Backoffice.Web.SignIn.SignInPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=development-sign-in]"));
        Assert.Single(cut.FindComponents<FluentSelect<string, string>>());
        Assert.Empty(cut.FindAll("[data-testid=organisation-sign-in]"));
        Assert.Equal("{}", ctx.Api.Requests.Single(r => r.Path == "/api/dev/token").Body);
    }

    [Fact]
    public void Elsewhere_only_the_Entra_ID_sign_in_is_offered()
    {
        using var ctx = new ConsoleTestContext();

        var cut = ctx.Render<Backoffice.Web.SignIn.SignInPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=organisation-sign-in]"));
        Assert.Empty(cut.FindAll("[data-testid=development-sign-in]"));
        Assert.Empty(cut.FindComponents<FluentSelect<string, string>>());
        cut.FindAll("fluent-button").Single(b => b.TextContent.Trim() == "Sign in with Microsoft Entra ID").Click();
        Assert.Equal("http://localhost/.auth/login/aad?post_login_redirect_uri=%2F",
            ctx.Services.GetService(typeof(Microsoft.AspNetCore.Components.NavigationManager)) is Microsoft.AspNetCore.Components.NavigationManager nav ? nav.Uri : null);
    }
}
