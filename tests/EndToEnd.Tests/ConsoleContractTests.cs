using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backoffice.Contracts;
using Backoffice.Contracts.Customers;
using Backoffice.Contracts.Finance;
using Backoffice.Contracts.Kpi;
using Backoffice.Contracts.Merchants;
using Backoffice.Contracts.Orders;
using Backoffice.Contracts.Status;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The console (web/) reads and sends the API's bodies through the shared contracts (contracts/, the records the API
/// answers with), so their shapes cannot differ. What can still drift is the route and what the API declares for it: a
/// route the console calls may move, or an endpoint may answer one record and document another. This holds the two
/// together through the OpenAPI document of the real host: every route the console calls is there, it declares the
/// very record the console reads or sends (by name), and that schema has every property of the record, at every depth.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleContractTests(AzuriteFixture azurite)
{
    /// <summary>
    /// What the console calls (web/Api/BackofficeClient.cs and the finance, KPI and dead-letter pages): method, route
    /// template, the record it reads, the record it sends (null: a file, or an answer it does not read).
    /// </summary>
    public static TheoryData<string, string, Type?, Type?> ConsoleCalls() => new()
    {
        { "get", "/api/work/{stage}", typeof(PageView<WorkItemView>), null },
        { "get", "/api/orders/{merchantId}/{orderId}", typeof(OrderView), null },
        { "get", "/api/merchants/{merchantId}/orders", typeof(PageView<MerchantOrderView>), null },
        { "post", "/api/orders/{merchantId}/{orderId}/confirm", typeof(OrderView), typeof(ConfirmRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/cancel", typeof(OrderView), typeof(CancelRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/cancel-lines", typeof(OrderView), typeof(CancelLinesRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/pickup", typeof(OrderView), typeof(PickupRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/pack", typeof(OrderView), typeof(PackRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/dispatch", typeof(OrderView), typeof(DispatchRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/delivery", typeof(OrderView), typeof(DeliveryRequest) },
        { "post", "/api/orders/{merchantId}/{orderId}/cash-handover", typeof(OrderView), typeof(CashHandoverRequest) },
        { "get", "/api/reference/reasons", typeof(Dictionary<string, ReasonView[]>), null },
        { "get", "/api/merchants", typeof(MerchantView[]), null },
        { "get", "/api/merchants/{merchantId}", typeof(MerchantView), null },
        { "put", "/api/merchants/{merchantId}", typeof(MerchantView), typeof(MerchantRequest) },
        { "post", "/api/merchants/{merchantId}/webhook-secrets", typeof(SecretIssued), null },
        { "get", "/api/merchants/{merchantId}/customers", typeof(CustomerPage), null },
        { "post", "/api/merchants/{merchantId}/customers/search", typeof(CustomerPage), typeof(CustomerSearchRequest) },
        { "get", "/api/merchants/{merchantId}/customers/{customerId}", typeof(CustomerProfileView), null },
        { "get", "/api/merchants/{merchantId}/customers/by-order/{orderId}", typeof(ConfirmationBrief), null },
        { "post", "/api/merchants/{merchantId}/customers/{customerId}/erasure", typeof(ErasureView), null },
        { "get", "/api/merchants/{merchantId}/customers/export.csv", null, null },
        { "get", "/api/finance/settlements", typeof(List<FinanceDocumentView>), null },
        { "get", "/api/finance/merchants/{merchantId}/settlements", typeof(List<FinanceDocumentView>), null },
        { "get", "/api/finance/merchants/{merchantId}/invoices", typeof(List<FinanceDocumentView>), null },
        { "get", "/api/finance/merchants/{merchantId}/settlements/{week}/files/{format}", null, null },
        { "get", "/api/finance/merchants/{merchantId}/invoices/{month}/files/{format}", null, null },
        { "post", "/api/finance/settlement-runs", typeof(List<RunResultView>), typeof(RunRequest) },
        { "post", "/api/finance/invoice-runs", typeof(List<RunResultView>), typeof(RunRequest) },
        { "post", "/api/finance/merchants/{merchantId}/settlements/{week}/approve", typeof(FinanceDocumentView), null },
        { "post", "/api/finance/merchants/{merchantId}/settlements/{week}/payment", typeof(FinanceDocumentView), typeof(PaymentRequest) },
        { "get", "/api/kpi/merchants/{merchantId}/indicators", typeof(KpiReport<IndicatorRow>), null },
        { "get", "/api/kpi/merchants/{merchantId}/funnel", typeof(KpiReport<FunnelRow>), null },
        { "get", "/api/kpi/merchants/{merchantId}/losses", typeof(KpiReport<LossRow>), null },
        { "get", "/api/kpi/totals/{currency}/indicators", typeof(KpiReport<IndicatorRow>), null },
        { "get", "/api/kpi/totals/{currency}/funnel", typeof(KpiReport<FunnelRow>), null },
        { "get", "/api/kpi/totals/{currency}/losses", typeof(KpiReport<LossRow>), null },
        { "get", "/api/status-deliveries/dead-letters", typeof(PageView<DeadLetterView>), null },
        { "post", "/api/status-deliveries/dead-letters/{merchantId}/{messageId}/resend", null, null },
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
            var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            SameRecord(schema, reads, $"{route} response", mismatches);
            Compare(document, schema, reads, $"{route} response", mismatches);
        }

        if (sends is not null)
        {
            Assert.True(operation.TryGetProperty("requestBody", out var body), $"{route}: no request body declared");
            var schema = body.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            SameRecord(schema, sends, $"{route} request", mismatches);
            Compare(document, schema, sends, $"{route} request", mismatches);
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

        Compare(document, merchant, typeof(OrderView), "merchant read as an order", mismatches);
        SameRecord(merchant, typeof(OrderView), "merchant read as an order", mismatches);

        Assert.Contains(mismatches, m => m.EndsWith("OrderView.orderId is not in the API's schema", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.EndsWith("the API declares MerchantView, the console reads OrderView", StringComparison.Ordinal));
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

    [Fact]
    public void The_console_and_the_api_name_the_same_roles()
    {
        Assert.Equal(Backoffice.Core.Common.Roles.All, Backoffice.Contracts.Auth.Roles.All);
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

    private static bool IsRecord(Type type) => type.Namespace?.StartsWith("Backoffice.Contracts", StringComparison.Ordinal) == true && type.IsClass;

    /// <summary>
    /// A body declared by reference must name the console's record: the schema of <c>PageView&lt;WorkItemView&gt;</c> is
    /// the component PageViewOfWorkItemView. Lists and maps are followed to their element.
    /// </summary>
    private static void SameRecord(JsonElement schema, Type type, string where, List<string> mismatches)
    {
        if (Element(type) is { } element)
        {
            if (schema.TryGetProperty("items", out var items) || schema.TryGetProperty("additionalProperties", out items))
            {
                SameRecord(items, element, where + "[]", mismatches);
            }

            return;
        }

        if (IsRecord(type) && schema.TryGetProperty("$ref", out var reference) && reference.GetString()!.Split('/')[^1] is var declared && declared != SchemaName(type))
        {
            mismatches.Add($"{where}: the API declares {declared}, the console reads {SchemaName(type)}");
        }
    }

    /// <summary>How Microsoft.AspNetCore.OpenApi names a type's component: its name, generic arguments joined with "Of"/"And".</summary>
    private static string SchemaName(Type type) =>
        !type.IsGenericType ? type.Name : $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaName))}";

    /// <summary>The names the console's JSON options read and write: constructor parameters of the record, camelCase unless renamed.</summary>
    private static IEnumerable<(string Name, Type Type)> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite || type.GetConstructors().Any(c => c.GetParameters().Any(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always } && p.Name != "EqualityContract")
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType));
}
