using System.Text.Json;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>The OpenAPI document as the real local host serves it (<c>/openapi/v1.json</c>), fetched once per test run.</summary>
internal static class ApiDocument
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static JsonElement? _document;

    public static async Task<JsonElement> FetchAsync(AzuriteFixture azurite)
    {
        await Gate.WaitAsync();
        try
        {
            if (_document is { } cached)
            {
                return cached;
            }

            await using var host = new BackofficeHost(azurite);
            var response = await host.CreateClient().GetAsync("/openapi/v1.json");
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return _document.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Every operation: method (lower case), route template, and the operation object.</summary>
    public static IEnumerable<(string Method, string Route, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => (o.Name, path.Name, o.Value)));

    /// <summary>Follows a $ref, and the non-null branch of a nullable (3.1 writes nullable references as oneOf/anyOf with null).</summary>
    public static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var name = reference.GetString()!.Split('/')[^1];
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
            }
            else if ((schema.TryGetProperty("oneOf", out var union) || schema.TryGetProperty("anyOf", out union))
                && union.GetArrayLength() == 2
                && union.EnumerateArray().FirstOrDefault(s => !IsNull(s)) is { ValueKind: JsonValueKind.Object } branch
                && union.EnumerateArray().Any(IsNull))
            {
                schema = branch;
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    /// <summary>True when a schema says something about its value: a reference, a type, alternatives, properties or items.</summary>
    public static bool Describes(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && new[] { "$ref", "type", "oneOf", "anyOf", "allOf", "properties", "items", "enum" }.Any(k => schema.TryGetProperty(k, out _));

    private static bool IsNull(JsonElement schema) =>
        schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";
}
