using System.Globalization;
using System.Text;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>
/// Writes functions/Http: one [HttpTrigger] wrapper per route the local host serves, grouped by the route's first segment.
/// A failing route test prints the missing ones; <c>FUNCTIONS_REGENERATE_HTTP=1</c> makes it rewrite the folder.
/// </summary>
internal static class WrapperCode
{
    public static string For(HttpRoute route)
    {
        var relative = route.Pattern[("/" + FunctionsMetadata.RoutePrefix + "/").Length..];
        var name = FunctionName(route);
        var method = route.Method.ToLowerInvariant();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"    [Function(\"{name}\")]");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public Task<IActionResult> {name}(");
        text.AppendLine(CultureInfo.InvariantCulture, $"        [HttpTrigger(AuthorizationLevel.Anonymous, \"{method}\", Route = \"{relative}\")] HttpRequest request,");
        text.AppendLine("        [DurableClient] DurableTaskClient durable) =>");
        text.AppendLine(CultureInfo.InvariantCulture, $"        api.RunAsync(request, \"{route.Method}\", \"{route.Pattern}\", durable);");
        return text.ToString();
    }

    public static string File(string group, IReadOnlyList<HttpRoute> routes)
    {
        var text = new StringBuilder();
        text.AppendLine("""
            using Backoffice.Functions.Hosting;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Azure.Functions.Worker;
            using Microsoft.DurableTask.Client;

            namespace Backoffice.Functions.Http;

            """);
        text.AppendLine(CultureInfo.InvariantCulture, $"/// <summary>The {Title(routes)} endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>");
        text.AppendLine(CultureInfo.InvariantCulture, $"public sealed class {group}HttpFunctions(ApiEndpoints api)");
        text.AppendLine("{");
        text.Append(string.Join(Environment.NewLine, routes.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).Select(For)));
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>Method plus the route's segments in PascalCase, parameters included: unique per route and method.</summary>
    public static string FunctionName(HttpRoute route)
    {
        var segments = route.Pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(s => s.Trim('{', '}').Split(':', '=', '?')[0].TrimStart('*'))
            .SelectMany(s => s.Split('-', '_', '.'))
            .Where(s => s.Length > 0)
            .Select(s => char.ToUpperInvariant(s[0]) + s[1..]);
        return char.ToUpperInvariant(route.Method[0]) + route.Method[1..].ToLowerInvariant() + string.Concat(segments);
    }

    /// <summary>
    /// Wrapper files by the route's first segment. A feature with more routes than fit a file of at most 120 lines is
    /// split by the next literal segment where that has a few routes of its own (/api/merchants/{merchantId}/customers/...
    /// is MerchantsCustomers); the rest stay in the feature's file.
    /// </summary>
    public static IEnumerable<IGrouping<string, HttpRoute>> Groups(IEnumerable<HttpRoute> routes) =>
        routes.GroupBy(r => Segments(r)[0], StringComparer.Ordinal).SelectMany(feature =>
        {
            if (feature.Count() <= MaxRoutesPerFile)
            {
                return feature.GroupBy(_ => Pascal(feature.Key), StringComparer.Ordinal);
            }

            var bySub = feature.GroupBy(SubFeature, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return feature.GroupBy(r => Pascal(feature.Key) + (bySub[SubFeature(r)] >= 3 ? Pascal(SubFeature(r)) : string.Empty), StringComparer.Ordinal);
        });

    private static string SubFeature(HttpRoute route) => Segments(route).Skip(1).FirstOrDefault(s => !s.StartsWith('{')) ?? string.Empty;

    /// <summary>Six lines a wrapper, eleven of header: fifteen keep a file under 120 lines.</summary>
    private const int MaxRoutesPerFile = 15;

    private static string[] Segments(HttpRoute route) =>
        route.Pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).DefaultIfEmpty("root").ToArray();

    private static string Pascal(string segment) =>
        string.Concat(segment.Split('-', '_', '.').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s[1..]));

    /// <summary>The routes' longest common path (whole segments), e.g. /api/merchants/{merchantId}/stock.</summary>
    private static string Title(IReadOnlyList<HttpRoute> routes)
    {
        var common = routes[0].Pattern.Split('/');
        foreach (var route in routes.Skip(1))
        {
            var segments = route.Pattern.Split('/');
            common = common.Zip(segments).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToArray();
        }

        return string.Join('/', common);
    }
}
