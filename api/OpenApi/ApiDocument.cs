using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Backoffice.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document (<c>/openapi/v1.json</c>, browsable at <c>/api/docs</c> on the local host). Bodies and
/// answers come from each mapping's metadata (<see cref="Problems.ApiContract"/>); this adds what no single mapping
/// knows: the bearer scheme and which operations need it, the shapes of properties whose C# type says less than the
/// wire does (<see cref="WireShapes"/>), and which properties a body may leave out (<see cref="OmittedNulls"/>).
/// </summary>
internal static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            // OpenAPI 3.1 (JSON Schema 2020-12), so nullable values are type unions and examples are plain JSON.
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Fulfilment back-office API",
                    Version = "v1",
                    Description = "Orders from storefront webhooks through confirmation, supplier pickup, packing and delivery; merchants, "
                        + "customers, stock, finance and KPIs. Errors are RFC 9457 ProblemDetails with a stable type; 422s name the "
                        + "fields. Every operation may answer 429 with Retry-After.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An Entra ID access token (in Azure), or one from POST /api/dev/token on a Development host.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                // The fallback policy refuses anything not marked anonymous, so "needs a token" is "not anonymous".
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (!metadata.OfType<IAllowAnonymous>().Any() && context.Document is { } document)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
                }

                return Task.CompletedTask;
            });
            o.AddSchemaTransformer(WireShapes.TransformAsync);
            o.AddSchemaTransformer(OmittedNulls.TransformAsync);
        });
}
