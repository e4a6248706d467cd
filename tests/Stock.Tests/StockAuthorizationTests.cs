using System.Net;
using System.Net.Http.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Stock.Tests;

/// <summary>Every stock endpoint: the roles without the capability get 403, another merchant's token gets 403, no token 401.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StockAuthorizationTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";
    private const string Order = "ORD-0000000000AB";

    private static readonly (string Method, string Path, string[] Allowed)[] Endpoints =
    [
        ("GET", $"/api/merchants/{Shop}/availability", [Roles.Warehouse, Roles.Supervisor, Roles.Operator, Roles.Merchant]),
        ("GET", $"/api/merchants/{Shop}/stock/A", [Roles.Warehouse, Roles.Supervisor, Roles.Operator, Roles.Merchant]),
        ("GET", $"/api/merchants/{Shop}/stock/A/movements", [Roles.Warehouse, Roles.Supervisor, Roles.Operator, Roles.Merchant]),
        ("GET", $"/api/merchants/{Shop}/orders/{Order}/reservations", [Roles.Warehouse, Roles.Supervisor, Roles.Operator, Roles.Merchant]),
        ("POST", $"/api/merchants/{Shop}/stock/A/receipts", [Roles.Warehouse, Roles.Supervisor]),
        ("POST", $"/api/merchants/{Shop}/stock/A/counts", [Roles.Warehouse, Roles.Supervisor]),
        ("POST", $"/api/merchants/{Shop}/stock/returns", [Roles.Warehouse, Roles.Supervisor]),
    ];

    [Fact]
    public async Task Every_stock_endpoint_refuses_wrong_roles_other_merchants_and_anonymous_callers()
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
                var refused = status is HttpStatusCode.Forbidden;
                if (refused == allowed.Contains(role))
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
        Assert.Null(await host.Service<Infra.Stock.StockLedger>().GetAsync(Shop, "A"));
    }

    /// <summary>Bodies are deliberately invalid: an allowed caller gets a validation answer, never a write.</summary>
    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path) =>
        (method == "GET" ? await client.GetAsync(path) : await client.PostAsJsonAsync(path, new { quantity = 0, counted = -1 })).StatusCode;
}
