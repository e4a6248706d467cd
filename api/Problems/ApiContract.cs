using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace Backoffice.Api.Problems;

/// <summary>
/// The OpenAPI shapes endpoints share. Handlers return <see cref="IResult"/> and read bodies through
/// <see cref="JsonBody"/> (for exact error paths), so the document learns the bodies only from this metadata.
/// </summary>
public static class ApiContract
{
    public const string Json = "application/json";

    /// <summary>A read: its body on 200, and the ProblemDetails of a missing or foreign resource.</summary>
    public static RouteHandlerBuilder Reads<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Produces<TResponse>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A write with a JSON body: 400 for JSON that does not parse, 413/415, 422 with field paths.</summary>
    public static RouteHandlerBuilder Writes<TRequest, TResponse>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK)
        where TRequest : notnull =>
        builder.Body<TRequest>()
            .Produces<TResponse>(status, Json)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>
    /// Documents the request body without <c>Accepts</c>: its metadata would make routing answer a wrong media type
    /// itself (before the endpoint's authorization and without our ProblemDetails); <see cref="JsonBody"/> answers 415.
    /// </summary>
    public static RouteHandlerBuilder Body<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TRequest), null, ct).ConfigureAwait(false);
            IOpenApiSchema body = schema;
            if (context.Document is { } document)
            {
                document.AddComponent(typeof(TRequest).Name, schema);
                body = new OpenApiSchemaReference(typeof(TRequest).Name, document);
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = body } },
            };
        });

    /// <summary>Every endpoint behind a policy: 401 without a valid token, 403 for the wrong role or merchant.</summary>
    public static TBuilder Guarded<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
