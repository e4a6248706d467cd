using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Backoffice.Api.Http;

/// <summary>
/// Browser security headers on every response of the host that serves the console (the local host; the Static Web App
/// sends the same from web/wwwroot/staticwebapp.config.json, globalHeaders). The content security policy is the one the
/// Blazor WebAssembly console runs under: scripts from this origin plus WebAssembly compilation ('wasm-unsafe-eval'), the
/// build's inline import map by its hash, inline styles (Fluent UI and Radzen set style attributes), nothing framed, no
/// plug-ins. Registered as a startup filter by <c>AddBackofficeApi</c>, so it wraps the whole pipeline without a line in
/// the host's Program.cs.
/// </summary>
public static partial class BrowserSecurityHeaders
{
    /// <summary>The policy without the import map's hash (which <see cref="PolicyFor"/> adds when the page has one).</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "no-referrer";

    /// <summary>The policy for an HTML page: its inline import map (filled in by the build) is allowed by its SHA-256 only.</summary>
    public static string PolicyFor(string? html)
    {
        if (html is null || ImportMap().Match(html) is not { Success: true } map)
        {
            return Policy;
        }

        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.Groups["content"].Value)));
        return Policy.Replace("script-src 'self' 'wasm-unsafe-eval'", $"script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'", StringComparison.Ordinal);
    }

    public static IServiceCollection AddBrowserSecurityHeaders(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, StartupFilter>();

    internal static async Task WriteAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        var page = IsPageRequest(context.Request);
        context.Response.OnStarting(() =>
        {
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers[HeaderNames.ContentSecurityPolicy] = Policy;
            }

            return Task.CompletedTask;
        });

        if (!page)
        {
            await next().ConfigureAwait(false);
            return;
        }

        // An HTML page is read whole (a few KB) to hash its import map; asked uncompressed so it can be read, and never
        // answered 304: a 304 has no body to hash, and the browser would take the bare policy from it for the cached page,
        // which then blocks its own import map.
        context.Request.Headers.AcceptEncoding = "identity";
        context.Request.Headers.IfNoneMatch = default;
        context.Request.Headers.IfModifiedSince = default;
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers[HeaderNames.ContentSecurityPolicy] = PolicyFor(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        if (context.Response.ContentLength is null && !context.Response.HasStarted)
        {
            context.Response.ContentLength = buffer.Length;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A browser navigation (GET asking for HTML), not an API call or a static file.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("<script type=\"importmap\">(?<content>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    private sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) => WriteAsync(context, () => nextMiddleware(context)));
            next(app);
        };
    }
}
