using Backoffice.Api.Http;
using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace Backoffice.Local;

/// <summary>
/// The browsable API reference (Scalar) at <c>/api/docs</c>, reading <c>/openapi/v1.json</c>: operations, schemas, the
/// request examples, and a client to try them with a bearer token (POST /api/dev/token gives one in Development).
/// Its page starts Scalar with an inline script, which the host's content security policy (scripts from this origin
/// only) would block and leave the page blank; each response therefore carries a fresh nonce on its script tags and
/// the same nonce in its own policy, which is otherwise the console's. No fonts or telemetry from elsewhere: the
/// policy allows none.
/// </summary>
internal static class ApiReference
{
    public const string Path = "/api/docs";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, o => o
                .WithTitle("Fulfilment back-office API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .AddPreferredSecuritySchemes("bearer"))
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                http.Response.OnStarting(() =>
                {
                    if (http.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) && value is string nonce)
                    {
                        http.Response.Headers[HeaderNames.ContentSecurityPolicy] = BrowserSecurityHeaders.Policy.Replace(
                            "script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal);
                    }

                    return Task.CompletedTask;
                });
                return await next(context).ConfigureAwait(false);
            });
}
