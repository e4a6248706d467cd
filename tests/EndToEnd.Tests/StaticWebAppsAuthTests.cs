using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backoffice.Api.Auth;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The Azure sign-in chain over HTTP: Static Web Apps' rolesSource call (POST /api/auth/roles) and the
/// x-ms-client-principal header scheme, which exists only when Auth:StaticWebApps:Enabled is set.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StaticWebAppsAuthTests(AzuriteFixture azurite)
{
    // What bicep deploys: the setting, and App Service authentication, whose presence the platform announces itself.
    private static readonly Dictionary<string, string> Enabled = new()
    {
        [StaticWebAppsAuthentication.EnabledSetting] = "true",
        [StaticWebAppsAuthentication.PlatformAuthenticationSetting] = "True",
    };

    // ---- rolesSource ----

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Warehouse)]
    [InlineData(Roles.Courier)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Finance)]
    public async Task Each_staff_app_role_becomes_the_same_Static_Web_Apps_role(string role)
    {
        await using var host = new BackofficeHost(azurite);

        Assert.Equal([role], await RolesForAsync(host, ("roles", role), ("name", "Ana")));
    }

    [Fact]
    public async Task A_merchant_with_its_merchant_claim_gets_merchant_and_merchant_id_roles()
    {
        await using var host = new BackofficeHost(azurite);

        Assert.Equal(["merchant", "merchant-shop-one"], await RolesForAsync(host, ("roles", "merchant"), ("extn.merchantId", "shop-one")));
        Assert.Equal(["merchant", "merchant-shop-one"], await RolesForAsync(host, ("roles", "merchant"), ("merchant_id", "shop-one")));
    }

    [Fact]
    public async Task A_merchant_without_one_valid_merchant_gets_no_role()
    {
        await using var host = new BackofficeHost(azurite);

        Assert.Empty(await RolesForAsync(host, ("roles", "merchant")));
        Assert.Empty(await RolesForAsync(host, ("roles", "merchant"), ("extn.merchantId", "Not A Merchant!")));
        Assert.Empty(await RolesForAsync(host, ("roles", "merchant"), ("extn.merchantId", "shop-one"), ("merchant_id", "shop-two")));
    }

    [Fact]
    public async Task The_merchant_role_is_exclusive_so_a_merchant_account_never_gains_staff_roles()
    {
        await using var host = new BackofficeHost(azurite);

        Assert.Equal(["merchant", "merchant-shop-one"], await RolesForAsync(host, ("roles", "supervisor"), ("roles", "merchant"), ("extn.merchantId", "shop-one")));
    }

    [Fact]
    public async Task Unknown_roles_and_a_merchant_claim_on_staff_grant_nothing_extra()
    {
        await using var host = new BackofficeHost(azurite);

        Assert.Empty(await RolesForAsync(host, ("roles", "admin"), ("roles", "Global Administrator"), ("groups", "supervisor")));
        Assert.Empty(await RolesForAsync(host));
        Assert.Equal(["finance"], await RolesForAsync(host, ("roles", "admin"), ("roles", "finance"), ("extn.merchantId", "shop-one")));
    }

    [Fact]
    public async Task The_roles_endpoint_refuses_a_body_that_is_not_JSON_with_a_problem()
    {
        await using var host = new BackofficeHost(azurite);

        using var response = await host.CreateClient().PostAsync("/api/auth/roles", new StringContent("{\"claims\": [", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // ---- the header scheme ----

    [Fact]
    public async Task The_header_scheme_is_off_by_default_and_in_the_local_hosts_settings()
    {
        await using var host = new BackofficeHost(azurite);
        var local = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot(), "local", "appsettings.json")).Build();

        Assert.False(StaticWebAppsAuthentication.IsEnabled(host.Service<IConfiguration>()));
        Assert.False(StaticWebAppsAuthentication.IsEnabled(local));
        Assert.Null(await host.Service<IAuthenticationSchemeProvider>().GetSchemeAsync(StaticWebAppsAuthentication.Scheme));
    }

    [Fact]
    public async Task When_off_a_forged_client_principal_is_ignored()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");

        using var forged = WithPrincipal(host.CreateClient(), Principal(Roles.Supervisor));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/merchants")).StatusCode);

        // A real merchant token stays a merchant whatever header rides along.
        using var merchant = WithPrincipal(host.As(Roles.Merchant, "shop-one"), Principal(Roles.Supervisor));
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/merchants/shop-one")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two")).StatusCode);
    }

    [Fact]
    public async Task When_on_the_forwarded_principal_signs_in_with_its_role()
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        await host.AddMerchantAsync("shop-one");

        using var supervisor = WithPrincipal(host.CreateClient(), Principal(Roles.Supervisor));
        using var courier = WithPrincipal(host.CreateClient(), Principal(Roles.Courier));

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/merchants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await courier.GetAsync("/api/merchants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/merchants")).StatusCode);
    }

    [Fact]
    public async Task When_on_a_merchant_principal_sees_its_own_merchant_and_is_refused_another()
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");
        using var merchant = WithPrincipal(host.CreateClient(), Principal("merchant", "merchant-shop-one"));

        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/merchants/shop-one")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/work/Confirmation")).StatusCode);
        var list = await BackofficeHost.JsonAsync(await merchant.GetAsync("/api/merchants"));
        Assert.Equal(["shop-one"], list.EnumerateArray().Select(m => m.GetProperty("merchantId").GetString()));
    }

    [Fact]
    public async Task When_on_a_merchant_that_also_claims_a_staff_role_stays_a_merchant()
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        await host.AddMerchantAsync("shop-one");
        using var merchant = WithPrincipal(host.CreateClient(), Principal("supervisor", "merchant", "merchant-shop-one"));

        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.PutAsJsonAsync("/api/merchants/new-shop", new { name = "New", currency = "EUR", timeZone = "Europe/Berlin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two")).StatusCode);
    }

    public static TheoryData<string> MalformedHeaders() =>
    [
        "not base64 at all!",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("not json")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("[1,2,3]")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("null")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"userRoles\": \"supervisor\", \"userId\": \"u1\"}")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"userRoles\": [\"supervisor\"]}")),
        Encode(new { identityProvider = "aad", userId = "u1", userDetails = "x", userRoles = new[] { "anonymous", "authenticated", "admin" } }),
        Encode(new { identityProvider = "aad", userId = "u1", userDetails = "x", userRoles = new[] { "authenticated", "merchant" } }),
        Encode(new { identityProvider = "aad", userId = "u1", userDetails = "x", userRoles = new[] { "merchant", "merchant-shop-one", "merchant-shop-two" } }),
        new string('A', StaticWebAppsPrincipal.MaxHeaderLength + 4),
        "",
    ];

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task When_on_a_malformed_or_roleless_client_principal_is_a_401_not_a_500(string header)
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        using var client = WithPrincipal(host.CreateClient(), header);

        using var response = await client.GetAsync("/api/merchants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task When_on_bearer_tokens_still_work_for_callers_that_do_not_come_through_Static_Web_Apps()
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");
        using var merchant = host.As(Roles.Merchant, "shop-one");

        Assert.Equal(HttpStatusCode.OK, (await host.As(Roles.Supervisor).GetAsync("/api/merchants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await merchant.GetAsync("/api/merchants/shop-one")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/merchants/shop-two")).StatusCode);
    }

    // ---- what binds the header to Static Web Apps (issue 15, item 3) ----

    [Fact]
    public async Task The_header_setting_without_App_Service_authentication_refuses_to_start()
    {
        var flagOnly = new Dictionary<string, string> { [StaticWebAppsAuthentication.EnabledSetting] = "true" };
        await using var host = new BackofficeHost(azurite, settings: flagOnly);

        var refusal = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(StaticWebAppsAuthentication.PlatformAuthenticationSetting, Flatten(refusal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_on_a_principal_that_Static_Web_Apps_did_not_proxy_is_not_read()
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        using var forged = WithPrincipal(host.CreateClient(), Principal(Roles.Supervisor), proxied: false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/merchants")).StatusCode);
    }

    public static TheoryData<string, string> InvalidBearers() => new()
    {
        { "Authorization", "Bearer not-a-token" },
        { "Authorization", "Bearer " + ForeignlySignedToken() },
        { "Authorization", "Basic c3VwZXJ2aXNvcjpwYXNz" },
        { AuthSetup.ApiAuthorizationHeader, "Bearer not-a-token" },
        { AuthSetup.ApiAuthorizationHeader, "Bearer " + ForeignlySignedToken() },
    };

    [Theory]
    [MemberData(nameof(InvalidBearers))]
    public async Task When_on_an_invalid_bearer_token_is_a_401_whatever_principal_rides_along(string header, string value)
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        await host.AddMerchantAsync("shop-one");
        var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        using var forged = WithPrincipal(client, Principal(Roles.Supervisor));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/merchants")).StatusCode);
        using var rotate = await forged.PostAsync("/api/merchants/shop-one/webhook-secrets", null);
        Assert.Equal(HttpStatusCode.Unauthorized, rotate.StatusCode);
    }

    [Fact]
    public async Task When_on_a_storefronts_merchant_token_through_Static_Web_Apps_stays_that_merchant()
    {
        await using var host = new BackofficeHost(azurite, settings: Enabled);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");
        var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(AuthSetup.ApiAuthorizationHeader, "Bearer " + host.Service<DevTokenIssuer>().Issue(Roles.Merchant, "shop-one"));
        using var storefront = WithPrincipal(client, Principal(Roles.Supervisor));

        Assert.Equal(HttpStatusCode.OK, (await storefront.GetAsync("/api/merchants/shop-one")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await storefront.GetAsync("/api/merchants/shop-two")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await storefront.GetAsync("/api/work/Confirmation")).StatusCode);
    }

    /// <summary>A token addressed to this API but signed with a key the host does not know.</summary>
    private static string ForeignlySignedToken() => new DevTokenIssuer(TimeProvider.System).Issue(Roles.Supervisor, null);

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);

    // ---- helpers ----

    private static async Task<string[]> RolesForAsync(BackofficeHost host, params (string Typ, string Val)[] claims)
    {
        var body = new
        {
            identityProvider = "aad",
            userId = "d2b4a0c1e5f6",
            userDetails = "person@example.com",
            claims = claims.Select(c => new { typ = c.Typ, val = c.Val }),
            accessToken = "eyJ-not-used",
        };
        using var response = await host.CreateClient().PostAsJsonAsync("/api/auth/roles", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await BackofficeHost.JsonAsync(response);
        return json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();
    }

    private static string Principal(params string[] roles) =>
        Encode(new { identityProvider = "aad", userId = "swa-user-1", userDetails = "person@example.com", userRoles = roles.Prepend("authenticated").Prepend("anonymous") });

    private static string Encode(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value));

    /// <summary>
    /// A request as Static Web Apps forwards it to the linked backend: the principal, and SWA's proxy token in
    /// x-ms-auth-token and (unless the caller's own Authorization is kept for the test) in Authorization.
    /// </summary>
    private static HttpClient WithPrincipal(HttpClient client, string header, bool proxied = true)
    {
        client.DefaultRequestHeaders.TryAddWithoutValidation(StaticWebAppsPrincipal.Header, header);
        if (proxied)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(StaticWebAppsAuthentication.ProxyTokenHeader, ProxyToken);
            if (client.DefaultRequestHeaders.Authorization is null)
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + ProxyToken);
            }
        }

        return client;
    }

    /// <summary>The shape of SWA's proxy token: issued by the SWA, addressed to the Function App (its signature is the platform's to check).</summary>
    private static readonly string ProxyToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
    {
        Issuer = "https://red-sea-123.azurestaticapps.net/.auth",
        Audience = "https://func-backoffice.azurewebsites.net",
        Claims = new Dictionary<string, object> { ["sub"] = "swa-user-1" },
        Expires = DateTime.UtcNow.AddHours(1),
    });

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Backoffice.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Backoffice.slnx not found above the test folder.");
    }
}
