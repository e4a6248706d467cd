using System.Reflection;
using Backoffice.Api.Finance;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backoffice.Api.OpenApi;

/// <summary>
/// Properties whose C# type says less than the JSON does: a finance document's totals are typed <c>object</c> because
/// they have one shape per kind of document. Here the document learns the real shapes, so a client sees them (as
/// <c>oneOf</c>) instead of "any value".
/// </summary>
internal static class WireShapes
{
    private static readonly Dictionary<Type, (string Property, Type[] Shapes)[]> ByOwner = new()
    {
        [typeof(FinanceDocumentView)] = [(nameof(FinanceDocumentView.Totals), [typeof(SettlementTotalsView), typeof(InvoiceTotalsView)])],
    };

    /// <summary>Every property named here, by owner type and C# name (a test reads this to check each one exists).</summary>
    public static IEnumerable<(Type Owner, string Property)> Mapped => ByOwner.SelectMany(o => o.Value.Select(p => (o.Key, p.Property)));

    public static async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (!ByOwner.TryGetValue(context.JsonTypeInfo.Type, out var mapped) || schema.Properties is null)
        {
            return;
        }

        foreach (var (property, shapes) in mapped)
        {
            var json = context.JsonTypeInfo.Properties.Single(p => p.AttributeProvider is MemberInfo m && m.Name == property).Name;
            var alternatives = new List<IOpenApiSchema>();
            foreach (var shape in shapes)
            {
                alternatives.Add(await ComponentAsync(shape, context, ct).ConfigureAwait(false));
            }

            schema.Properties[json] = alternatives.Count == 1 ? alternatives[0] : new OpenApiSchema { OneOf = alternatives };
        }
    }

    /// <summary>The schema of <paramref name="type"/> as a named component, so a client generator gives it its own type.</summary>
    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, ct).ConfigureAwait(false);
        if (context.Document is not { } document)
        {
            return schema;
        }

        document.AddComponent(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, document);
    }
}
