using System.Net;
using System.Net.Http.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Customers.Tests;

/// <summary>Every customer endpoint: roles without the capability get 403, another merchant's token 403, no token 401.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerAuthorizationTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";
    private const string Customer = "CUS-000000000000";
    private static readonly string[] Readers = [Roles.Operator, Roles.Supervisor, Roles.Merchant];

    private static readonly (string Method, string Path, string[] Allowed)[] Endpoints =
    [
        ("GET", $"/api/merchants/{Shop}/customers", Readers),
        ("POST", $"/api/merchants/{Shop}/customers/search", Readers),
        ("GET", $"/api/merchants/{Shop}/customers/{Customer}", Readers),
        ("GET", $"/api/merchants/{Shop}/customers/by-order/ORD-0000000000AB", Readers),
        ("GET", $"/api/merchants/{Shop}/customers/export.csv", [Roles.Merchant, Roles.Supervisor]),
        ("POST", $"/api/merchants/{Shop}/customers/{Customer}/calls", [Roles.Operator, Roles.Supervisor]),
        ("PUT", $"/api/merchants/{Shop}/customers/{Customer}/tags", [Roles.Operator, Roles.Supervisor, Roles.Merchant]),
        ("POST", $"/api/merchants/{Shop}/customers/{Customer}/erasure", [Roles.Merchant, Roles.Supervisor]),
    ];

    [Fact]
    public async Task Every_customer_endpoint_refuses_wrong_roles_other_merchants_and_anonymous_callers()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync(Shop);
        await host.AddMerchantAsync("shop-two");
        var failures = new List<string>();
        foreach (var (method, path, allowed) in Endpoints)
        {
            foreach (var role in Roles.All)
            {
                var status = await SendAsync(host.As(role, role == Roles.Merchant ? Shop : null), method, path);
                if ((status == HttpStatusCode.Forbidden) == allowed.Contains(role))
                {
                    failures.Add($"{method} {path} as {role}: {(int)status}");
                }
            }

            if (await SendAsync(host.As(Roles.Merchant, "shop-two"), method, path) != HttpStatusCode.Forbidden)
            {
                failures.Add($"{method} {path} as another merchant was not refused");
            }

            if (await SendAsync(host.CreateClient(), method, path) != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{method} {path} without a token was not 401");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_merchant_cannot_reach_another_merchants_customer_through_its_own_route()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync(Shop);
        await host.AddMerchantAsync("shop-two");
        var theirOrder = await CustomerApi.PlaceAsync(host, "shop-two", "2001");
        var theirs = (await CustomerApi.BriefAsync(host, "shop-two", theirOrder)).GetProperty("customer").GetProperty("customerId").GetString();
        var mine = host.As(Roles.Merchant, Shop);

        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/api/merchants/{Shop}/customers/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/api/merchants/{Shop}/customers/by-order/{theirOrder}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.PostAsJsonAsync($"/api/merchants/{Shop}/customers/{theirs}/erasure", new { })).StatusCode);
        Assert.Empty(await CustomerApi.SearchAsync(host, Roles.Merchant, Shop, new { phone = "+49" }));
        Assert.False((await CustomerApi.BriefAsync(host, "shop-two", theirOrder)).GetProperty("customer").GetProperty("erased").GetBoolean());
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path) => method switch
    {
        "GET" => (await client.GetAsync(path)).StatusCode,
        "PUT" => (await client.PutAsJsonAsync(path, new { tags = new[] { "not ok" } })).StatusCode,
        _ => (await client.PostAsJsonAsync(path, new { outcome = "sometimes" })).StatusCode,
    };
}
