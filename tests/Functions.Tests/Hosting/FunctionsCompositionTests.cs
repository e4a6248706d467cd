using Backoffice.Api;
using Backoffice.Api.Kpi;
using Backoffice.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Xunit;

namespace Backoffice.Functions.Tests.Hosting;

public sealed class FunctionsCompositionTests
{
    private static readonly Dictionary<string, string?> AppSettings = new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Runner:Enabled"] = "true",
        ["Kpi:RollupOnStart"] = "true",
    };

    [Fact]
    public void The_Functions_host_runs_no_KPI_roll_up_at_start_even_when_app_settings_enable_the_runner()
    {
        var functions = Compose(new ConfigurationBuilder().AddInMemoryCollection(AppSettings).AddFunctionsHostSettings().Build());

        Assert.DoesNotContain(functions, IsKpiStartup);
        Assert.Contains(functions, d => d.ServiceType == typeof(ScheduledJobs));
    }

    [Fact]
    public void The_same_composition_without_the_Functions_host_settings_runs_it_as_the_local_host_does()
    {
        Assert.Contains(Compose(new ConfigurationBuilder().AddInMemoryCollection(AppSettings).Build()), IsKpiStartup);
    }

    private static bool IsKpiStartup(ServiceDescriptor d) => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(KpiStartup);

    private static ServiceCollection Compose(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddBackofficeApi(configuration, new HostingEnvironment { EnvironmentName = Environments.Development, ApplicationName = "Backoffice.Functions" });
        services.AddFunctionsHost();
        return services;
    }
}
