using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Auth;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// Every endpoint × (no token, expired token, token signed by another key, wrong role, other merchant), generated from
/// the host's endpoint list. Each test collects every failing cell and reports them together. None of it may change
/// storage.
/// </summary>
[Collection(HardeningWorld.Collection)]
public sealed class TenantIsolationMatrixTests(HardeningWorld world, ITestOutputHelper output)
{
    private const string NoSuchMerchant = "no-such-shop";
    private const string NoSuchOrder = "ORD-0000000000AA";

    private IReadOnlyList<ApiEndpoint> Endpoints => EndpointCatalog.Read(world.Host.Service<EndpointDataSource>(), world.Host.Service<IAuthorizationPolicyProvider>());

    private IReadOnlyList<ApiEndpoint> Protected => Endpoints.Where(e => !e.Anonymous).ToArray();

    [Fact]
    public void Every_api_endpoint_names_the_roles_it_admits_or_is_open_on_purpose()
    {
        var failures = Endpoints
            .Where(e => e.PolicyProblem is not null || (e.Anonymous && !EndpointCatalog.IsKnownOpen(e)))
            .Select(e => $"{e}: {e.PolicyProblem ?? "anonymous, but not in EndpointCatalog.KnownOpen"}")
            .ToArray();

        Assert.True(failures.Length == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_route_parameter_has_a_concrete_value()
    {
        var failures = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            try
            {
                RouteValues.Path(endpoint.Pattern, HardeningWorld.Own, world.OwnOrderId);
            }
            catch (UnknownRouteParameterException ex)
            {
                failures.Add($"{endpoint}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void The_matrix_sees_the_endpoints_of_every_feature()
    {
        var routes = Protected.Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("POST /api/orders/{merchantId}/{orderId}/confirm", routes);
        Assert.Contains("GET /api/work/{stage}", routes);
        Assert.Contains("PUT /api/merchants/{merchantId}/", routes);
        Assert.Contains("GET /api/diagnostics/storage-operations", routes);
        Assert.True(Protected.Count >= 15, $"Only {Protected.Count} protected endpoints: {string.Join(", ", routes)}");
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401_everywhere() =>
        await ExpectEverywhereAsync(world.Client(role: null), 401);

    [Fact]
    public async Task An_expired_token_is_refused_with_401_everywhere()
    {
        var key = world.Host.Service<DevTokenIssuer>().SigningKey.Key;
        var yesterday = new DevTokenIssuer(new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-30)), key);
        var token = yesterday.Issue(Roles.Supervisor, null, lifetime: TimeSpan.FromHours(8));

        await ExpectEverywhereAsync(world.ClientWithToken(token), 401);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused_with_401_everywhere()
    {
        var token = new DevTokenIssuer(TimeProvider.System).Issue(Roles.Supervisor, null);

        await ExpectEverywhereAsync(world.ClientWithToken(token), 401);
    }

    [Fact]
    public async Task Every_role_outside_an_endpoints_policy_is_refused_with_403()
    {
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var failures = new List<string>();
        var cells = 0;
        foreach (var endpoint in Protected)
        {
            foreach (var role in EndpointCatalog.RolesOutside(endpoint))
            {
                cells++;
                var client = world.Client(role, role == Roles.Merchant ? HardeningWorld.Own : null);
                var result = await Probe.SendAsync(client, endpoint, HardeningWorld.Own, world.OwnOrderId);
                if (result.Code != 403)
                {
                    failures.Add($"{endpoint} as {role}: {result}");
                }
            }
        }

        Assert.True(cells > 0, "No wrong-role cells: the matrix is empty.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Empty((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before));
    }

    [Fact]
    public async Task A_merchant_never_reaches_another_merchants_data()
    {
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var merchant = world.Client(Roles.Merchant, HardeningWorld.Own);
        var failures = new List<string>();
        foreach (var endpoint in Protected)
        {
            if (endpoint.HasMerchantInRoute)
            {
                foreach (var otherOrder in world.OtherOrderIds)
                {
                    Check(endpoint, "victim merchant + victim order", await Probe.SendAsync(merchant, endpoint, HardeningWorld.Other, otherOrder), refusalOnly: true);
                }

                // The victim's order id under the caller's own merchant: the lookup is keyed by (merchant, order), so it
                // must find nothing; an endpoint that answers an empty 2xx instead of 404 leaks nothing but is listed.
                var mixed = await Probe.SendAsync(merchant, endpoint, HardeningWorld.Own, world.OtherOrderId);
                Check(endpoint, "own merchant + victim order", mixed, refusalOnly: false);
                if (endpoint.Pattern.Parameters.Any(p => p.Name == RouteValues.OrderId) && mixed.Code is >= 200 and < 300)
                {
                    output.WriteLine($"Answers {mixed.Code} rather than 404 for another merchant's order id under one's own merchant (no data leaked): {endpoint}");
                }
            }
            else
            {
                // No merchant in the route: the endpoint must scope by the principal, whatever the query asks for.
                var result = await Probe.SendAsync(merchant, endpoint, HardeningWorld.Own, world.OtherOrderId, $"merchantId={HardeningWorld.Other}");
                Check(endpoint, "merchantId=victim in the query", result, refusalOnly: false);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Requests on the caller's own merchant may legitimately write (a ledger created on first read); nothing of the victim's may change.
        var victim = (await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before)
            .Where(c => c.Contains(HardeningWorld.Other, StringComparison.Ordinal) || world.OtherOrderIds.Any(o => c.Contains(o, StringComparison.Ordinal)));
        Assert.Empty(victim);

        void Check(ApiEndpoint endpoint, string variant, ProbeResult result, bool refusalOnly)
        {
            if (result.LeakedMarkers.Count > 0)
            {
                failures.Add($"{endpoint} ({variant}) leaked {string.Join(", ", result.LeakedMarkers)}: {result}");
            }
            else if (refusalOnly ? result.Code is not (401 or 403 or 404) : result.Code >= 500)
            {
                failures.Add($"{endpoint} ({variant}): expected {(refusalOnly ? "401/403/404" : "a refusal or a scoped answer")}, got {result}");
            }
        }
    }

    [Fact]
    public async Task Every_role_an_endpoints_policy_names_gets_past_authorization()
    {
        // The positive control: without it, a host that refuses everything would pass the matrix. The ids name nobody,
        // so commands end in 404/422 instead of changing anything.
        var failures = new List<string>();
        foreach (var endpoint in Protected)
        {
            var role = endpoint.AllowedRoles!.FirstOrDefault(r => r != Roles.Merchant) ?? Roles.Merchant;
            var client = world.Client(role, role == Roles.Merchant ? NoSuchMerchant : null);
            var result = await Probe.SendAsync(client, endpoint, NoSuchMerchant, NoSuchOrder);
            if (result.Code is 401 or 403 || result.Code >= 500)
            {
                failures.Add($"{endpoint} as {role}: {result}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_webhook_signed_with_one_merchants_secret_is_refused_for_another_merchant()
    {
        var webhooks = Endpoints.Where(e => e.Anonymous && e.HasMerchantInRoute && e.Route.StartsWith("/api/webhooks/", StringComparison.Ordinal)).ToArray();
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var failures = new List<string>();
        foreach (var endpoint in webhooks)
        {
            var body = Encoding.UTF8.GetBytes(HardeningWorld.VictimOrderJson("CROSS-1"));
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), RouteValues.Path(endpoint.Pattern, HardeningWorld.Other, world.OtherOrderId))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            SignAllFormats(request, body, BackofficeHost.Secret, world.Host.Clock.GetUtcNow());
            var result = await Probe.SendAsync(world.Client(role: null), request);
            if (result.Code is not (401 or 403 or 404) || result.MediaType != "application/problem+json")
            {
                failures.Add($"{endpoint}: {result}");
            }
        }

        Assert.True(webhooks.Length >= 3, $"Expected the three order webhooks at least, found {webhooks.Length}.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Empty((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before));
    }

    /// <summary>Signs as every format does at once, so whichever the endpoint checks finds a valid signature by the wrong merchant.</summary>
    internal static void SignAllFormats(HttpRequestMessage request, byte[] body, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", "msg_cross");
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(secret, "msg_cross", timestamp, body));
        request.Headers.Add("X-Shopify-Hmac-Sha256", WebhookSignatures.SignBody(secret, body));
        request.Headers.Add("X-WC-Webhook-Signature", WebhookSignatures.SignBody(secret, body));
    }

    private async Task ExpectEverywhereAsync(HttpClient client, int expected)
    {
        var before = await StorageSnapshot.TakeAsync(world.Host.Storage);
        var failures = new List<string>();
        foreach (var endpoint in Protected)
        {
            foreach (var target in new[] { (HardeningWorld.Own, world.OwnOrderId), (HardeningWorld.Other, world.OtherOrderId) })
            {
                var result = await Probe.SendAsync(client, endpoint, target.Item1, target.Item2);
                if (result.Code != expected || result.LeakedMarkers.Count > 0)
                {
                    failures.Add($"{endpoint} ({target.Item1}): {result}");
                }
            }
        }

        Assert.NotEmpty(Protected);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Empty((await StorageSnapshot.TakeAsync(world.Host.Storage)).ChangesSince(before));
    }
}
