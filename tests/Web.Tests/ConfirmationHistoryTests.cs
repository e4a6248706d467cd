using System.Net;
using Backoffice.Web.Orders;
using Backoffice.Web.Session;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class ConfirmationHistoryTests
{
    private const string OrderPath = "/api/orders/shop-one/ORD-TEST1";
    private const string BriefPath = "/api/merchants/shop-one/customers/by-order/ORD-TEST1";

    [Fact]
    public async Task While_confirming_the_operator_sees_the_customers_history_and_the_refusal_flag()
    {
        using var ctx = OrderInConfirmation(Roles.Operator);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", BriefPath, HttpStatusCode.OK, CustomerSamples.Brief(flagged: true));

        var cut = Render(ctx);

        cut.WaitForAssertion(() => cut.Find("[data-testid=refusal-flag]"));
        Assert.Contains("High refusal risk", cut.Find("[data-testid=refusal-flag]").TextContent, StringComparison.Ordinal);
        Assert.Contains("refused 2 of 3 parcels", cut.Find("[data-testid=refusal-flag]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("3", "1", "2", "66.7 %"), (Text(cut, "history-orders"), Text(cut, "history-delivered"), Text(cut, "history-refused"), Text(cut, "history-refusal-rate")));
        Assert.Equal("customers/shop-one/CUS-ANNA", cut.Find("[data-testid=customer-profile-link]").GetAttribute("href"));
        Assert.Contains("Confirm order", cut.FindAll("fluent-button").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task A_customer_who_refuses_but_pays_in_advance_is_not_flagged()
    {
        using var ctx = OrderInConfirmation(Roles.Operator);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", BriefPath, HttpStatusCode.OK, CustomerSamples.Brief(flagged: false, payment: "prepaid"));

        var cut = Render(ctx);

        cut.WaitForAssertion(() => Assert.Equal("2", Text(cut, "history-refused")));
        Assert.Empty(cut.FindAll("[data-testid=refusal-flag]"));
        Assert.Contains("prepaid, so it is not flagged", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_order_and_an_order_without_a_usable_contact_say_so()
    {
        using var ctx = OrderInConfirmation(Roles.Supervisor);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", BriefPath, HttpStatusCode.OK, CustomerSamples.Brief(flagged: false, firstOrder: true, customer: false));

        var cut = Render(ctx);

        cut.WaitForAssertion(() => cut.Find("[data-testid=no-history]"));
        Assert.Empty(cut.FindAll("[data-testid=refusal-flag]"));
    }

    [Fact]
    public async Task The_history_is_not_asked_for_by_roles_that_may_not_read_customers_or_after_confirmation()
    {
        using var warehouse = new ConsoleTestContext(role: Roles.Warehouse);
        await warehouse.SignedInAsync();
        warehouse.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(actions: []));
        warehouse.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);
        var cut = Render(warehouse);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=line-state]").Count));
        Assert.Empty(cut.FindAll("[data-testid=customer-history]"));

        using var packing = new ConsoleTestContext(role: Roles.Operator);
        await packing.SignedInAsync();
        packing.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order(stage: "packing", actions: ["cancel"]));
        packing.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);
        var later = Render(packing);
        later.WaitForAssertion(() => Assert.Equal(2, later.FindAll("[data-testid=line-state]").Count));
        Assert.Empty(later.FindAll("[data-testid=customer-history]"));

        Assert.DoesNotContain(warehouse.Api.Requests.Concat(packing.Api.Requests), r => r.Path == BriefPath);
    }

    private static ConsoleTestContext OrderInConfirmation(string role)
    {
        var ctx = new ConsoleTestContext(role);
        ctx.Api.On("GET", OrderPath, HttpStatusCode.OK, Samples.Order());
        ctx.Api.On("GET", "/api/reference/reasons", HttpStatusCode.OK, Samples.Reasons);
        return ctx;
    }

    private static IRenderedComponent<OrderPage> Render(ConsoleTestContext ctx) =>
        ctx.Render<OrderPage>(p => p.Add(c => c.MerchantId, "shop-one").Add(c => c.OrderId, "ORD-TEST1"));

    private static string Text(IRenderedComponent<OrderPage> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();
}
