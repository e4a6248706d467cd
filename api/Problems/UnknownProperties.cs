using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Backoffice.Api.Problems;

/// <summary>
/// Finds properties in a JSON body that the target contract does not have, by walking the body beside the serializer's
/// own metadata for the type (so names, casing rules and constructor parameters are exactly what binding uses).
/// </summary>
internal static class UnknownProperties
{
    public static IReadOnlyList<string> Find(JsonElement element, JsonTypeInfo type, string path)
    {
        var found = new List<string>();
        Walk(element, type, path, found);
        return found;
    }

    private static void Walk(JsonElement element, JsonTypeInfo type, string path, List<string> found)
    {
        var options = type.Options;
        switch (type.Kind)
        {
            case JsonTypeInfoKind.Object when element.ValueKind == JsonValueKind.Object:
                var comparer = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                var known = new Dictionary<string, JsonPropertyInfo>(comparer);
                foreach (var property in type.Properties)
                {
                    known.TryAdd(property.Name, property);
                }

                foreach (var member in element.EnumerateObject())
                {
                    var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (!known.TryGetValue(member.Name, out var property))
                    {
                        found.Add(memberPath);
                        continue;
                    }

                    Walk(member.Value, Info(options, property.PropertyType), memberPath, found);
                }

                break;
            case JsonTypeInfoKind.Enumerable when element.ValueKind == JsonValueKind.Array && type.ElementType is { } elementType:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, Info(options, elementType), $"{path}[{index++}]", found);
                }

                break;
        }
    }

    private static JsonTypeInfo Info(JsonSerializerOptions options, Type type) => options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
}
