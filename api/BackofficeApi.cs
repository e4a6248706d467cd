using System.Text.Json.Serialization;
using Backoffice.Api.Abuse;
using Backoffice.Api.Auth;
using Backoffice.Api.Http;
using Backoffice.Api.Merchants;
using Backoffice.Api.OpenApi;
using Backoffice.Api.Orders;
using Backoffice.Api.Webhooks;
using Backoffice.Contracts;
using Backoffice.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backoffice.Api;

/// <summary>
/// The shared composition: both hosts (the local one and Azure Functions) call <see cref="AddBackofficeApi"/> and
/// <see cref="MapBackofficeApi"/>, so routes and behaviour cannot drift between them.
/// </summary>
public static class BackofficeApi
{
    public const string RoutePrefix = "/api";

    public sealed record HealthView(string Status);

    public static IServiceCollection AddBackofficeApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddBackofficeStorage(configuration);
        services.AddBackofficeAuth(configuration, environment);
        services.AddProblemDetails();
        services.AddApiDocument();
        services.ConfigureHttpJsonOptions(o =>
        {
            // The contract's conventions (camelCase, enums as camelCase strings, nulls left out), the same the console reads with.
            WireJson.Apply(o.SerializerOptions);

            // Bodies are read strictly (JsonBody): a number sent as a string is a 400. The document is generated from
            // these options, so without this it would promise that "5" is as good as 5.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<ApiRateLimiter>();
        services.AddSingleton<RefusedSignatureLog>();
        services.AddBrowserSecurityHeaders();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton<OrderCommands>();
        foreach (var module in ApiModules.All)
        {
            module.AddServices(services, configuration);
        }

        return services;
    }

    public static RouteGroupBuilder MapBackofficeApi(this IEndpointRouteBuilder app, IHostEnvironment environment)
    {
        // The merchant scope check runs on every endpoint under /api, so a route that names a merchant cannot forget it
        // (POST /api/kpi/rebuild/{merchantId} once did); routes without {merchantId} pass straight through.
        // Rate limits first (the cheapest refusal, and what protects everything after it); see docs/deployment.md.
        var api = app.MapGroup(RoutePrefix);
        api.AddEndpointFilter<RateLimitFilter>();
        api.AddEndpointFilter<MerchantScopeFilter>();
        api.ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/health", () => Results.Ok(new HealthView("ok"))).AllowAnonymous().WithTags("Health").Produces<HealthView>();
        if (environment.IsDevelopment())
        {
            api.MapPost("/dev/token", (DevTokenIssuer.TokenRequest request, DevTokenIssuer issuer, TimeProvider clock) => DevTokenIssuer.Handle(request, issuer, clock))
                .AllowAnonymous().WithTags("Development").WithSummary("Development only: a bearer token for any role.")
                .Produces<DevTokenIssuer.TokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        }

        api.MapWebhooks();
        api.MapOrders();
        api.MapMerchants();
        foreach (var module in ApiModules.All)
        {
            module.MapEndpoints(api);
        }

        return api;
    }
}
