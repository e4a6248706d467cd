using Backoffice.Functions.Hosting;
using Backoffice.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>The HTTP API the local host serves, read from its own endpoint data source.</summary>
internal static class LocalApiRoutes
{
    /// <summary>
    /// Every /api route of the local host except the interactive API reference (/api/docs, Scalar), which is a page for
    /// people browsing the local host, not an API endpoint.
    /// </summary>
    public static IReadOnlyList<HttpRoute> Of(BackofficeHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: ApiEndpoints.Normalize(e.RoutePattern.RawText), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Pattern == "/api" || e.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => !e.Pattern.StartsWith("/api/docs", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => new HttpRoute(m, e.Pattern)))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToArray();
}
