using Backoffice.Infra.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backoffice.Functions.Hosting;

/// <summary>
/// What the Functions host adds to the shared composition (<c>AddBackofficeApi</c>): the endpoint runner, the queued
/// intake, the workflow's activities, the job runner, storage provisioning. Service Bus adapters are added in Program.
/// </summary>
public static class FunctionsComposition
{
    public static IServiceCollection AddFunctionsHost(this IServiceCollection services)
    {
        services.AddRouting();
        services.AddSingleton(sp => new ApiEndpoints(sp, sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<QueuedWebhookIntake>();
        services.AddSingleton<OrderActivities>();
        services.AddSingleton<ScheduledJobs>();
        services.AddHostedService<StorageProvisioning>();
        return services;
    }
}
