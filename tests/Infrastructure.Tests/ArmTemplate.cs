using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infrastructure.Tests;

/// <summary>
/// One template in the compiled ARM JSON: the root template or the inline template of a nested
/// deployment (each Bicep module compiles into a Microsoft.Resources/deployments resource).
/// </summary>
public sealed class ArmScope
{
    public ArmScope(JsonObject template, ArmResource? deployment, ArmScope? parent)
    {
        Template = template;
        Deployment = deployment;
        Parent = parent;
    }

    public JsonObject Template { get; }

    /// <summary>The Microsoft.Resources/deployments resource whose template this is; null for the root.</summary>
    public ArmResource? Deployment { get; }

    public ArmScope? Parent { get; }
}

/// <summary>A resource found anywhere in a compiled template, with the scope that declares it.</summary>
public sealed record ArmResource(JsonObject Node, ArmScope Scope, string Path)
{
    public string Type => Node["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public string Name => Node["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public JsonObject? Properties => Node["properties"] as JsonObject;

    /// <summary>Deployed only under a condition (<c>if (...)</c> in Bicep).</summary>
    public bool IsConditional => Node["condition"] is not null;

    /// <summary>An <c>existing</c> reference (appears only in languageVersion 2.0 templates).</summary>
    public bool IsExisting => Node["existing"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value at a dotted path below the resource, e.g. "properties.siteConfig.minTlsVersion".</summary>
    public JsonNode? At(string dottedPath) => ArmTemplate.At(Node, dottedPath);

    public override string ToString() => $"{Type} '{Name}' ({Path})";
}

/// <summary>Reading compiled ARM JSON: walking nested deployments and resolving simple references.</summary>
public static partial class ArmTemplate
{
    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("The compiled template is not a JSON object.");

    /// <summary>Every resource of the template and, recursively, of its nested deployment templates.</summary>
    public static IEnumerable<ArmResource> Resources(JsonObject root) => Walk(new ArmScope(root, null, null), "$");

    public static IEnumerable<ArmResource> OfType(JsonObject root, string type) =>
        Resources(root).Where(r => r.Is(type) && !r.IsExisting);

    private static IEnumerable<ArmResource> Walk(ArmScope scope, string path)
    {
        IEnumerable<KeyValuePair<string, JsonNode?>> entries = scope.Template["resources"] switch
        {
            JsonArray array => array
                .Select((node, i) => new KeyValuePair<string, JsonNode?>(i.ToString(CultureInfo.InvariantCulture), node))
                .ToList(),
            JsonObject symbolic => symbolic.ToList(), // languageVersion 2.0: keyed by symbolic name
            _ => [],
        };

        foreach (var (key, node) in entries)
        {
            if (node is not JsonObject obj)
            {
                continue;
            }

            var resource = new ArmResource(obj, scope, $"{path}/resources[{key}]");
            yield return resource;

            if (resource.Is("Microsoft.Resources/deployments") && resource.Properties?["template"] is JsonObject nested)
            {
                foreach (var inner in Walk(new ArmScope(nested, resource, scope), $"{resource.Path}->{resource.Name}"))
                {
                    yield return inner;
                }
            }
        }
    }

    public static JsonNode? At(JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    public static bool IsExpression(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal);

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsLiteral(JsonNode? node, bool expected) =>
        node is JsonValue v && (v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) && v.GetValue<bool>() == expected;

    /// <summary>
    /// Resolves a value that is exactly <c>[parameters('x')]</c> or <c>[variables('x')]</c>, following module
    /// parameters up through the nested deployments to a literal (or a default value). Null when the value is
    /// computed at deployment time. Literals are returned as they are.
    /// </summary>
    public static JsonNode? Resolve(JsonNode? value, ArmScope scope, int depth = 0)
    {
        if (depth > 20 || value is null)
        {
            return null;
        }

        var text = AsString(value);
        if (text is null || !IsExpression(value))
        {
            return value;
        }

        var match = SimpleReference().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        if (match.Groups["kind"].Value == "variables")
        {
            return Resolve(scope.Template["variables"]?[name], scope, depth + 1);
        }

        var passed = scope.Deployment?.Properties?["parameters"]?[name];
        if (passed is JsonObject passedObj && passedObj.ContainsKey("value") && scope.Parent is not null)
        {
            return Resolve(passedObj["value"], scope.Parent, depth + 1);
        }

        return Resolve(scope.Template["parameters"]?[name]?["defaultValue"], scope, depth + 1);
    }

    /// <summary>
    /// Substitutes, inside an expression string, every <c>variables('x')</c> / <c>parameters('x')</c> that
    /// resolves to a literal string, e.g. a role definition GUID held in a variable.
    /// </summary>
    public static string Expand(string? text, ArmScope scope)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return EmbeddedReference().Replace(text, m =>
        {
            var reference = $"[{m.Value}]";
            return AsString(Resolve(JsonValue.Create(reference), scope)) is { } literal && !literal.StartsWith('[')
                ? $"'{literal}'"
                : m.Value;
        });
    }

    [GeneratedRegex(@"^\[(?<kind>parameters|variables)\('(?<name>[^']+)'\)\]$")]
    private static partial Regex SimpleReference();

    [GeneratedRegex(@"(?:parameters|variables)\('[^']+'\)")]
    private static partial Regex EmbeddedReference();
}
