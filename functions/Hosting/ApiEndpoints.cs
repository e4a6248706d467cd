using Backoffice.Api;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// The api/ endpoints exactly as the local host maps them (<see cref="BackofficeApi.MapBackofficeApi"/>), runnable from an
/// HTTP-triggered function: each [HttpTrigger] wrapper names its method and route and this runs the matching endpoint
/// (its filters, binding and handler) behind the same authentication, authorization, exception and status-code
/// middleware as the local host. So routes and behaviour cannot drift; only the engine differs: order commands go to
/// the orchestration (<see cref="WorkflowCommandGate"/>) and answer 202.
/// </summary>
public sealed class ApiEndpoints
{
    private readonly Dictionary<(string Method, string Pattern), RouteEndpoint> _endpoints;
    private readonly RequestDelegate _pipeline;
    private readonly OrderStore _orders;

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
        _orders = services.GetRequiredService<OrderStore>();
    }

    /// <summary>Every endpoint the API maps (what the local host serves).</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints { get; }

    /// <summary>A route pattern compared without its slashes at either end ("/api/merchants/" is "/api/merchants").</summary>
    public static string Normalize(string? pattern) => "/" + (pattern ?? string.Empty).Trim('/');

    /// <summary>
    /// Runs the endpoint mapped for <paramref name="method"/> and <paramref name="pattern"/> on the function's request and
    /// writes its response. With a <paramref name="workflow"/>, order commands are validated against the read model and
    /// raised into the order's orchestration instead of being applied here.
    /// </summary>
    public async Task<IActionResult> RunAsync(HttpRequest request, string method, string pattern, IOrderWorkflowClient? workflow = null)
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
        if (workflow is not null)
        {
            http.Features.Set<IOrderCommandEngine>(new WorkflowCommandGate(_orders, workflow));
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
