using Backoffice.Infra.Jobs;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Orders;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backoffice.Api.Kpi;

/// <summary>
/// KPIs: the change feed (an order-change observer), traffic intake, the incremental roll-up (a scheduled job, also
/// on demand) and the reports.
/// </summary>
public sealed class KpiModule : IApiModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KpiRollupOptions.Section).Get<KpiRollupOptions>() ?? new KpiRollupOptions();
        services.AddSingleton(options);
        services.AddSingleton<KpiChangeFeed>();
        services.AddSingleton<IOrderChangeObserver>(sp => sp.GetRequiredService<KpiChangeFeed>());
        services.AddSingleton<TrafficStore>();
        services.AddSingleton<KpiFactStore>();
        services.AddSingleton<KpiWatermark>();
        services.AddSingleton<KpiParkedSubjects>();
        services.AddSingleton<KpiRollup>();
        services.AddSingleton<KpiRebuild>();
        services.AddSingleton<KpiReports>();
        services.AddSingleton<TrafficWebhook>();
        services.AddSingleton<IScheduledJob, KpiRollupJob>();
        if (options.RollupOnStart && configuration.GetValue("Runner:Enabled", true))
        {
            services.AddHostedService<KpiStartup>();
        }
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => api.MapKpi();
}
