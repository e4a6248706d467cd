using Backoffice.Infra.Engine;
using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// What the Functions host adds to the shared composition (<c>AddBackofficeApi</c>): the endpoint runner, the order
/// orchestration's activity steps, the job runner, the engine's settings (purge retention), storage provisioning.
/// Service Bus adapters are added in Program.
/// </summary>
public static class FunctionsComposition
{
    /// <summary>
    /// Settings the Functions host has whatever its app settings say. It runs no background runner
    /// (<c>Runner:Enabled</c>): the triggers are its runner, so nothing the shared composition registers for the local
    /// runner's process (the KPI roll-up at start) runs on every cold start; the KpiRollup timer keeps the figures current.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Runner:Enabled"] = "false",
    };

    /// <summary>Adds <see cref="HostSettings"/> last, so they win over app settings; call it before <c>AddBackofficeApi</c>.</summary>
    public static IConfigurationBuilder AddFunctionsHostSettings(this IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(HostSettings);

    public static IServiceCollection AddFunctionsHost(this IServiceCollection services)
    {
        services.AddRouting();
        services.AddSingleton(sp => new ApiEndpoints(sp, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<OrderLifecycleSteps>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(OrderEngineOptions.Section).Get<OrderEngineOptions>() ?? new OrderEngineOptions());
        services.AddSingleton<ScheduledJobs>();
        services.AddHostedService<StorageProvisioning>();
        return services;
    }
}
