namespace Backoffice.Local;

/// <summary>
/// The console's navigation fallback, as staticwebapp.config.json's <c>navigationFallback</c> does in Azure: a browser
/// asking for a console address (<c>/orders/…</c>, <c>/work/packing</c>) gets index.html and the app routes it. API, OpenAPI
/// and file requests are left alone, so an unknown <c>/api/…</c> still answers 404 ProblemDetails, not a web page.
/// </summary>
internal static class ConsoleNavigationFallback
{
    private static readonly string[] NotConsole = ["/api", "/openapi", "/_framework", "/_content", "/.auth"];

    public static IApplicationBuilder UseConsoleNavigationFallback(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (IsConsoleNavigation(context.Request))
            {
                context.Request.Path = "/index.html";
            }

            return next(context);
        });

    internal static bool IsConsoleNavigation(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        if (path == "/" || NotConsole.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)))
        {
            return path == "/";
        }

        // A file name (has an extension in its last segment) is a file request, found or not.
        return !Path.HasExtension(path[(path.LastIndexOf('/') + 1)..]);
    }
}
