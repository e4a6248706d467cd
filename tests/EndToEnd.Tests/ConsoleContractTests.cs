using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backoffice.Testing;
using Backoffice.Web.Api;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The console (web/) reads and sends the API's bodies through its own records. This holds the two together: the
/// OpenAPI document of the real host must have every route the console calls, and every property the console reads
/// or sends must be in the schema of that route's body, at every depth.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleContractTests(AzuriteFixture azurite)
{
    /// <summary>What the console calls (web/Api/BackofficeClient.cs): method, route template, the record it reads, the record it sends.</summary>
    public static TheoryData<string, string, Type?, Type?> ConsoleCalls() => new()
    {
        { "get", "/api/work/{stage}", typeof(PageOf<WorkItem>), null },
        { "get", "/api/orders/{merchantId}/{orderId}", typeof(Order), null },
        { "get", "/api/merchants/{merchantId}/orders", typeof(PageOf<MerchantOrder>), null },
        { "post", "/api/orders/{merchantId}/{orderId}/confirm", typeof(Order), typeof(ConfirmRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/cancel", typeof(Order), typeof(CancelRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/cancel-lines", typeof(Order), typeof(CancelLinesRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/pickup", typeof(Order), typeof(PickupRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/pack", typeof(Order), typeof(PackRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/dispatch", typeof(Order), typeof(DispatchRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/delivery", typeof(Order), typeof(DeliveryRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/cash-handover", typeof(Order), typeof(CashHandoverRequest) },
        { "get", "/api/reference/reasons", typeof(Dictionary<string, ReasonOption[]>), null },
        { "get", "/api/merchants", typeof(Merchant[]), null },
        { "get", "/api/merchants/{merchantId}", typeof(Merchant), null },
        { "put", "/api/merchants/{merchantId}", typeof(Merchant), typeof(MerchantRequest) },
        { "post", "/api/merchants/{merchantId}/webhook-secrets", typeof(SecretIssued), null },
        { "get", "/api/merchants/{merchantId}/customers", typeof(PageOf<CustomerSummary>), null },
        { "post", "/api/merchants/{merchantId}/customers/search", typeof(PageOf<CustomerSummary>), typeof(CustomerSearchRequest) },
        { "get", "/api/merchants/{merchantId}/customers/{customerId}", typeof(CustomerProfile), null },
        { "get", "/api/merchants/{merchantId}/customers/by-order/{orderId}", typeof(ConfirmationBrief), null },
        { "post", "/api/merchants/{merchantId}/customers/{customerId}/erasure", typeof(CustomerErased), null },
    };

    [Theory]
    [MemberData(nameof(ConsoleCalls))]
    public async Task Every_route_the_console_calls_exists_and_its_bodies_have_the_properties_the_console_uses(string method, string route, Type? reads, Type? sends)
    {
        var document = await DocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty(route, out var path), $"{route} is not in the OpenAPI document");
        Assert.True(path.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {route} is not in the OpenAPI document");
        var mismatches = new List<string>();
        if (reads is not null)
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("200", out var ok), $"{route}: no 200 response declared");
            Compare(document, ok.GetProperty("content").GetProperty("application/json").GetProperty("schema"), reads, $"{route} response", mismatches);
        }

        if (sends is not null)
        {
            Assert.True(operation.TryGetProperty("requestBody", out var body), $"{route}: no request body declared");
            Compare(document, body.GetProperty("content").GetProperty("application/json").GetProperty("schema"), sends, $"{route} request", mismatches);
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_console_record_the_api_does_not_match_is_reported_property_by_property()
    {
        var document = await DocumentAsync();
        var merchant = document.GetProperty("paths").GetProperty("/api/merchants/{merchantId}").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var mismatches = new List<string>();

        Compare(document, merchant, typeof(Order), "merchant read as an order", mismatches);

        Assert.Contains(mismatches, m => m.EndsWith("Order.orderId is not in the API's schema", StringComparison.Ordinal));
        Assert.DoesNotContain(mismatches, m => m.Contains(".merchantId ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_document_is_openapi_3_1_and_every_command_and_webhook_declares_its_body_and_problems()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        foreach (var route in new[] { "/api/webhooks/{merchantId}/orders", "/api/webhooks/{merchantId}/shopify", "/api/webhooks/{merchantId}/woocommerce", "/api/orders/{merchantId}/{orderId}/confirm" })
        {
            var post = paths.GetProperty(route).GetProperty("post");
            Assert.True(post.TryGetProperty("requestBody", out _), route);
            Assert.True(post.GetProperty("responses").TryGetProperty("422", out var invalid), route);
            Assert.Contains("application/problem+json", invalid.GetProperty("content").EnumerateObject().Select(c => c.Name));
        }

        Assert.Superset(
            new HashSet<string> { "OwnOrderPayload", "ShopifyOrder", "WooOrder", "MerchantRequest", "ConfirmRequest", "DeliveryRequest", "OrderView", "ProblemDetails", "HttpValidationProblemDetails" },
            document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToHashSet());
    }

    private Task<JsonElement> DocumentAsync() => ApiDocument.FetchAsync(azurite);

    /// <summary>Every JSON property of <paramref name="type"/> must be in <paramref name="schema"/>; nested records are followed.</summary>
    private static void Compare(JsonElement document, JsonElement schema, Type type, string where, List<string> mismatches, int depth = 0)
    {
        schema = ApiDocument.Resolve(document, schema);
        if (depth > 6)
        {
            return;
        }

        if (Element(type) is { } element)
        {
            var items = schema.TryGetProperty("items", out var i) ? i : schema.TryGetProperty("additionalProperties", out var a) ? a : default;
            if (items.ValueKind == JsonValueKind.Undefined)
            {
                mismatches.Add($"{where}: the console reads a list or map, the API declares {schema}");
                return;
            }

            Compare(document, items, element, where + "[]", mismatches, depth + 1);
            return;
        }

        if (!IsRecord(type))
        {
            return;
        }

        if (!schema.TryGetProperty("properties", out var properties))
        {
            mismatches.Add($"{where}: the API declares no properties for the console's {type.Name}");
            return;
        }

        foreach (var (name, propertyType) in JsonProperties(type))
        {
            if (!properties.TryGetProperty(name, out var property))
            {
                mismatches.Add($"{where}: the console's {type.Name}.{name} is not in the API's schema");
                continue;
            }

            Compare(document, property, propertyType, $"{where}.{name}", mismatches, depth + 1);
        }
    }

    private static Type? Element(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) ? type.GetGenericArguments()[0]
            : definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) ? type.GetGenericArguments()[1]
            : null;
    }

    private static bool IsRecord(Type type) => type.Namespace == typeof(Order).Namespace && type.IsClass;

    /// <summary>The names the console's JSON options read and write: constructor parameters of the record, camelCase unless renamed.</summary>
    private static IEnumerable<(string Name, Type Type)> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.Name != "EqualityContract")
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType));
}
