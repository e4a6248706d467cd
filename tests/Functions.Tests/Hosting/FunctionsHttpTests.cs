using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Functions.Tests.Surface;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Functions.Tests.Hosting;

/// <summary>
/// The Functions host's HTTP behaviour against the local host's, on shared storage: the same answers for every route and
/// caller, commands and webhooks included (one command path); the only difference is where the order engine comes from
/// (the invocation's Durable client, here a recorder).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsHttpTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";

    /// <summary>The local hosts here run no engine of their own: nothing in these tests waits for an orchestration.</summary>
    private static readonly Dictionary<string, string> NoLocalEngine = new() { ["OrderEngine:Enabled"] = "false" };

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_local_host_does()
    {
        using var local = new BackofficeHost(azurite, settings: NoLocalEngine);
        await local.AddMerchantAsync(Shop);
        var orderId = await PlaceLocallyAsync(local, "ext-parity-1");
        await using var functions = await FunctionsEmulator.StartAsync(local.Storage, local.Clock);

        var mismatches = new List<string>();
        var compared = 0;
        foreach (var route in LocalApiRoutes.Of(local))
        {
            var path = Fill(route.Pattern, orderId);
            var callers = route.Method == "GET"
                ? new[] { "anonymous", Roles.Supervisor, Roles.Operator, Roles.Merchant + ":shop-two", Roles.Merchant + ":" + Shop }
                : ["anonymous", Roles.Merchant + ":shop-two"];
            foreach (var caller in callers)
            {
                using var expected = await SendAsync(Client(caller, local.CreateClient(), local.As), route.Method, path);
                using var actual = await SendAsync(Client(caller, functions.Anonymous(), functions.As), route.Method, path);
                compared++;
                var (expectedBody, actualBody) = (await expected.Content.ReadAsStringAsync(), await actual.Content.ReadAsStringAsync());
                // Diagnostics report this process's own counters, which differ between two processes by nature.
                var sameBody = expectedBody == actualBody || route.Pattern.StartsWith("/api/diagnostics/", StringComparison.Ordinal);
                if (expected.StatusCode != actual.StatusCode || (expected.IsSuccessStatusCode && !sameBody))
                {
                    mismatches.Add($"{route.Method} {path} as {caller}: local {(int)expected.StatusCode}, functions {(int)actual.StatusCode}"
                        + (expected.StatusCode == actual.StatusCode ? " (bodies differ)" : string.Empty));
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        Assert.True(compared > 100, $"Only {compared} requests compared.");
        // Every command and webhook above was refused (empty bodies, wrong callers), so nothing reached the engine.
        Assert.Empty(functions.Engine.Calls);
    }

    [Fact]
    public async Task An_operator_command_is_decided_at_once_answers_200_with_the_new_state_and_is_announced_to_the_orchestration()
    {
        using var local = new BackofficeHost(azurite, settings: NoLocalEngine);
        await local.AddMerchantAsync(Shop);
        var orderId = await PlaceLocallyAsync(local, "ext-command-1");
        await using var functions = await FunctionsEmulator.StartAsync(local.Storage, local.Clock);
        var operatorClient = functions.As(Roles.Operator);

        using var confirmed = await operatorClient.PostAsync($"/api/orders/{Shop}/{orderId}/confirm", Json("""{"droppedLines":[]}"""));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var version = int.Parse(confirmed.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"announce {Shop}/{orderId} v{version}", Assert.Single(functions.Engine.Calls));
        var answered = await BackofficeHost.JsonAsync(confirmed);
        Assert.NotEqual("confirmation", answered.GetProperty("stage").GetString());

        // Applied here, in the request: the local host reads the same new state from the shared storage.
        var detail = await BackofficeHost.JsonAsync(await local.As(Roles.Supervisor).GetAsync($"/api/orders/{Shop}/{orderId}"));
        Assert.Equal(answered.GetProperty("stage").GetString(), detail.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_refused_command_answers_409_412_or_404_and_announces_nothing()
    {
        using var local = new BackofficeHost(azurite, settings: NoLocalEngine);
        await local.AddMerchantAsync(Shop);
        var orderId = await PlaceLocallyAsync(local, "ext-command-2");
        await using var functions = await FunctionsEmulator.StartAsync(local.Storage, local.Clock);
        var courier = functions.As(Roles.Courier);
        var operatorClient = functions.As(Roles.Operator);

        using var wrongStage = await courier.PostAsync($"/api/orders/{Shop}/{orderId}/cash-handover", Json("""{"amount":100}"""));
        using var stale = await operatorClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{Shop}/{orderId}/confirm")
        {
            Content = Json("""{"droppedLines":[]}"""),
            Headers = { IfMatch = { new EntityTagHeaderValue("\"1\"") } },
        });
        using var unknown = await operatorClient.PostAsync($"/api/orders/{Shop}/{OrderIds.For(Shop, "never-placed")}/confirm", Json("""{"droppedLines":[]}"""));

        Assert.Equal(HttpStatusCode.Conflict, wrongStage.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(functions.Engine.Calls);
    }

    [Fact]
    public async Task An_order_webhook_is_placed_and_its_orchestration_started_with_201_and_a_known_order_answers_200_and_is_started_if_missing()
    {
        using var local = new BackofficeHost(azurite, settings: NoLocalEngine);
        await local.AddMerchantAsync(Shop);
        var known = await PlaceLocallyAsync(local, "ext-known-1");
        await using var functions = await FunctionsEmulator.StartAsync(local.Storage, local.Clock);
        var placed = OrderIds.For(Shop, "ext-new-1");

        using var created = await PostSignedAsync(functions.Anonymous(), local, BackofficeHost.OrderJson("ext-new-1"));
        using var repeat = await PostSignedAsync(functions.Anonymous(), local, BackofficeHost.OrderJson("ext-known-1"));
        using var forged = await PostSignedAsync(functions.Anonymous(), local, BackofficeHost.OrderJson("ext-new-2"), secret: "whsec_" + Convert.ToBase64String(new byte[24]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/orders/{Shop}/{placed}", created.Headers.Location?.OriginalString);
        Assert.True((await BackofficeHost.JsonAsync(created)).GetProperty("created").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(known, (await BackofficeHost.JsonAsync(repeat)).GetProperty("orderId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal([$"start {Shop}/{placed} mayExist=False", $"start {Shop}/{known} mayExist=True"], functions.Engine.Calls);

        // The order is stored before the storefront hears 201: the local host reads it.
        using var detail = await local.As(Roles.Supervisor).GetAsync($"/api/orders/{Shop}/{placed}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
    }

    private static async Task<string> PlaceLocallyAsync(BackofficeHost local, string externalId)
    {
        using var response = await local.PostOrderAsync(Shop, BackofficeHost.OrderJson(externalId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
    }

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, BackofficeHost local, string json, string? secret = null) =>
        client.SendAsync(BackofficeHost.SignedOrderRequest(Shop, json, local.Clock.GetUtcNow(), secret));

    private static HttpClient Client(string caller, HttpClient anonymous, Func<string, string?, HttpClient> signedIn)
    {
        if (caller == "anonymous")
        {
            return anonymous;
        }

        anonymous.Dispose();
        var parts = caller.Split(':');
        return signedIn(parts[0], parts.Length > 1 ? parts[1] : null);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using (client)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                request.Content = Json("{}");
            }

            return await client.SendAsync(request);
        }
    }

    private static string Fill(string pattern, string orderId) => string.Join('/', pattern.Split('/').Select(segment => segment switch
    {
        "{merchantId}" => Shop,
        "{orderId}" => orderId,
        "{stage}" => "Confirmation",
        _ when segment.StartsWith('{') => "x",
        _ => segment,
    }));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
