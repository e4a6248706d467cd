using System.Net;
using System.Net.Http.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Microsoft.AspNetCore.Routing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AuthorizationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Every_endpoint_except_webhooks_health_dev_token_and_roles_source_needs_a_token()
    {
        await using var host = new BackofficeHost(azurite);
        var endpoints = host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .ToArray();
        var open = new[] { "/api/webhooks/", "/api/health", "/api/dev/token", "/api/docs", "/api/auth/roles" };

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints.Where(e => !open.Any(o => e.RoutePattern.RawText!.StartsWith(o, StringComparison.Ordinal))))
        {
            var method = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
            var path = Concrete(endpoint.RoutePattern.RawText!);
            var response = await host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {response.StatusCode} without a token");
        }
    }

    [Theory]
    [InlineData(Roles.Merchant, "confirm")]
    [InlineData(Roles.Courier, "confirm")]
    [InlineData(Roles.Warehouse, "cancel")]
    [InlineData(Roles.Operator, "pack")]
    [InlineData(Roles.Operator, "dispatch")]
    [InlineData(Roles.Finance, "delivery")]
    [InlineData(Roles.Merchant, "cash-handover")]
    public async Task The_wrong_role_is_refused_a_command(string role, string command)
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var orderId = (await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("8001")))).GetProperty("orderId").GetString();

        var response = await host.As(role, role == Roles.Merchant ? "shop-one" : null).PostAsJsonAsync($"/api/orders/shop-one/{orderId}/{command}", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_merchant_sees_its_own_orders_and_never_another_merchants()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");
        var mine = (await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("9001")))).GetProperty("orderId").GetString();
        var theirs = (await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-two", BackofficeHost.OrderJson("9002")))).GetProperty("orderId").GetString();
        var merchant = host.As(Roles.Merchant, "shop-one");

        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync($"/api/orders/shop-one/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync($"/api/orders/shop-two/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync($"/api/orders/shop-one/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/work/Confirmation")).StatusCode);
        var list = await BackofficeHost.JsonAsync(await merchant.GetAsync("/api/merchants"));
        Assert.Equal(["shop-one"], list.EnumerateArray().Select(m => m.GetProperty("merchantId").GetString()));
        var own = await BackofficeHost.JsonAsync(await merchant.GetAsync("/api/merchants/shop-one/orders"));
        Assert.Equal([mine], own.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_or_expired_is_refused()
    {
        await using var host = new BackofficeHost(azurite);
        var foreign = new Backoffice.Api.Auth.DevTokenIssuer(TimeProvider.System).Issue(Roles.Supervisor, null);
        var expired = host.Service<Backoffice.Api.Auth.DevTokenIssuer>().Issue(Roles.Supervisor, null, lifetime: TimeSpan.FromSeconds(-120));

        foreach (var token in new[] { foreign, expired, "not-a-token" })
        {
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/merchants")).StatusCode);
        }
    }

    [Fact]
    public async Task Only_a_supervisor_manages_merchants()
    {
        await using var host = new BackofficeHost(azurite);
        var body = new { name = "New shop", currency = "EUR", timeZone = "Europe/Berlin", tariff = new { fixedPerDeliveredOrder = 150, deliveredValueBasisPoints = 0, cashHandledBasisPoints = 100 } };

        Assert.Equal(HttpStatusCode.Forbidden, (await host.As(Roles.Operator).PutAsJsonAsync("/api/merchants/new-shop", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As(Roles.Merchant, "new-shop").PutAsJsonAsync("/api/merchants/new-shop", body)).StatusCode);
        var created = await host.As(Roles.Supervisor).PutAsJsonAsync("/api/merchants/new-shop", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("whsec_", (await BackofficeHost.JsonAsync(created)).GetProperty("webhookSecret").GetString(), StringComparison.Ordinal);
        var invalid = await host.As(Roles.Supervisor).PutAsJsonAsync("/api/merchants/new-shop", new { timeZone = "Mars/Olympus", deadlines = new { confirmationHours = -1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await BackofficeHost.JsonAsync(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("timeZone", out _) && errors.TryGetProperty("deadlines.confirmationHours", out _));
    }

    [Fact]
    public async Task A_token_in_x_api_authorization_is_accepted_as_static_web_apps_forwards_it()
    {
        await using var host = new BackofficeHost(azurite);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer swa-replaced-this");
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Authorization", "Bearer " + host.Service<Backoffice.Api.Auth.DevTokenIssuer>().Issue(Roles.Supervisor, null));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/merchants")).StatusCode);
    }

    private static string Concrete(string pattern) => pattern
        .Replace("{merchantId}", "shop-one", StringComparison.Ordinal)
        .Replace("{orderId}", "ORD-0000000000AA", StringComparison.Ordinal)
        .Replace("{stage}", "Confirmation", StringComparison.Ordinal)
        .Split('{')[0];
}
