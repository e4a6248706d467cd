using System.Globalization;
using System.Text;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>
/// Writes functions/Http: one [HttpTrigger] wrapper per route the local host serves, grouped by the route's first segment.
/// A failing route test prints the missing ones; <c>FUNCTIONS_REGENERATE_HTTP=1</c> makes it rewrite the folder.
/// </summary>
internal static class WrapperCode
{
    /// <summary>Order webhooks do not go to the API's handler (which would place the order here): they are queued.</summary>
    private static readonly IReadOnlyDictionary<string, string> QueuedWebhooks = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/api/webhooks/{merchantId}/orders"] = "Own",
        ["/api/webhooks/{merchantId}/shopify"] = "Shopify",
        ["/api/webhooks/{merchantId}/woocommerce"] = "WooCommerce",
    };

    public static string For(HttpRoute route)
    {
        var relative = route.Pattern[("/" + FunctionsSurface.RoutePrefix + "/").Length..];
        var name = FunctionName(route);
        var method = route.Method.ToLowerInvariant();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"    [Function(\"{name}\")]");
        text.AppendLine(CultureInfo.InvariantCulture, $"    public Task<IActionResult> {name}(");
        if (QueuedWebhooks.TryGetValue(route.Pattern, out var format))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"        [HttpTrigger(AuthorizationLevel.Anonymous, \"{method}\", Route = \"{relative}\")] HttpRequest request, string merchantId) =>");
            text.AppendLine(CultureInfo.InvariantCulture, $"        intake.HandleAsync(request, merchantId, WebhookFormat.{format});");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"        [HttpTrigger(AuthorizationLevel.Anonymous, \"{method}\", Route = \"{relative}\")] HttpRequest request,");
            text.AppendLine("        [DurableClient] DurableTaskClient durable) =>");
            text.AppendLine(CultureInfo.InvariantCulture, $"        api.RunAsync(request, \"{route.Method}\", \"{route.Pattern}\", new DurableOrderWorkflowClient(durable));");
        }

        return text.ToString();
    }

    public static string File(string group, IReadOnlyList<HttpRoute> routes)
    {
        var queued = routes.Any(r => QueuedWebhooks.ContainsKey(r.Pattern));
        var text = new StringBuilder();
        if (queued)
        {
            text.AppendLine("using Backoffice.Api.Webhooks;");
        }

        text.AppendLine("""
            using Backoffice.Functions.Hosting;
            using Backoffice.Functions.Orders;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Azure.Functions.Worker;
            using Microsoft.DurableTask.Client;

            namespace Backoffice.Functions.Http;

            """);
        text.AppendLine(queued
            ? "/// <summary>Storefront webhooks: orders pass the API's checks and are queued for their orchestration (202); other webhooks go to the API's handlers.</summary>"
            : $"/// <summary>The /api/{Kebab(group)} endpoints, each handed to the API's own handler (generated; see docs/functions.md).</summary>");
        text.AppendLine(CultureInfo.InvariantCulture, $"public sealed class {group}HttpFunctions({(queued ? "ApiEndpoints api, QueuedWebhookIntake intake" : "ApiEndpoints api")})");
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

    public static string Group(HttpRoute route)
    {
        var first = route.Pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "root";
        return string.Concat(first.Split('-', '_').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s[1..]));
    }

    private static string Kebab(string group) =>
        string.Concat(group.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
