using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Backoffice.Api.OpenApi;

/// <summary>
/// The API leaves null properties out of what it writes (<c>WhenWritingNull</c>), and reads a missing property as null,
/// so a property that may be null cannot be <c>required</c>: a client validating against the schema would refuse an
/// order without a courier. Properties always written (<c>[JsonIgnore(Condition = Never)]</c>, null included) and
/// those marked <c>[Required]</c> stay required.
/// </summary>
internal static class OmittedNulls
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Required is not { Count: > 0 } required)
        {
            return Task.CompletedTask;
        }

        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (MayBeNull(property) && !AlwaysWritten(property) && !property.IsRequired && !Has<RequiredAttribute>(property))
            {
                required.Remove(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static bool MayBeNull(JsonPropertyInfo property) =>
        property.IsGetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null;

    private static bool AlwaysWritten(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Never) == true;

    private static bool Has<TAttribute>(JsonPropertyInfo property)
        where TAttribute : Attribute =>
        property.AttributeProvider?.IsDefined(typeof(TAttribute), inherit: true) == true;
}
