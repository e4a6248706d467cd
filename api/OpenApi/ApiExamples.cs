using System.Text.Json;
using Backoffice.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Backoffice.Api.OpenApi;

/// <summary>
/// An example of a request body, shown by the browsable reference. <see cref="Value"/> is an instance of the endpoint's
/// request record, so an example cannot name a field the contract does not have; ApiDocumentTests check its enum values
/// against the schema and send the webhook examples to a real host.
/// </summary>
public sealed record BodyExample(string Name, string Summary, object Value);

public static class ApiExamples
{
    /// <summary>Adds <paramref name="examples"/> to the endpoint's JSON request body, written with the API's own JSON options.</summary>
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, params BodyExample[] examples) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var options = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            if (operation.RequestBody is not OpenApiRequestBody body)
            {
                body = new OpenApiRequestBody { Required = true };
                operation.RequestBody = body;
            }

            body.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!body.Content.TryGetValue(ApiContract.Json, out var media))
            {
                media = new OpenApiMediaType();
                body.Content[ApiContract.Json] = media;
            }

            media.Examples ??= new Dictionary<string, IOpenApiExample>();
            foreach (var example in examples)
            {
                media.Examples[example.Name] = new OpenApiExample
                {
                    Summary = example.Summary,
                    Value = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), options),
                };
            }

            return Task.CompletedTask;
        });
}
