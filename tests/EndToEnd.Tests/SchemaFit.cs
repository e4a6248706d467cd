using System.Text.Json;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// Whether a JSON value fits an OpenAPI 3.1 schema as far as an example can go wrong: a property the schema does not
/// have, a value outside an enum, or the wrong JSON type. Not a full JSON Schema validator (no formats, no required).
/// </summary>
internal static class SchemaFit
{
    public static void Check(JsonElement document, JsonElement schema, JsonElement value, string path, List<string> wrong)
    {
        schema = ApiDocument.Resolve(document, schema);
        if (schema.TryGetProperty("oneOf", out var alternatives) || schema.TryGetProperty("anyOf", out alternatives))
        {
            var fits = alternatives.EnumerateArray().Select(a => { var w = new List<string>(); Check(document, a, value, path, w); return w; }).ToArray();
            if (fits.All(w => w.Count > 0))
            {
                wrong.Add($"{path}: fits none of the alternatives ({string.Join("; ", fits.SelectMany(w => w))})");
            }

            return;
        }

        if (schema.TryGetProperty("enum", out var allowed))
        {
            if (!allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            {
                wrong.Add($"{path}: {value.GetRawText()} is not one of the schema's values");
            }

            return;
        }

        var types = Types(schema);
        if (types.Count > 0 && !types.Contains(TypeOf(value)) && !(TypeOf(value) == "integer" && types.Contains("number")))
        {
            wrong.Add($"{path}: a {TypeOf(value)} where the schema says {string.Join(" or ", types)}");
            return;
        }

        if (value.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in value.EnumerateObject())
            {
                if (properties.TryGetProperty(property.Name, out var propertySchema))
                {
                    Check(document, propertySchema, property.Value, $"{path}.{property.Name}", wrong);
                }
                else if (!schema.TryGetProperty("additionalProperties", out _))
                {
                    wrong.Add($"{path}.{property.Name}: not in the schema");
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(document, items, item, $"{path}[{i++}]", wrong);
            }
        }
    }

    private static HashSet<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet()
        : [type.GetString()!];

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
