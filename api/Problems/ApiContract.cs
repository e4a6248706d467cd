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
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pdf = "application/pdf";

    /// <summary>A read: its body on 200, and the ProblemDetails of a missing or foreign resource.</summary>
    public static RouteHandlerBuilder Reads<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Produces<TResponse>(StatusCodes.Status200OK, Json)
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// An action without a body (approve, rotate a secret, run a job): what it answers with, and the ProblemDetails of a
    /// missing resource. A POST without a body is listed as such in the document test, so one that forgets its body fails.
    /// </summary>
    public static RouteHandlerBuilder Acts<TResponse>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<TResponse>(status, Json)
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
    /// A signed webhook from a storefront: 201 the first time, 200 with the same answer on a repeat; 401 for a missing or
    /// wrong signature, 404 for an unknown merchant, 413/415, 400 and 422 for the body.
    /// </summary>
    public static RouteHandlerBuilder Intake<TBody, TAccepted>(this RouteHandlerBuilder builder)
        where TBody : notnull =>
        builder.Writes<TBody, TAccepted>(StatusCodes.Status201Created)
            .Produces<TAccepted>(StatusCodes.Status200OK, Json)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>
    /// A file: 200 with one of <paramref name="mediaTypes"/> (bytes, <c>format: binary</c>); 400 for a bad route value,
    /// 404 for a missing document or file.
    /// </summary>
    public static RouteHandlerBuilder Downloads(this RouteHandlerBuilder builder, params string[] mediaTypes) =>
        builder.ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                operation.Responses[Status(StatusCodes.Status200OK)] = File("The file.", mediaTypes);
                return Task.CompletedTask;
            });

    /// <summary>A download that may instead answer 302 to a short-lived read-only SAS link (Finance:Downloads:UseSas).</summary>
    public static RouteHandlerBuilder OrSignedLink(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= [];
            operation.Responses[Status(StatusCodes.Status302Found)] = new OpenApiResponse
            {
                Description = "Where Finance:Downloads:UseSas is on: a short-lived read-only link to the file, in Location.",
            };
            return Task.CompletedTask;
        });

    /// <summary>A read that answers JSON by default and the same report as CSV with <c>format=csv</c>.</summary>
    public static RouteHandlerBuilder ReadsOrCsv<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Reads<TResponse>().AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue(Status(StatusCodes.Status200OK), out var ok) == true
                && ok is OpenApiResponse response)
            {
                response.Description = "The report: JSON, or CSV (one row per line, with the report's scope) with format=csv.";
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content[Csv] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            return Task.CompletedTask;
        });

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

            // Examples added by ApiExamples may already sit on the media type: keep them.
            var examples = operation.RequestBody?.Content?.TryGetValue(Json, out var existing) == true ? existing.Examples : null;
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = body, Examples = examples } },
            };
        });

    /// <summary>Every endpoint behind a policy: 401 without a valid token, 403 for the wrong role or merchant.</summary>
    public static TBuilder Guarded<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    private static string Status(int code) => code.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static OpenApiResponse File(string description, IEnumerable<string> mediaTypes) => new()
    {
        Description = description,
        Content = mediaTypes.ToDictionary(
            t => t,
            _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
    };
}
