using System.Net;
using Backoffice.Web.Kpi;
using Backoffice.Web.Session;
using Bunit;
using Xunit;

namespace Backoffice.Web.Tests;

public sealed class KpiPageTests
{
    // 12:00 UTC on Monday 2026-11-16 is already 01:00 on Tuesday in Auckland (UTC+13).
    private static readonly DateTimeOffset Noon = new(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_merchant_in_auckland_opens_on_the_two_weeks_up_to_its_own_today()
    {
        using var ctx = new ConsoleTestContext(Roles.Merchant, "shop-one");
        ctx.Clock.SetUtcNow(Noon);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants/shop-one", HttpStatusCode.OK, Merchant("shop-one", "Pacific/Auckland"));

        ctx.Render<KpiPage>();

        var request = ctx.Api.Requests.First(r => r.Path == "/api/kpi/merchants/shop-one/indicators");
        Assert.Contains("from=2026-11-04&to=2026-11-17", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_opening_the_all_merchant_totals_get_the_utc_days_the_api_uses()
    {
        using var ctx = new ConsoleTestContext(Roles.Operator);
        ctx.Clock.SetUtcNow(Noon);
        await ctx.SignedInAsync();
        ctx.Api.On("GET", "/api/merchants", HttpStatusCode.OK, $"[{Merchant("shop-one", "Pacific/Auckland")}]");

        ctx.Render<KpiPage>();

        var request = ctx.Api.Requests.First(r => r.Path == "/api/kpi/totals/EUR/indicators");
        Assert.Contains("from=2026-11-03&to=2026-11-16", request.Query, StringComparison.Ordinal);
    }

    private static string Merchant(string id, string zone) =>
        $$"""{"merchantId":"{{id}}","name":"Shop","currency":"EUR","timeZone":"{{zone}}","statusUrl":null,"active":true}""";
}
