using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Functions.Tests.Surface;
using Backoffice.Infra.Workflow;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Functions.Tests.Hosting;

/// <summary>
/// The Functions host's HTTP behaviour against the local host's, on shared storage: same answers for every route and
/// caller, except that order commands are raised into the orchestration (202) and order webhooks are queued (202).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsHttpTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";

    [Fact]
    public async Task Every_route_answers_every_caller_as_the_local_host_does()
    {
        using var local = new BackofficeHost(azurite);
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
        Assert.Empty(functions.Workflow.Raised);
        Assert.Empty(functions.Intake.Queued);
    }

    [Fact]
    public async Task An_operator_command_is_checked_against_the_read_model_then_raised_into_the_orchestration_with_202()
    {
        using var local = new BackofficeHost(azurite);
        await local.AddMerchantAsync(Shop);
        var orderId = await PlaceLocallyAsync(local, "ext-command-1");
        await using var functions = await FunctionsEmulator.StartAsync(local.Storage, local.Clock);
        var operatorClient = functions.As(Roles.Operator);

        using var confirmed = await operatorClient.PostAsync($"/api/orders/{Shop}/{orderId}/confirm", Json("""{"droppedLines":[]}"""));

        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
        Assert.Equal($"/api/orders/{Shop}/{orderId}", confirmed.Headers.Location?.OriginalString);
        var (instanceId, message) = Assert.Single(functions.Workflow.Raised);
        Assert.Equal(OrderWorkflowIds.InstanceId(Shop, orderId), instanceId);
        var command = Assert.IsType<ConfirmOrder>(message.ToCommand());
        Assert.Equal(local.Clock.GetUtcNow(), command.Now);
        Assert.Equal(Roles.Operator, command.By.Role);

        // Nothing was applied here: the orchestration does that; the read model still shows the order unconfirmed.
        var detail = await BackofficeHost.JsonAsync(await local.As(Roles.Supervisor).GetAsync($"/api/orders/{Shop}/{orderId}"));
        Assert.Equal("confirmation", detail.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_command_the_read_model_refuses_answers_409_412_or_404_and_raises_nothing()
    {
        using var local = new BackofficeHost(azurite);
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
        Assert.Empty(functions.Workflow.Raised);
    }

    [Fact]
    public async Task An_order_webhook_is_verified_then_queued_with_202_and_a_known_order_answers_200_without_queueing()
    {
        using var local = new BackofficeHost(azurite);
        await local.AddMerchantAsync(Shop);
        var known = await PlaceLocallyAsync(local, "ext-known-1");
        await using var functions = await FunctionsEmulator.StartAsync(local.Storage, local.Clock);

        using var queued = await PostSignedAsync(functions.Anonymous(), local, BackofficeHost.OrderJson("ext-new-1"));
        using var repeat = await PostSignedAsync(functions.Anonymous(), local, BackofficeHost.OrderJson("ext-known-1"));
        using var forged = await PostSignedAsync(functions.Anonymous(), local, BackofficeHost.OrderJson("ext-new-2"), secret: "whsec_" + Convert.ToBase64String(new byte[24]));

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var place = Assert.Single(functions.Intake.Queued);
        Assert.Equal(OrderIds.For(Shop, "ext-new-1"), place.OrderId);
        Assert.Equal(local.Clock.GetUtcNow(), place.Now);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(known, (await BackofficeHost.JsonAsync(repeat)).GetProperty("orderId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    private static async Task<string> PlaceLocallyAsync(BackofficeHost local, string externalId)
    {
        using var response = await local.PostOrderAsync(Shop, BackofficeHost.OrderJson(externalId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
    }

    private static Task<HttpResponseMessage> PostSignedAsync(HttpClient client, BackofficeHost local, string json, string? secret = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = local.Clock.GetUtcNow().ToUnixTimeSeconds();
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{Shop}/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(secret ?? BackofficeHost.Secret, id, timestamp, body));
        return client.SendAsync(request);
    }

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
