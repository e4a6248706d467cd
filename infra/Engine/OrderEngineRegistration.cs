using Backoffice.Infra.Jobs;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Infra.Engine;

/// <summary>The local host's order engine: sidecar, Durable Task worker (the orchestration and its activities) and client.</summary>
public static class OrderEngineRegistration
{
    public static IServiceCollection AddLocalOrderEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OrderEngineOptions.Section).Get<OrderEngineOptions>() ?? new OrderEngineOptions();
        services.AddSingleton(options);
        services.AddSingleton<OrderLifecycleSteps>();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddDurableSidecar();
        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(registry =>
            {
                registry.AddOrchestrator<OrderLifecycle>(OrderLifecycle.Name);
                registry.AddActivity<AdvanceOrderActivity>(OrderLifecycle.Advance);
                registry.AddActivity<ReachOrderDeadlineActivity>(OrderLifecycle.ReachDeadline);
            });
            builder.UseGrpc();
            builder.UseVersioning(new DurableTaskWorkerOptions.VersioningOptions
            {
                Version = options.Version,
                DefaultVersion = options.Version,
                MatchStrategy = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder,
                FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Reject,
            });
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc();
            builder.UseDefaultVersion(options.Version);
        });

        services.AddSingleton<IOrderEngine>(sp => new DurableOrderEngine(sp.GetRequiredService<DurableTaskClient>()));
        services.AddSingleton<IScheduledJob, FinishedOrderPurgeJob>();
        return services;
    }

    /// <summary>
    /// The sidecar as a hosted service, and the gRPC channel the Durable Task worker and client use to reach it. Call it
    /// before adding the worker: hosted services start in registration order and stop in reverse. The worker and client
    /// get the channel when they are first resolved, which is after the sidecar was constructed.
    /// </summary>
    public static IServiceCollection AddDurableSidecar(this IServiceCollection services)
    {
        services.AddSingleton<DurableSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableSidecar>());
        services.AddOptions<Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<DurableSidecar>((o, sidecar) => o.Channel = sidecar.Channel);
        services.AddOptions<Microsoft.DurableTask.Client.Grpc.GrpcDurableTaskClientOptions>(Microsoft.Extensions.Options.Options.DefaultName)
            .Configure<DurableSidecar>((o, sidecar) => o.Channel = sidecar.Channel);
        return services;
    }
}
