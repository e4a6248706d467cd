using Backoffice.Api;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// The api/ endpoints exactly as the local host maps them (<see cref="BackofficeApi.MapBackofficeApi"/>), runnable from an
/// HTTP-triggered function: each [HttpTrigger] wrapper names its method and route and this runs the matching endpoint
/// (its filters, binding and handler) behind the same authentication, authorization, exception and status-code
/// middleware as the local host. So routes and behaviour cannot drift. The one thing the Functions host supplies per
/// request is the order engine: the invocation's <c>[DurableClient]</c> as a <see cref="DurableOrderEngine"/> in the
/// request's features, where the command path and the webhook intake look for it (the local host has its own in DI).
/// </summary>
public sealed class ApiEndpoints
{
    private readonly Dictionary<(string Method, string Pattern), RouteEndpoint> _endpoints;
    private readonly RequestDelegate _pipeline;

    public ApiEndpoints(IServiceProvider services, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        var routes = new DetachedRouteBuilder(services);
        routes.MapBackofficeApi(environment);
        Endpoints = routes.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToArray();
        _endpoints = Endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: (m, Normalize(e.RoutePattern.RawText)), Endpoint: e)))
            .ToDictionary(x => x.Key, x => x.Endpoint);

        var app = new ApplicationBuilder(services);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Run(context => context.GetEndpoint()?.RequestDelegate?.Invoke(context) ?? Task.CompletedTask);
        _pipeline = app.Build();
    }

    /// <summary>Every endpoint the API maps (what the local host serves).</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints { get; }

    /// <summary>A route pattern compared without its slashes at either end ("/api/merchants/" is "/api/merchants").</summary>
    public static string Normalize(string? pattern) => "/" + (pattern ?? string.Empty).Trim('/');

    /// <summary>
    /// Runs the endpoint mapped for <paramref name="method"/> and <paramref name="pattern"/> on the function's request and
    /// writes its response, with the invocation's Durable client as the order engine (commands announce to the order's
    /// orchestration, webhooks start it).
    /// </summary>
    public Task<IActionResult> RunAsync(HttpRequest request, string method, string pattern, DurableTaskClient? durable) =>
        RunAsync(request, method, pattern, durable is null ? null : new DurableOrderEngine(durable));

    /// <summary>As above with any <see cref="IOrderEngine"/> (tests record what the API asked of it).</summary>
    public async Task<IActionResult> RunAsync(HttpRequest request, string method, string pattern, IOrderEngine? engine)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = request.HttpContext;
        var values = new RouteValueDictionary();
        if (!_endpoints.TryGetValue((method, Normalize(pattern)), out var endpoint)
            || !new TemplateMatcher(TemplateParser.Parse(Normalize(pattern).TrimStart('/')), new RouteValueDictionary()).TryMatch(request.Path, values))
        {
            return new NotFoundResult();
        }

        // The API's endpoint stands in for the function's while it runs; the worker gets its own back afterwards.
        var functionEndpoint = http.GetEndpoint();
        http.Request.RouteValues = values;
        http.SetEndpoint(endpoint);
        if (engine is not null)
        {
            http.Features.Set(engine);
        }

        try
        {
            await _pipeline(http).ConfigureAwait(false);
        }
        finally
        {
            http.SetEndpoint(functionEndpoint);
        }

        return new EmptyResult();
    }

    /// <summary>An endpoint route builder that is not a web application: it only collects what the API maps.</summary>
    private sealed class DetachedRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
