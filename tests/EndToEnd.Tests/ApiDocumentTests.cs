using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts;
using Backoffice.Core.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// Issue 14, item 4: the OpenAPI document is the API's contract, for every endpoint. It walks the document the real host
/// serves and fails for an operation that does not say what it answers, a body it does not describe, an error that is
/// not a ProblemDetails, or a protected operation that does not declare its token and refusals.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ApiDocumentTests(AzuriteFixture azurite)
{
    /// <summary>POSTs that take no body: the action is the route. Any other POST or PUT must describe its JSON body.</summary>
    private static readonly HashSet<string> BodylessActions =
    [
        "post /api/merchants/{merchantId}/webhook-secrets",
        "post /api/merchants/{merchantId}/status-secrets",
        "post /api/merchants/{merchantId}/customers/{customerId}/erasure",
        "post /api/finance/merchants/{merchantId}/settlements/{week}/approve",
        "post /api/kpi/rollup",
        "post /api/kpi/rebuild/{merchantId}",
        "post /api/status-deliveries/dead-letters/{merchantId}/{messageId}/resend",
    ];

    /// <summary>Operations anyone may call: health, the Development token, storefront webhooks (signed instead) and the Static Web Apps roles hook.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "get /api/health",
        "post /api/dev/token",
        "post /api/auth/roles",
        "post /api/webhooks/{merchantId}/orders",
        "post /api/webhooks/{merchantId}/shopify",
        "post /api/webhooks/{merchantId}/woocommerce",
        "post /api/webhooks/{merchantId}/traffic",
    ];

    /// <summary>Bodies a reader should see an example of: the order commands, the merchant write and every webhook.</summary>
    private static readonly string[] ExampledBodies =
    [
        "post /api/orders/{merchantId}/{orderId}/confirm",
        "post /api/orders/{merchantId}/{orderId}/cancel",
        "post /api/orders/{merchantId}/{orderId}/cancel-lines",
        "post /api/orders/{merchantId}/{orderId}/pickup",
        "post /api/orders/{merchantId}/{orderId}/pack",
        "post /api/orders/{merchantId}/{orderId}/dispatch",
        "post /api/orders/{merchantId}/{orderId}/delivery",
        "post /api/orders/{merchantId}/{orderId}/cash-handover",
        "put /api/merchants/{merchantId}",
        "post /api/webhooks/{merchantId}/orders",
        "post /api/webhooks/{merchantId}/shopify",
        "post /api/webhooks/{merchantId}/woocommerce",
        "post /api/webhooks/{merchantId}/traffic",
    ];

    private static readonly string[] ProblemSchemas = ["ProblemDetails", "HttpValidationProblemDetails", "OrderCommandProblem"];

    [Fact]
    public async Task Every_operation_declares_what_it_answers_on_success()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var missing = new List<string>();

        foreach (var (method, route, operation) in ApiDocument.Operations(document))
        {
            var successes = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToArray();
            if (successes.Length == 0)
            {
                missing.Add($"{method} {route}: no 2xx response");
            }

            foreach (var success in successes)
            {
                if (!success.Value.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
                {
                    missing.Add($"{method} {route} {success.Name}: no content");
                    continue;
                }

                foreach (var media in content.EnumerateObject())
                {
                    var schema = media.Value.TryGetProperty("schema", out var s) ? s : default;
                    if (IsJson(media.Name) ? !ApiDocument.Describes(schema) : !IsFile(media.Name, schema))
                    {
                        missing.Add($"{method} {route} {success.Name} {media.Name}: {(IsJson(media.Name) ? "no schema" : "not a declared file type")}");
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_post_and_put_describes_its_json_body_unless_it_is_a_bodyless_action()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var wrong = new List<string>();

        foreach (var (method, route, operation) in ApiDocument.Operations(document).Where(o => o.Method is "post" or "put"))
        {
            var key = $"{method} {route}";
            var hasBody = operation.TryGetProperty("requestBody", out var body);
            if (BodylessActions.Contains(key))
            {
                if (hasBody)
                {
                    wrong.Add($"{key}: listed as taking no body, but declares one (take it off the list)");
                }

                continue;
            }

            if (!hasBody || !body.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json)
                || !json.TryGetProperty("schema", out var schema) || !ApiDocument.Describes(schema))
            {
                wrong.Add($"{key}: no JSON request schema");
            }
            else if (!body.TryGetProperty("required", out var required) || !required.GetBoolean())
            {
                wrong.Add($"{key}: the body is not marked required");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_error_an_operation_declares_is_a_problem_document()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var wrong = new List<string>();

        foreach (var (method, route, operation) in ApiDocument.Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var schema = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var problem)
                    && problem.TryGetProperty("schema", out var s) && s.TryGetProperty("$ref", out var r) ? r.GetString()!.Split('/')[^1] : null;
                if (schema is null || !ProblemSchemas.Contains(schema))
                {
                    wrong.Add($"{method} {route} {response.Name}: {schema ?? "no application/problem+json schema"}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_operation_says_whether_it_needs_a_token_and_declares_the_refusals_it_can_meet()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var wrong = new List<string>();

        foreach (var (method, route, operation) in ApiDocument.Operations(document))
        {
            var key = $"{method} {route}";
            var responses = operation.GetProperty("responses");
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (secured == Anonymous.Contains(key))
            {
                wrong.Add($"{key}: {(secured ? "anonymous, but the document asks for a token" : "needs a token, but the document does not say so")}");
            }

            var expected = new List<string> { "429" };
            if (secured)
            {
                expected.AddRange(["401", "403"]);
            }

            if (route.Contains('{', StringComparison.Ordinal))
            {
                expected.Add("404");
            }

            wrong.AddRange(expected.Where(code => !responses.TryGetProperty(code, out _)).Select(code => $"{key}: {code} not declared"));
        }

        Assert.Empty(wrong);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task A_property_the_api_leaves_out_when_null_is_not_required()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var order = document.GetProperty("components").GetProperty("schemas").GetProperty("OrderView");
        var required = order.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToHashSet();

        Assert.Contains("orderId", required);
        Assert.DoesNotContain("courierId", required);
        Assert.DoesNotContain("displayName", required);
        var indicators = document.GetProperty("components").GetProperty("schemas").GetProperty("IndicatorRow");
        Assert.Contains("conv", indicators.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_finance_document_shows_both_shapes_its_totals_can_take()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var totals = document.GetProperty("components").GetProperty("schemas").GetProperty("FinanceDocumentView").GetProperty("properties").GetProperty("totals");

        var shapes = totals.GetProperty("oneOf").EnumerateArray().Select(s => ApiDocument.Resolve(document, s).GetProperty("properties")).ToArray();

        Assert.Equal(2, shapes.Length);
        Assert.Contains(shapes, s => s.TryGetProperty("netToTransfer", out _));
        Assert.Contains(shapes, s => s.TryGetProperty("due", out _));
    }

    [Fact]
    public async Task Every_command_the_merchant_write_and_every_webhook_show_examples_that_fit_their_schema()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var operations = ApiDocument.Operations(document).ToDictionary(o => $"{o.Method} {o.Route}", o => o.Operation);
        var wrong = new List<string>();

        foreach (var key in ExampledBodies)
        {
            var json = operations[key].GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            if (!json.TryGetProperty("examples", out var examples) || !examples.EnumerateObject().Any())
            {
                wrong.Add($"{key}: no example");
                continue;
            }

            foreach (var example in examples.EnumerateObject())
            {
                SchemaFit.Check(document, json.GetProperty("schema"), example.Value.GetProperty("value"), $"{key} example {example.Name}", wrong);
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task An_example_that_names_a_field_or_value_the_schema_lacks_is_reported()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var cancel = document.GetProperty("components").GetProperty("schemas").GetProperty("CancelRequest");
        var wrong = new List<string>();

        SchemaFit.Check(document, cancel, JsonDocument.Parse("""{"reason":"bribery","expectedVersion":"3","colour":"red"}""").RootElement, "cancel", wrong);

        Assert.Contains("cancel.reason: \"bribery\" is not one of the schema's values", wrong);
        Assert.Contains(wrong, w => w.StartsWith("cancel.expectedVersion: a string where the schema says", StringComparison.Ordinal) && w.Contains("integer", StringComparison.Ordinal));
        Assert.Contains("cancel.colour: not in the schema", wrong);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("shopify")]
    [InlineData("woocommerce")]
    [InlineData("traffic")]
    public async Task A_webhook_example_from_the_document_is_accepted_by_the_api(string format)
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var examples = document.GetProperty("paths").GetProperty($"/api/webhooks/{{merchantId}}/{format}").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("examples");
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");

        foreach (var example in examples.EnumerateObject())
        {
            var body = Encoding.UTF8.GetBytes(example.Value.GetProperty("value").GetRawText());
            var response = await host.CreateClient().SendAsync(Signed(format, body, host.Now));

            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{format} {example.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>A webhook request signed as its format is: Standard Webhooks for ours and traffic, a body HMAC for the shops.</summary>
    private static HttpRequestMessage Signed(string format, byte[] body, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/shop-one/{format}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (format is "shopify" or "woocommerce")
        {
            request.Headers.Add(format == "shopify" ? "X-Shopify-Hmac-Sha256" : "X-WC-Webhook-Signature", WebhookSignatures.SignBody(BackofficeHost.Secret, body));
            return request;
        }

        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = now.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(BackofficeHost.Secret, id, timestamp, body));
        return request;
    }

    [Fact]
    public async Task A_contract_string_that_carries_an_enum_lists_every_value_the_api_writes_there()
    {
        var document = await ApiDocument.FetchAsync(azurite);
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.Equal(Enum.GetValues<Stage>().Select(s => WireJson.Name(s)), Values(document, "OrderView", "stage"));
        Assert.Equal(Enum.GetValues<CancellationReason>().Select(r => WireJson.Name(r)), Values(document, "CancelRequest", "reason").Where(v => v is not null));
        Assert.Equal(Enum.GetValues<Department>().Select(d => WireJson.Name(d)), Values(document, "LossRow", "department").Where(v => v is not null));
        Assert.Contains(WireJson.Name(PaymentMethod.CashOnDelivery), Values(document, "WorkItemView", "payment"));
        var details = ApiDocument.Resolve(document, schemas.GetProperty("TimelineEntry").GetProperty("properties").GetProperty("details"));
        Assert.True(details.TryGetProperty("anyOf", out _) || details.TryGetProperty("oneOf", out _) || details.TryGetProperty("discriminator", out _), details.ToString());
    }

    /// <summary>The values a property's schema allows, its reference followed (the document names enums as components).</summary>
    private static IEnumerable<string?> Values(JsonElement document, string record, string property) =>
        ApiDocument.Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty(record).GetProperty("properties").GetProperty(property))
            .GetProperty("enum").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString());

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>A download names its concrete media type and says its body is text or bytes.</summary>
    private static bool IsFile(string mediaType, JsonElement schema) =>
        mediaType.Contains('/', StringComparison.Ordinal) && !mediaType.Contains('*', StringComparison.Ordinal)
        && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.GetString() == "string";
}
